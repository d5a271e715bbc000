// The global options (--server, --api-key, --json, --lang) and their defaults from the environment,
// turned into what every command is given: an API client and an output.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiClient } from './api.ts';
import { Output, type Lang } from './output.ts';

export interface GlobalOptions {
  server?: string;
  apiKey?: string;
  json?: boolean;
  lang?: Lang;
}

export interface Cli {
  api: ApiClient;
  out: Output;
}

export function defaultServer(env: NodeJS.ProcessEnv): string {
  return env.TODOKU_SERVER || `http://127.0.0.1:${env.PORT || 3000}`;
}

/** --api-key, else TODOKU_API_KEY, else the key the server wrote to its data directory on first start. */
export function resolveApiKey(option: string | undefined, env: NodeJS.ProcessEnv): { key: string | undefined; source: string } {
  if (option) return { key: option, source: '--api-key' };
  if (env.TODOKU_API_KEY) return { key: env.TODOKU_API_KEY, source: 'TODOKU_API_KEY' };
  const file = resolve(env.TODOKU_DATA_DIR || './data', 'dev-api-key');
  return { key: readKeyFile(file), source: file };
}

function readKeyFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim() || undefined;
  } catch {
    // Missing or unreadable: the API client then explains where a key comes from.
    return undefined;
  }
}

export function createOutput(opts: GlobalOptions): Output {
  return new Output(opts.json === true, opts.lang ?? 'ja');
}

/** Throws a CliError when --server is not a URL. */
export function createCli(opts: GlobalOptions, out: Output, env: NodeJS.ProcessEnv = process.env): Cli {
  const { key, source } = resolveApiKey(opts.apiKey, env);
  return { api: new ApiClient({ server: opts.server ?? defaultServer(env), key, keySource: source, lang: out.lang }), out };
}
