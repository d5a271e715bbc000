#!/usr/bin/env node
// Runs the tests with node's own test runner, in three tiers decided here and nowhere else:
//   unit         the core and pure modules: no database, no sockets, no browser (seconds)
//   integration  the store on SQLite and PostgreSQL, the API, SMPP and HTTP routes, the CLI, processes
//   browser      Chromium on a phone and on a laptop (test/browser)
// Usage: npm test [-- substring ...]                 every tier, one after the other
//        npm run test:unit [-- substring ...]        one tier (also test:integration, test:browser)
// A substring keeps only the files whose path contains it. Every test file must belong to exactly one
// tier: a new file in none (or in two) stops the run before anything starts, and so does a tier entry
// that no longer names a file, so the list cannot quietly rot.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

/**
 * Each tier lists folders (ending in `/`, everything under them) and single files. Folders that mix
 * pure and I/O tests are listed file by file, in both tiers.
 */
const TIERS = {
  unit: [
    'test/architecture/', // which folder may import which, read from the sources
    'test/core/',
    'test/config.test.ts', // TODOKU_TRUST_PROXY and TODOKU_PUBLIC_URL
    'test/import/', // CSV decoding and import over temp files: no database
    'test/console/search.test.ts',
    'test/console/i18n-fill.test.ts', // the console's English plural forms (pure)
    'test/console/route-fields.test.ts', // the route settings form against the routes' schemas (pure)
    'test/dispatch/dispatcher-unit.test.ts', // the dispatcher behind its port: an in-memory queue, no sockets
    'test/dispatch/health.test.ts',
    'test/dispatch/policy-gate.test.ts', // the contact policy over one claimed batch (pure)
    'test/documents/invoice.test.ts',
    'test/export/', // the one CSV cell writer every export and report uses
    'test/documents/zip-names.test.ts',
    'test/landing/answers.test.ts',
    'test/landing/guards.test.ts',
    'test/landing/notice.test.ts',
    'test/landing/page-frame.test.ts', // the page's frame rendered once, the path and body spliced in (pure)
    'test/landing/verify-lookalike.test.ts', // /verify: which pasted links are ours (pure)
    'test/payments/config.test.ts',
    'test/payments/signature.test.ts',
    'test/payments/state.test.ts',
    'test/routes/delivery-window.test.ts',
    'test/routes/http-provider/ledger.test.ts',
    'test/routes/http-provider/signature.test.ts',
    'test/routes/http-provider/status.test.ts',
    'test/routes/smpp/mechanics.test.ts',
    'test/routes/smpp/pacer.test.ts',
    'test/routes/smpp/receipt.test.ts',
    'test/routes/smpp/status.test.ts',
    'test/routes/smpp/submit-parts.test.ts',
    'test/surveys/answers.test.ts',
    'test/webhooks/backoff.test.ts',
    'test/webhooks/endpoint.test.ts',
    'test/webhooks/signature.test.ts',
    'test/webhooks/target.test.ts',
  ],
  integration: [
    'test/accounts/',
    'test/api/', // the generated client against the document of a started app
    'test/bench/', // the benchmarks' paths at test size, correctness only (issue 15), both databases
    'test/cli/',
    'test/campaign/', // correcting a draft's list, deleting and archiving campaigns (API, both databases)
    'test/inbox/',
    'test/evidence/', // the evidence ledger: recording, sequencing, heads, TSA, certificates, bundles (both databases)
    'test/ops/',
    'test/store/',
    'test/tracking/', // campaign states and figures that agree (issue 11 §3), both databases
    'test/web/',
    'test/routes/simulator/',
    'test/routes/receipt-race.test.ts',
    'test/console/console-serve.test.ts',
    'test/console/console-types.test.ts', // runs tsc over the console: a whole-tree check, not a unit
    'test/console/csv-preview.test.ts',
    'test/console/live-funnels.test.ts',
    'test/console/tracking-api.test.ts',
    'test/console/tracking-store.test.ts',
    'test/dispatch/crash-recovery.test.ts',
    'test/dispatch/failover.test.ts',
    'test/dispatch/faults.test.ts',
    'test/dispatch/faults-postgres.test.ts',
    'test/dispatch/multi-worker.test.ts',
    'test/dispatch/pause-resume.test.ts',
    'test/dispatch/policy.test.ts',
    'test/dispatch/slow-receipt-crash.test.ts',
    'test/documents/api.test.ts',
    'test/documents/invoice-required.test.ts',
    'test/documents/issue.test.ts',
    'test/documents/page.test.ts',
    'test/documents/page-at-once.test.ts', // every way a document is written shows on the page at once, both databases
    'test/documents/upload.test.ts',
    'test/landing/guessing-budget.test.ts',
    'test/landing/rate-limit.test.ts', // the guessing brake in the database, both dialects
    'test/landing/shared-budget.test.ts', // two server processes on one PostgreSQL spend one budget
    'test/landing/id-suffix-digits.test.ts',
    'test/landing/landing-store.test.ts',
    'test/landing/open-marks.test.ts', // one open per visitor and window: HTTP bursts, two writers, pruning (both dialects)
    'test/landing/self-service.test.ts', // promise, instalments, dispute, not me through the page's forms (both databases)
    'test/payments/page.test.ts',
    'test/payments/service.test.ts',
    'test/payments/stripe-adapter.test.ts', // a fake Stripe over HTTP
    'test/payments/stripe-flow.test.ts',
    'test/payments/bank-reconciliation.test.ts', // 入金消込 through the API, both databases
    'test/payments/payment-marks.test.ts', // 支払済みにする through the API, both databases
    'test/payments/page-at-once.test.ts', // every way a payment is written shows on the page at once, both databases
    'test/routes/http-provider/callbacks.test.ts',
    'test/routes/http-provider/network.test.ts',
    'test/routes/http-provider/route-with-simulator.test.ts',
    'test/routes/http-provider/server.test.ts',
    'test/routes/smpp/route-with-carrier.test.ts',
    'test/routes/smpp/route-with-simulator.test.ts',
    'test/surveys/page.test.ts',
    'test/surveys/survey.test.ts',
    'test/webhooks/delivery-loop.test.ts',
    'test/webhooks/delivery.test.ts',
    'test/webhooks/post.test.ts',
    'test/webhooks/store.test.ts',
  ],
  browser: ['test/browser/'],
};
const ORDER = ['unit', 'integration', 'browser'];

/** Extra node flags per tier: the unit tier refuses sockets, databases and browsers while it runs. */
const TIER_FLAGS = { unit: ['--import', './test/support/unit-guard.ts'], integration: [], browser: [] };

/**
 * Test files run at once, per tier. The integration files spend about half their time waiting (receipts,
 * outages, the upkeep's ticks, child processes starting); a third file at once saved ~40 s of ~480 but
 * loads the two cores further, and the waits are shorter now anyway (retries, the faults file split in two).
 */
const TIER_CONCURRENCY = { unit: 2, integration: 2, browser: 2 };

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return path.endsWith('.test.ts') ? [path] : [];
  });
}

const matches = (entry, file) => (entry.endsWith('/') ? file.startsWith(entry) : file === entry);

/** Every file's one tier; stops with the list of problems when a file has none or two, or an entry is stale. */
function assignTiers(files) {
  const problems = [];
  const tierOf = new Map();
  for (const file of files) {
    const tiers = ORDER.filter((tier) => TIERS[tier].some((entry) => matches(entry, file)));
    if (tiers.length === 0) problems.push(`${file}: どの層にも属していません / in no tier`);
    else if (tiers.length > 1) problems.push(`${file}: 複数の層に属しています / in more than one tier (${tiers.join(', ')})`);
    else tierOf.set(file, tiers[0]);
  }
  for (const tier of ORDER) {
    for (const entry of TIERS[tier]) {
      if (!files.some((file) => matches(entry, file))) problems.push(`${tier}: ${entry} に該当するテストがありません / names no test file`);
    }
  }
  if (problems.length > 0) {
    console.error(`scripts/test.mjs の層の一覧を直してください / fix the tier lists in scripts/test.mjs:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  return tierOf;
}

function runTier(tier, files) {
  const args = ['--import', 'tsx', ...TIER_FLAGS[tier], '--test', `--test-concurrency=${TIER_CONCURRENCY[tier]}`, '--test-reporter=spec', ...files];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, TODOKU_TEST: '1', TODOKU_TEST_TIER: tier } });
    child.on('exit', (code, signal) => resolve({ tier, files: files.length, ok: !signal && code === 0, seconds: (Date.now() - started) / 1000 }));
  });
}

const argv = process.argv.slice(2);
const tierFlag = argv.find((a) => a.startsWith('--tier='));
const only = tierFlag?.slice('--tier='.length);
if (only !== undefined && !ORDER.includes(only)) {
  console.error(`unknown tier "${only}" (${ORDER.join(', ')})`);
  process.exit(1);
}
const filters = argv.filter((a) => a !== tierFlag);

const all = find('test').sort();
const tierOf = assignTiers(all);
const selected = all.filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
const plan = (only ? [only] : ORDER)
  .map((tier) => ({ tier, files: selected.filter((f) => tierOf.get(f) === tier) }))
  .filter((p) => p.files.length > 0);
if (plan.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

// Tiers run one after the other (each at the runner's concurrency), and all of them run even when one
// fails, so a red unit test does not hide a red integration test in CI.
const results = [];
for (const p of plan) results.push(await runTier(p.tier, p.files));
for (const r of results) console.error(`${r.ok ? 'pass' : 'FAIL'}  ${r.tier.padEnd(11)} ${String(r.files).padStart(3)} files  ${r.seconds.toFixed(1)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
