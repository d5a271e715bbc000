// Environment → one typed, validated configuration object. Defaults live here and only here.
import { z } from 'zod';
import { resolve } from 'node:path';

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** PostgreSQL schema to use (tests isolate runs this way). */
  TODOKU_DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'lowercase letters, digits and _ only').optional(),
  TODOKU_DATA_DIR: z.string().min(1).default('./data'),
  /** Default: on, unless TODOKU_SMPP_URL names a real carrier. */
  TODOKU_SIMULATOR: flag.optional(),
  TODOKU_SIMULATOR_PORT: port.default(2775),
  TODOKU_SIMULATOR_RECEIPT_DELAY_MS: z.coerce.number().int().min(0).default(200),
  TODOKU_WEB: flag.default(true),
  TODOKU_DISPATCHER: flag.default(true),
  /** The SMPP route. Unset: the built-in simulator. */
  TODOKU_SMPP_URL: z
    .string()
    .regex(/^smpp:\/\/[^/]+$/, 'must look like smpp://system_id:password@host:port')
    .optional(),
  TODOKU_SMPP_WINDOW: positiveInt.max(1000).default(50),
  TODOKU_SENDER: z.string().min(1).max(20).default('TODOKU'),
  /** Base of recipients' short links; {{url}} becomes `${base}/${code}`. */
  TODOKU_LINK_BASE: z.url().optional(),
  /** 32 bytes, base64: encrypts personal data at rest. Unset: generated into the data directory. */
  TODOKU_SECRET_KEY: z.string().optional(),
  TODOKU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A worker is presumed dead when its heartbeat is older than this. */
  TODOKU_WORKER_STALE_MS: positiveInt.default(30_000),
  /** How long a message whose submit outcome was lost in a crash waits for a late receipt before it is re-sent. */
  TODOKU_UNCONFIRMED_GRACE_MS: z.coerce.number().int().min(0).default(120_000),
  /** The pay button's provider. Default: stripe when a Stripe key is set, else the built-in simulator. */
  TODOKU_PAYMENT_PROVIDER: z.enum(['simulator', 'stripe', 'off']).optional(),
  TODOKU_STRIPE_SECRET_KEY: z.string().min(1).optional(),
  TODOKU_STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Stripe's API address (tests and stripe-mock); unset: api.stripe.com. */
  TODOKU_STRIPE_API_BASE: z.url().optional(),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };
  dataDir: string;
  simulator: { enabled: boolean; port: number; receiptDelayMs: number };
  web: boolean;
  dispatcher: boolean;
  smpp: { host: string; port: number; systemId: string; password: string; window: number } | null;
  smppWindow: number;
  sender: string;
  /** null: the web server's own address + /l, known once it listens. */
  linkBase: string | null;
  secretKey: string | undefined;
  logLevel: string;
  workerStaleMs: number;
  unconfirmedGraceMs: number;
  payments: { provider: 'off' | 'simulator' } | { provider: 'stripe'; secretKey: string; webhookSecret: string; apiBase: string | null };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `設定エラー / configuration error:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`),
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.TODOKU_DATA_DIR);
  let smpp: Config['smpp'] = null;
  if (e.TODOKU_SMPP_URL) {
    const u = new URL(e.TODOKU_SMPP_URL);
    smpp = {
      host: u.hostname,
      port: Number(u.port || 2775),
      systemId: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      window: e.TODOKU_SMPP_WINDOW,
    };
  }
  const paymentProvider = e.TODOKU_PAYMENT_PROVIDER ?? (e.TODOKU_STRIPE_SECRET_KEY ? 'stripe' : 'simulator');
  const stripeMissing = ['TODOKU_STRIPE_SECRET_KEY', 'TODOKU_STRIPE_WEBHOOK_SECRET'].filter((k) => !e[k as keyof typeof e]);
  if (paymentProvider === 'stripe' && stripeMissing.length > 0) {
    throw new ConfigError(stripeMissing.map((k) => `${k}: required when TODOKU_PAYMENT_PROVIDER is stripe / Stripeを使うときは必須です`));
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, schema: e.TODOKU_DB_SCHEMA ?? 'public' }
      : { kind: 'sqlite', file: resolve(dataDir, 'todoku.sqlite') },
    dataDir,
    simulator: { enabled: e.TODOKU_SIMULATOR ?? !e.TODOKU_SMPP_URL, port: e.TODOKU_SIMULATOR_PORT, receiptDelayMs: e.TODOKU_SIMULATOR_RECEIPT_DELAY_MS },
    web: e.TODOKU_WEB,
    dispatcher: e.TODOKU_DISPATCHER,
    smpp,
    smppWindow: e.TODOKU_SMPP_WINDOW,
    sender: e.TODOKU_SENDER,
    linkBase: e.TODOKU_LINK_BASE ? e.TODOKU_LINK_BASE.replace(/\/$/, '') : null,
    secretKey: e.TODOKU_SECRET_KEY,
    logLevel: e.TODOKU_LOG_LEVEL,
    workerStaleMs: e.TODOKU_WORKER_STALE_MS,
    unconfirmedGraceMs: e.TODOKU_UNCONFIRMED_GRACE_MS,
    payments:
      paymentProvider === 'stripe'
        ? { provider: 'stripe', secretKey: e.TODOKU_STRIPE_SECRET_KEY!, webhookSecret: e.TODOKU_STRIPE_WEBHOOK_SECRET!, apiBase: e.TODOKU_STRIPE_API_BASE ?? null }
        : { provider: paymentProvider },
  };
}
