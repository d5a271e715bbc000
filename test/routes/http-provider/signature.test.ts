// Callback signatures as Twilio computes them (URL + sorted fields, HMAC-SHA1, base64), and the signed
// timestamp our simulator adds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseForm, sign, urlVariants, verifySignature } from '../../../src/routes/http-provider/signature.ts';

// The worked example of Twilio's "Webhooks security" documentation.
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS: [string, string][] = [
  ['CallSid', 'CA1234567890ABCDE'],
  ['Caller', '+12349013030'],
  ['Digits', '1234'],
  ['From', '+12349013030'],
  ['To', '+18005551212'],
];

test("Twilio's published example gives Twilio's published signature, whatever the field order", () => {
  assert.equal(sign('12345', URL, PARAMS), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  assert.equal(sign('12345', URL, [...PARAMS].reverse()), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  assert.ok(verifySignature('12345', URL, PARAMS, '0/KCTR6DLpKmkAf8muzZqo1nDgQ='));
});

test('a changed field, URL or token, or a truncated signature, does not verify', () => {
  const good = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
  assert.ok(!verifySignature('12345', URL, [...PARAMS.slice(0, 4), ['To', '+18005551213']], good));
  assert.ok(!verifySignature('12345', URL, [...PARAMS, ['Extra', '1']], good));
  assert.ok(!verifySignature('12345', 'https://mycompany.com/other.php?foo=1&bar=2', PARAMS, good));
  assert.ok(!verifySignature('54321', URL, PARAMS, good));
  assert.ok(!verifySignature('12345', URL, PARAMS, good.slice(0, -1)));
  assert.ok(!verifySignature('12345', URL, PARAMS, ''));
});

test('the URL verifies with or without its default port, as Twilio signs either', () => {
  const withPort = 'https://mycompany.com:443/myapp.php?foo=1&bar=2';
  assert.deepEqual(urlVariants(URL), [URL, withPort]);
  assert.deepEqual(urlVariants(withPort), [withPort, URL]);
  assert.deepEqual(urlVariants('http://127.0.0.1:3000/hooks'), ['http://127.0.0.1:3000/hooks']);
  assert.ok(verifySignature('12345', withPort, PARAMS, '0/KCTR6DLpKmkAf8muzZqo1nDgQ='));
  assert.ok(!verifySignature('12345', 'https://mycompany.com:8443/myapp.php?foo=1&bar=2', PARAMS, '0/KCTR6DLpKmkAf8muzZqo1nDgQ='));
});

test('a signed timestamp is part of the signature: it can be neither dropped nor changed', () => {
  const stamped = sign('12345', URL, PARAMS, '1767225600000');
  assert.notEqual(stamped, sign('12345', URL, PARAMS));
  assert.ok(verifySignature('12345', URL, PARAMS, stamped, '1767225600000'));
  assert.ok(!verifySignature('12345', URL, PARAMS, stamped));
  assert.ok(!verifySignature('12345', URL, PARAMS, stamped, '1767225600001'));
});

test('repeated fields are signed in value order; form bodies are read in order with + as space', () => {
  assert.equal(sign('t', 'https://x.test/h', [['A', '2'], ['A', '1']]), sign('t', 'https://x.test/h', [['A', '1'], ['A', '2']]));
  assert.deepEqual(parseForm('Body=%E6%94%AF%E6%89%95%E3%81%84+OK&To=%2B819012345678&Body=2'), [
    ['Body', '支払い OK'],
    ['To', '+819012345678'],
    ['Body', '2'],
  ]);
});
