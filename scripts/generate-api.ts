// `npm run generate`: starts Todoku in-process over a throw-away SQLite database (no port of its own,
// nothing sent), takes the OpenAPI document the server serves, and writes the typed `paths` and
// `components` the CLI and the console call the API with (src/api-client/openapi.ts). The output depends
// only on the route schemas, so a stale file shows up as a diff (test/api/generated-client.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { loadConfig } from '../src/config.ts';
import { startApp } from '../src/app.ts';
import { createLogger } from '../src/log.ts';

export const GENERATED_FILE = fileURLToPath(new URL('../src/api-client/openapi.ts', import.meta.url));

const HEADER = `// Generated from the API's OpenAPI document by scripts/generate-api.ts: do not edit.
// Run \`npm run generate\` after changing a route's schema (test/api/generated-client.test.ts checks it).
`;

/** The OpenAPI document as GET /api/v1/openapi.json serves it, from a server that lives for this call. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'todoku-generate-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TODOKU_DATA_DIR: dir,
    TODOKU_SIMULATOR_PORT: '0',
    TODOKU_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    TODOKU_DEFAULT_POLICY: 'none',
  });
  const app = await startApp(config, createLogger('silent'));
  try {
    const r = await fetch(`${app.url}/api/v1/openapi.json`);
    if (!r.ok) throw new Error(`openapi.json answered ${r.status}`);
    return (await r.json()) as Record<string, unknown>;
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Keys in a fixed order at every level, so the same schemas always give the same file. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/** The text of src/api-client/openapi.ts for the document the server serves now. */
export async function generateApiTypes(): Promise<string> {
  const document = sortKeys(await openApiDocument()) as OpenAPI3;
  const ast = await openapiTS(document, { alphabetize: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GENERATED_FILE, await generateApiTypes());
  console.log(`書き出しました / wrote ${GENERATED_FILE}`);
}
