// The provider's words → ours, table by table: message statuses into receipts, Twilio error codes and
// HTTP statuses into retries or failures, and which refusals pause the route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomeForError, pauseFor, receiptStatusFor } from '../../../src/routes/http-provider/status.ts';

test('each Twilio message status becomes our receipt status', () => {
  const table: Array<[string, string]> = [
    ['accepted', 'accepted'],
    ['scheduled', 'accepted'],
    ['queued', 'accepted'],
    ['sending', 'accepted'],
    ['sent', 'accepted'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'undeliverable'],
    ['failed', 'rejected'],
    ['canceled', 'deleted'],
    ['partially_delivered', 'unknown'],
    ['DELIVERED', 'delivered'],
    ['something-new', 'unknown'],
  ];
  for (const [status, ours] of table) assert.equal(receiptStatusFor(status), ours, status);
});

test('an error code refines a failed outcome, never a delivery', () => {
  const table: Array<[string, string, string]> = [
    ['undelivered', '30036', 'expired'],
    ['failed', '30036', 'expired'],
    ['undelivered', '30007', 'rejected'],
    ['undelivered', '30004', 'rejected'],
    ['undelivered', '30003', 'undeliverable'],
    ['undelivered', '30005', 'undeliverable'],
    ['failed', '30008', 'rejected'],
    ['undelivered', '12345', 'undeliverable'],
    ['delivered', '30007', 'delivered'],
    ['sent', '30036', 'accepted'],
  ];
  for (const [status, code, ours] of table) assert.equal(receiptStatusFor(status, code), ours, `${status} ${code}`);
});

test('refused sends: Twilio codes decide, else the HTTP status', () => {
  const table: Array<[number, number | undefined, 'retry' | 'failed', string]> = [
    [400, 21211, 'failed', 'TWILIO_21211'],
    [400, 21610, 'failed', 'TWILIO_21610'],
    [400, 21408, 'failed', 'TWILIO_21408'],
    [400, 21614, 'failed', 'TWILIO_21614'],
    [400, 30007, 'failed', 'TWILIO_30007'],
    [400, 21611, 'retry', 'TWILIO_21611'],
    [429, 20429, 'retry', 'TWILIO_20429'],
    [429, undefined, 'retry', 'HTTP_429'],
    [401, 20003, 'retry', 'TWILIO_20003'],
    [401, undefined, 'retry', 'HTTP_401'],
    [404, 20404, 'retry', 'TWILIO_20404'],
    [500, undefined, 'retry', 'HTTP_500'],
    [502, undefined, 'retry', 'HTTP_502'],
    [503, undefined, 'retry', 'HTTP_503'],
    [500, 20500, 'retry', 'TWILIO_20500'],
    [400, undefined, 'failed', 'HTTP_400'],
    [400, 99999, 'failed', 'TWILIO_99999'],
    [422, undefined, 'failed', 'HTTP_422'],
  ];
  for (const [http, code, kind, name] of table) {
    const outcome = outcomeForError(http, code);
    assert.deepEqual([outcome.kind, outcome.code], [kind, name], `${http} ${code}`);
  }
});

test('reasons name the code and read in English and Japanese', () => {
  assert.equal(outcomeForError(400, 21211).reason, "Invalid 'To' phone number (Twilio 21211, HTTP 400) / 宛先番号が不正です");
  assert.equal(outcomeForError(400, 21610).reason, 'Recipient has unsubscribed (replied STOP) (Twilio 21610, HTTP 400) / 受信者が配信停止しています');
  assert.match(outcomeForError(400, undefined, 'odd request').reason, /HTTP 400\): odd request \/ 送信事業者が受け付けませんでした/);
});

test('overload slows the route down; wrong credentials stop it for a while; the rest does not pause it', () => {
  const table: Array<[number | undefined, number, 'slow' | 'route' | undefined]> = [
    [20429, 429, 'slow'],
    [undefined, 429, 'slow'],
    [undefined, 503, 'slow'],
    [21611, 400, 'slow'],
    [20003, 401, 'route'],
    [undefined, 401, 'route'],
    [20404, 404, 'route'],
    [undefined, 500, undefined],
    [21211, 400, undefined],
  ];
  for (const [code, http, pause] of table) assert.equal(pauseFor(code, http), pause, `${http} ${code}`);
});
