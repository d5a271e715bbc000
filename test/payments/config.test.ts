// Which payment provider a configuration means: Stripe with its keys (start-up names a missing one),
// the simulator only where SMS go to the SMSC simulator as well, otherwise none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config.ts';

test('by default the payment simulator, and off once a real carrier is configured', () => {
  assert.deepEqual(loadConfig({}).payments, { provider: 'simulator' });
  assert.deepEqual(loadConfig({ TODOKU_SMPP_URL: 'smpp://a:b@smsc.example.net:2775' }).payments, { provider: 'off' });
  assert.deepEqual(loadConfig({ TODOKU_SMPP_URL: 'smpp://a:b@smsc.example.net:2775', TODOKU_PAYMENT_PROVIDER: 'simulator' }).payments, { provider: 'simulator' });
});

test('a Stripe key selects Stripe; its webhook secret is then required, by name', () => {
  assert.deepEqual(loadConfig({ TODOKU_STRIPE_SECRET_KEY: 'sk_test_x', TODOKU_STRIPE_WEBHOOK_SECRET: 'whsec_x', TODOKU_STRIPE_API_BASE: 'http://127.0.0.1:12111' }).payments, {
    provider: 'stripe',
    secretKey: 'sk_test_x',
    webhookSecret: 'whsec_x',
    apiBase: 'http://127.0.0.1:12111',
  });
  assert.throws(() => loadConfig({ TODOKU_STRIPE_SECRET_KEY: 'sk_test_x' }), (e: ConfigError) => {
    assert.deepEqual(e.problems.map((p) => p.split(':')[0]), ['TODOKU_STRIPE_WEBHOOK_SECRET']);
    return true;
  });
  assert.throws(() => loadConfig({ TODOKU_PAYMENT_PROVIDER: 'paypal' }), ConfigError);
});
