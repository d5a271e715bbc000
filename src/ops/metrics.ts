// Prometheus metrics of one process (prom-client, its own registry so several apps can share a test
// process): what the dispatcher submitted and how long the carrier took to answer, receipts, imported
// rows, HTTP request durations, and, from the database, messages by state and route and the queue
// depth. The database figures come from one grouped query, run at most once per refresh interval
// however often Prometheus scrapes; every process sharing a database reports the same figures, so
// aggregate them with max(), not sum().
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { MessageCount } from '../store/queue-stats.ts';

export interface MetricsOptions {
  /** The database figures, read at most once per `refreshMs`. */
  messageCounts: () => Promise<MessageCount[]>;
  refreshMs: number;
  /** Process figures (CPU, memory, event loop lag); off in tests that start many apps. */
  processMetrics?: boolean;
  now?: () => number;
  /** The evidence ledger's state in this process (src/evidence/ledger.ts status()); none: no ledger gauges. */
  evidence?: () => Promise<{ clockSkewMs: number | null; unstampedHeads: number }>;
}

export interface Metrics {
  readonly registry: Registry;
  /** One submit answered by the route (or failed to): the outcome kind and the seconds it took. */
  submitted(route: string, outcome: string, seconds: number): void;
  receipt(route: string, status: string): void;
  imported(accepted: number, rejected: number): void;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  /** The text Prometheus scrapes. */
  render(): Promise<string>;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const now = options.now ?? Date.now;
  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  const submits = new Counter({ name: 'todoku_submits_total', help: 'Messages handed to a route, by its answer (accepted, retry, failed)', labelNames: ['route', 'outcome'], registers: [registry] });
  const submitSeconds = new Histogram({
    name: 'todoku_submit_duration_seconds',
    help: 'Time from submitting a message to the route to its answer (submit_sm to submit_sm_resp)',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const receipts = new Counter({ name: 'todoku_receipts_total', help: 'Delivery receipts received, by status', labelNames: ['route', 'status'], registers: [registry] });
  const importRows = new Counter({ name: 'todoku_import_rows_total', help: 'CSV rows imported, by outcome (accepted, rejected)', labelNames: ['outcome'], registers: [registry] });
  const http = new Histogram({
    name: 'todoku_http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });

  let cached: { at: number; counts: MessageCount[] } | null = null;
  let reading: Promise<MessageCount[]> | null = null;
  async function counts(): Promise<MessageCount[]> {
    if (cached && now() - cached.at < options.refreshMs) return cached.counts;
    reading ??= options.messageCounts().then(
      (c) => {
        cached = { at: now(), counts: c };
        reading = null;
        return c;
      },
      (err: unknown) => {
        reading = null;
        throw err;
      },
    );
    return reading;
  }

  new Gauge({
    name: 'todoku_messages',
    help: 'Messages in the database by state and route (route "none": not yet handed to one)',
    labelNames: ['state', 'route'],
    registers: [registry],
    async collect() {
      const rows = await counts();
      this.reset();
      for (const r of rows) this.inc({ state: r.state, route: r.route ?? 'none' }, r.count);
    },
  });
  new Gauge({
    name: 'todoku_queue_depth',
    help: 'Messages queued and not yet claimed by a worker',
    registers: [registry],
    async collect() {
      const rows = await counts();
      this.set(rows.filter((r) => r.state === 'queued').reduce((n, r) => n + r.count, 0));
    },
  });

  const evidence = options.evidence;
  if (evidence) {
    new Gauge({
      name: 'todoku_clock_skew_seconds',
      help: "The local clock minus the time-stamp authority's at the last stamped tree head (0 until one is stamped)",
      registers: [registry],
      async collect() {
        this.set(((await evidence()).clockSkewMs ?? 0) / 1000);
      },
    });
    new Gauge({
      name: 'todoku_evidence_unstamped_heads',
      help: 'Tree heads signed without a time stamp since the last stamped one (the TSA did not answer)',
      registers: [registry],
      async collect() {
        this.set((await evidence()).unstampedHeads);
      },
    });
  }

  return {
    registry,
    submitted(route, outcome, seconds) {
      submits.inc({ route, outcome });
      submitSeconds.observe({ route }, seconds);
    },
    receipt(route, status) {
      receipts.inc({ route, status });
    },
    imported(accepted, rejected) {
      importRows.inc({ outcome: 'accepted' }, accepted);
      importRows.inc({ outcome: 'rejected' }, rejected);
    },
    httpRequest(method, route, status, seconds) {
      http.observe({ method, route, status: String(status) }, seconds);
    },
    render: () => registry.metrics(),
  };
}
