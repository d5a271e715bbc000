// The one way the CLI talks to a Todoku server: fetch against /api/v1 with the API key, JSON in and
// out, CSV streamed up and down; problem+json answers and unreachable servers become CliErrors.
import { CliError, EXIT, userError } from './errors.ts';
import { detailLines, type Problem } from './problem.ts';
import type { Lang } from './output.ts';

export interface ApiOptions {
  server: string;
  key: string | undefined;
  /** Where the key came from, for the hint when the server refuses it. */
  keySource: string;
  lang: Lang;
}

type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  query?: Query;
  /** A JSON value, or a raw body (Buffer, or a web ReadableStream that is streamed). */
  json?: unknown;
  body?: Buffer | ReadableStream;
  contentType?: string;
}

// Errors that mean nothing is listening there (or the name does not resolve).
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export const campaignPath = (name: string) => `/campaigns/${encodeURIComponent(name)}`;

export class ApiClient {
  readonly server: string;

  constructor(private readonly opts: ApiOptions) {
    this.server = opts.server.replace(/\/+$/, '');
    if (!URL.canParse(this.server) || !/^https?:$/.test(new URL(this.server).protocol)) {
      throw userError('BAD_SERVER', `サーバーのURLが正しくありません: ${opts.server}（例: http://127.0.0.1:3000）`, `not a server URL: ${opts.server} (e.g. http://127.0.0.1:3000)`);
    }
  }

  url(path: string, query: Query = {}): string {
    const url = new URL(`${this.server}/api/v1${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.send('GET', path, query ? { query } : {})).json() as Promise<T>;
  }

  async post<T>(path: string, json?: unknown): Promise<T> {
    return (await this.send('POST', path, json === undefined ? {} : { json })).json() as Promise<T>;
  }

  async delete(path: string): Promise<void> {
    await this.send('DELETE', path, {});
  }

  /** Any request; resolves only to a 2xx response (its body unread), otherwise throws a CliError. */
  async send(method: string, path: string, options: RequestOptions): Promise<Response> {
    if (!this.opts.key) {
      await this.probe();
      throw new CliError({
        code: 'TODOKU_CLI_NO_API_KEY',
        ja: `APIキーがありません（${this.opts.keySource} が見つかりません）。--api-key か環境変数 TODOKU_API_KEY で指定してください`,
        en: `no API key (${this.opts.keySource} not found): pass --api-key or set TODOKU_API_KEY`,
      });
    }
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.key}`, accept: 'application/json, text/csv' };
    let body: string | Buffer | ReadableStream | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
      body = options.body;
    }
    const init: RequestInit = { method, headers, ...(body === undefined ? {} : { body }), ...(options.body instanceof ReadableStream ? { duplex: 'half' as const } : {}) };
    const response = await this.fetch(this.url(path, options.query), init);
    if (!response.ok) throw await this.problem(response);
    return response;
  }

  /** Whether anything answers at the server's address; throws the "cannot connect" error if not. */
  async probe(): Promise<void> {
    await this.fetch(`${this.server}/health`, { method: 'GET' });
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, init);
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
