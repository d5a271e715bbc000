// The typed way to call Todoku's REST API, shared by the CLI and the console: openapi-fetch over the
// `paths` generated from the server's OpenAPI document (openapi.ts), so a call names a documented path
// and gets the documented answer's type. Runs in Node and in browsers: no Node-only imports here.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './openapi.ts';

export type { paths, components };
export type ApiClient = Client<paths>;
export type { Middleware };

/** A named response schema of the API (`.meta({ id })` on the server), e.g. `Schema<'Campaign'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

/**
 * An error answer (application/problem+json, RFC 9457) as src/web/api/problem.ts sends it: the title in
 * Japanese, `title_en` in English, a stable `code`, and `details` when the error carries some.
 */
export interface Problem {
  type?: string;
  title?: string;
  title_en?: string;
  status?: number;
  code?: string;
  details?: unknown;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && ('code' in value || 'title' in value);
}

export interface ApiClientOptions {
  /** Replaces the global fetch: the CLI adds its key and turns failures into its errors there. */
  fetch?: (request: Request) => Promise<Response>;
  /** Run in order on every request and answer (the console's CSRF header and 401 handling). */
  middleware?: readonly Middleware[];
  headers?: Record<string, string>;
  credentials?: RequestInit['credentials'];
}

/** A client whose paths start at the server's root (`/api/v1/...`): pass '' in the console, the server URL in the CLI. */
export function createApiClient(baseUrl: string, options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  for (const m of options.middleware ?? []) client.use(m);
  return client;
}
