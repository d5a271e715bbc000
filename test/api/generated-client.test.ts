// The generated API types match the API the server documents today: a route whose schema changed
// without `npm run generate` fails here, before the CLI or the console drift from the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { GENERATED_FILE, generateApiTypes, openApiDocument } from '../../scripts/generate-api.ts';

test('src/api-client/openapi.ts is what npm run generate writes for the current routes', async () => {
  const fresh = await generateApiTypes();
  const committed = readFileSync(GENERATED_FILE, 'utf8');
  assert.ok(fresh === committed, 'src/api-client/openapi.ts is stale: run npm run generate / 生成ファイルが古いので npm run generate を実行してください');
});

test('the API document names its response schemas and leaves pages, console, callbacks and probes out', async () => {
  const document = (await openApiDocument()) as { paths: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } };
  const outside = Object.keys(document.paths).filter((p) => !p.startsWith('/api/v1/'));
  assert.deepEqual(outside, [], 'only /api/v1 routes are documented');
  for (const name of ['Campaign', 'Message']) assert.ok(document.components?.schemas?.[name], `components.schemas.${name}`);
});
