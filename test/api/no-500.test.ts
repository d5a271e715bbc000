// No documented route answers 500 to malformed input: read from the OpenAPI document, every operation
// gets junk path parameters, each query parameter set to malformed values, and (where it takes a body)
// bodies that are not JSON, JSON of the wrong shape, or bytes that are not a CSV. Bad input is a 4xx
// problem; a 500 would mean an input reached code that did not expect it (?mapping={ was one).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/app.ts';
import { campaignWithList } from '../support/factories.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}
type Document = { paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const JUNK_PATH = ['0', '-1', 'abc', '99999999999999999999', '%ZZ', 'a'.repeat(300)];
const JUNK_QUERY = ['{', '{"a":', '[]', '-1', 'abc', '', '1e999', 'a'.repeat(5000), '%ZZ'];
const JUNK_JSON = ['{', 'not json', '[]', 'null', '"text"', '12', '{"a":[[[]]]}'];

let t: TestApp;
let campaignId: number;
let document: Document;
before(async () => {
  t = await startTestApp('sqlite');
  ({ id: campaignId } = await campaignWithList(t, { name: 'no-500', template: '{{name}}様' }, ['氏名,電話番号', '山田 太郎,090-7777-0001'].join('\n')));
  document = (await t.api('GET', '/api/v1/openapi.json')).body as Document;
});
after(async () => t?.stop());

/** Path parameters filled with `value` (or, for {campaign}, the real campaign when `value` is null). */
function fill(path: string, value: string | null): string {
  return path.replace(/\{([^}]+)\}/gu, (_, name: string) => (value === null ? (name === 'campaign' ? String(campaignId) : '1') : value));
}

function wrongShapes(op: Operation): string[] {
  const props = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
  const each = (v: unknown) => JSON.stringify(Object.fromEntries(props.map((p) => [p, v])));
  return props.length === 0 ? [] : [each([]), each({}), each('x'.repeat(10_000)), each(-1), each(null), each(true)];
}

test('no documented route answers 500 to malformed path parameters, query values or bodies', { timeout: 300_000 }, async () => {
  const fivehundreds: string[] = [];
  let requests = 0;
  const send = async (method: string, path: string, body?: string | Uint8Array, contentType?: string) => {
    requests++;
    const r = await t.api(method.toUpperCase(), path, body, contentType ? { contentType } : {});
    if (r.status >= 500) fivehundreds.push(`${method.toUpperCase()} ${path.slice(0, 200)} ${typeof body === 'string' ? body.slice(0, 60) : body ? '<bytes>' : ''} → ${r.status}`);
  };
  for (const [template, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const content = Object.keys(op.requestBody?.content ?? {});
      const hasPath = template.includes('{');
      // Junk path parameters: safe for every method (nothing of that name exists).
      if (hasPath) for (const junk of JUNK_PATH) await send(method, fill(template, encodeURIComponent(junk) === junk ? junk : junk.replace('%ZZ', '%ZZ')));
      // Malformed query values, on the real campaign.
      for (const name of query) {
        for (const junk of JUNK_QUERY) await send(method, `${fill(template, null)}?${name}=${junk === '%ZZ' ? junk : encodeURIComponent(junk)}`, content.includes('text/csv') ? 'x' : undefined, content.includes('text/csv') ? 'text/csv' : undefined);
      }
      // Malformed bodies, on the real campaign.
      if (content.includes('application/json')) {
        for (const body of [...JUNK_JSON, ...wrongShapes(op)]) await send(method, fill(template, null), body, 'application/json');
        await send(method, fill(template, null), '{"a":1}', 'text/plain');
      }
      if (content.some((c) => c !== 'application/json')) {
        const type = content.find((c) => c !== 'application/json')!;
        for (const body of [new Uint8Array([0, 0xff, 0xfe, 0, 1, 2, 0x1b]), '', '"unterminated,quote\n1,2']) await send(method, fill(template, null), body, type);
      }
    }
  }
  assert.ok(requests > 300, `the document's routes were all tried (${requests} requests)`);
  assert.deepEqual(fivehundreds, []);
});

test('?mapping= that is not a JSON object of header → field is a 400 problem saying so, on import and CSV preview alike', async () => {
  for (const path of [`/campaigns/${campaignId}/recipients`, '/csv/preview']) {
    for (const mapping of ['{', '[]', '{"携帯":1}', '{"":"phone"}']) {
      const r = await t.api('POST', `${path}?mapping=${encodeURIComponent(mapping)}`, '氏名,携帯\n山田,090-7777-0002\n', { contentType: 'text/csv' });
      assert.equal(r.status, 400, `${path} ${mapping}`);
      assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/u);
      assert.equal(r.body.code, 'TODOKU_E_VALIDATION');
      assert.match(r.body.title, /mapping は「見出し → 項目」のJSONオブジェクトで指定してください/u);
    }
  }
  const missing = await t.api('POST', `/campaigns/${campaignId}/recipients`);
  assert.equal(missing.status, 400, 'no body is a 400 too');
});
