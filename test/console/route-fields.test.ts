// The route settings form checks what the server's own schemas check: a form the console would save is
// accepted by the route's schema, each field's limits are the schema's, and a new route of each kind
// starts from settings that only lack what the office must type (issue 11 §4).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRouteFields, initialConfig, parseConfig, ROUTE_FIELDS, setField, type ConfigObject } from '../../src/web/console/src/admin/route-fields.ts';
import { smppRouteConfigSchema } from '../../src/routes/smpp/config.ts';
import { httpProviderConfigSchema } from '../../src/routes/http-provider/config.ts';

const SCHEMAS = { smpp: smppRouteConfigSchema, http: httpProviderConfigSchema } as const;
const serverAccepts = (kind: 'smpp' | 'http', config: ConfigObject) => SCHEMAS[kind].safeParse({ ...config, name: 'carrier-a', sender: '0312345678' }).success;
const field = (kind: 'smpp' | 'http', key: string) => ROUTE_FIELDS[kind].find((f) => f.key === key)!;

const FILLED = {
  smpp: { ...initialConfig('smpp'), host: 'smsc.example.net', systemId: 'todoku', password: 'secret' },
  http: { ...initialConfig('http'), accountSid: 'AC123', authToken: 'token', publicBaseUrl: 'https://todoku.example.jp' },
};

describe('route settings form', () => {
  for (const kind of ['smpp', 'http'] as const) {
    test(`${kind}: a new route lacks only the required fields, and once they are typed the server accepts it`, () => {
      assert.deepEqual(Object.keys(checkRouteFields(kind, initialConfig(kind))).sort(), ROUTE_FIELDS[kind].filter((f) => f.required && !f.initial).map((f) => f.key).sort());
      assert.deepEqual(checkRouteFields(kind, FILLED[kind]), {});
      assert.ok(serverAccepts(kind, FILLED[kind]));
    });

    test(`${kind}: every limit of the form is the server's (one past it, both refuse)`, () => {
      for (const f of ROUTE_FIELDS[kind]) {
        const tooFar: (string | number)[] = [];
        if (f.max !== undefined) tooFar.push(f.max + 1);
        if (f.min !== undefined) tooFar.push(f.min - (f.input === 'decimal' ? f.min : 1));
        if (f.maxLength !== undefined && f.maxLength < 100) tooFar.push('x'.repeat(f.maxLength + 1));
        for (const bad of tooFar) {
          const config = setField(FILLED[kind], f, String(bad));
          assert.ok(checkRouteFields(kind, config)[f.key], `the form refuses ${f.key} = ${bad}`);
          assert.equal(serverAccepts(kind, config), false, `the server refuses ${f.key} = ${bad}`);
        }
        if (f.max !== undefined) assert.ok(serverAccepts(kind, setField(FILLED[kind], f, String(f.max))), `${f.key} = ${f.max} is allowed`);
      }
    });
  }

  test('typed text becomes what the schema wants: numbers as numbers, an emptied optional field removed, words for errors', () => {
    const port = setField(FILLED.smpp, field('smpp', 'port'), '2776');
    assert.equal(port.port, 2776);
    const notNumber = setField(FILLED.smpp, field('smpp', 'port'), '27a');
    assert.deepEqual(checkRouteFields('smpp', notNumber).port, { ja: '整数で入力してください', en: 'Must be a whole number' });
    const noRate = setField({ ...FILLED.smpp, maxSubmitsPerSecond: 5 }, field('smpp', 'maxSubmitsPerSecond'), '');
    assert.equal('maxSubmitsPerSecond' in noRate, false);
    assert.ok(serverAccepts('smpp', noRate));
    assert.equal(checkRouteFields('smpp', { ...FILLED.smpp, systemId: 'a-very-long-system-id' }).systemId!.ja, '15文字までです');
    assert.ok(checkRouteFields('http', { ...FILLED.http, baseUrl: 'api.twilio.com' }).baseUrl);
    assert.equal(serverAccepts('http', { ...FILLED.http, baseUrl: 'api.twilio.com' }), false);
  });

  test('settings the form has no field for are kept as they are', () => {
    const advanced = { ...FILLED.smpp, destTon: 2, receiptUtcOffsetMinutes: 540 };
    const changed = setField(advanced, field('smpp', 'window'), '20');
    assert.equal(changed.destTon, 2);
    assert.equal(changed.receiptUtcOffsetMinutes, 540);
    assert.equal(parseConfig('[1,2]'), null);
    assert.equal(parseConfig('{"host": '), null);
    assert.deepEqual(parseConfig(''), {});
  });
});
