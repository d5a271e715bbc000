// The one way the CLI talks to a Todoku server: the typed client generated from the API's OpenAPI
// document (src/api-client), with the API key; CSV streamed up and down; problem+json answers and
// unreachable servers become CliErrors.
import { createApiClient, type ApiClient as TypedClient, type Problem } from '../api-client/client.ts';
import { CliError, EXIT, userError } from './errors.ts';
import { detailLines } from './problem.ts';
import type { Lang } from './output.ts';

export interface ApiOptions {
  server: string;
  key: string | undefined;
  /** Where the key came from, for the hint when the server refuses it. */
  keySource: string;
  lang: Lang;
}

// Errors that mean nothing is listening there (or the name does not resolve).
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** The answer's body. The client's fetch has already thrown for anything but 2xx, so it is there. */
export function answer<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) throw new Error(`${result.response.url}: the answer has no body`);
  return result.data;
}

export class ApiClient {
  readonly server: string;
  /** Typed calls, one per documented path (src/api-client/openapi.ts): `api.http.GET('/api/v1/…', …)`. */
  readonly http: TypedClient;

  constructor(private readonly opts: ApiOptions) {
    this.server = opts.server.replace(/\/+$/, '');
    if (!URL.canParse(this.server) || !/^https?:$/.test(new URL(this.server).protocol)) {
      throw userError('BAD_SERVER', `サーバーのURLが正しくありません: ${opts.server}（例: http://127.0.0.1:3000）`, `not a server URL: ${opts.server} (e.g. http://127.0.0.1:3000)`);
    }
    this.http = createApiClient(this.server, { fetch: (request) => this.send(request) });
  }

  /** Every call: with the key, and resolving only to a 2xx response (its body unread), otherwise a CliError. */
  private async send(request: Request): Promise<Response> {
    if (!this.opts.key) {
      await this.probe();
      throw new CliError({
        code: 'TODOKU_CLI_NO_API_KEY',
        ja: `APIキーがありません（${this.opts.keySource} が見つかりません）。--api-key か環境変数 TODOKU_API_KEY で指定してください`,
        en: `no API key (${this.opts.keySource} not found): pass --api-key or set TODOKU_API_KEY`,
      });
    }
    request.headers.set('authorization', `Bearer ${this.opts.key}`);
    request.headers.set('accept', 'application/json, text/csv');
    const response = await this.fetch(request);
    if (!response.ok) throw await this.problem(response);
    return response;
  }

  /** Whether anything answers at the server's address; throws the "cannot connect" error if not. */
  async probe(): Promise<void> {
    await this.fetch(`${this.server}/health`, { method: 'GET' });
  }

  private async fetch(input: string | Request, init?: RequestInit): Promise<Response> {
    try {
      return await fetch(input, init);
    } catch (err) {
      throw this.networkError(err);
    }
  }

  private networkError(err: unknown): CliError {
    const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
    const code = cause?.code ?? '';
    if (CONNECT_CODES.has(code)) {
      return new CliError({
        code: 'TODOKU_CLI_UNREACHABLE',
        exitCode: EXIT.unreachable,
        ja: `サーバーに接続できません（${this.server}）。サーバーを \`npm start\` で起動するか、--server / TODOKU_SERVER でアドレスを指定してください`,
        en: `cannot connect to the server at ${this.server}: start it with \`npm start\`, or pass --server / set TODOKU_SERVER`,
        details: { cause: code },
      });
    }
    const reason = cause?.message ?? (err instanceof Error ? err.message : String(err));
    return new CliError({
      code: 'TODOKU_CLI_CONNECTION',
      exitCode: EXIT.unreachable,
      ja: `サーバーとの通信が途中で切れました（${this.server}）: ${reason}`,
      en: `the connection to ${this.server} failed: ${reason}`,
      details: { cause: code || reason },
    });
  }

  private async problem(response: Response): Promise<CliError> {
    const type = response.headers.get('content-type') ?? '';
    let problem: Problem = {};
    if (type.includes('json')) {
      try {
        problem = (await response.json()) as Problem;
      } catch {
        // not JSON after all: fall through to the generic message
      }
    }
    const lines = detailLines(problem.details, this.opts.lang);
    if (response.status === 401) {
      lines.push(
        this.opts.lang === 'ja'
          ? `使用したAPIキー: ${this.opts.keySource}（--api-key または TODOKU_API_KEY で指定できます）`
          : `API key used: ${this.opts.keySource} (set it with --api-key or TODOKU_API_KEY)`,
      );
    }
    return new CliError({
      code: problem.code ?? `TODOKU_E_HTTP_${response.status}`,
      ja: problem.title ?? `サーバーがエラーを返しました（HTTP ${response.status}）。--server が Todoku のサーバーを指しているか確認してください`,
      en: problem.title_en ?? `the server answered HTTP ${response.status} ${response.statusText}; check that --server points at a Todoku server`,
      status: response.status,
      lines,
      ...(problem.details === undefined ? {} : { details: problem.details }),
    });
  }
}
