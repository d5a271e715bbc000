// Environment → one typed, validated configuration object. Defaults live here and only here.
import { z } from 'zod';
import { resolve } from 'node:path';
import { isIP } from 'node:net';
import { readFileSync } from 'node:fs';
import { RULE_IDS, type RuleId } from './core/lint/types.ts';
import { simulatorEnvSchema, simulatorSettingsFromEnv } from './routes/simulator/env.ts';
import type { SimulatorSettingsPatch } from './routes/simulator/settings.ts';

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Which proxies may tell us the client's address and protocol: none, a hop count, or addresses. */
export type TrustProxy = false | number | string[];

/** proxy-addr's (Fastify's) names for whole ranges: 127.0.0.1/8 and ::1, 169.254/16 and fe80::/10, 10/8, 172.16/12, 192.168/16 and fc00::/7. */
const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (PROXY_PRESETS.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  // A netmask (10.0.0.0/255.0.0.0) or a prefix length within the family's width.
  if (family === 4 && isIP(bits) === 4) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * TODOKU_TRUST_PROXY. `true` (trust every hop) is refused: any client could then name its own address in
 * X-Forwarded-For and escape every per-address limit, and claim HTTPS with X-Forwarded-Proto.
 */
const trustProxy = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    if (/^(true|yes|on|\*|all)$/i.test(v)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'trusting every proxy is not allowed: any client could then choose its own address (X-Forwarded-For) and escape the per-address limits; give the proxy\'s address, e.g. 127.0.0.1, or a hop count / 全プロキシの信頼は不可: クライアントが自分のアドレスを偽れるため、プロキシのアドレス（例 127.0.0.1）か段数を指定してください',
      });
    } else if (!/^(|false|no|off|\d+)$/i.test(v) && !v.split(',').every((e) => isAddressOrRange(e.trim()))) {
      ctx.addIssue({ code: 'custom', message: 'a hop count (e.g. 1) or a comma-separated list of addresses or CIDRs (e.g. 127.0.0.1,10.0.0.0/8) / 段数かアドレス・CIDRのカンマ区切り' });
    }
  })
  .transform((v): TrustProxy => {
    if (/^(|false|no|off|0+)$/i.test(v)) return false;
    if (/^\d+$/.test(v)) return Number(v);
    return v.split(',').map((e) => e.trim());
  });

/** An http(s) address with no user, query or fragment; the trailing slash dropped. */
const publicUrl = z
  .url()
  .refine((v) => {
    if (!URL.canParse(v)) return false;
    const u = new URL(v);
    return /^https?:$/.test(u.protocol) && !u.username && !u.password && !u.search && !u.hash;
  }, 'an http:// or https:// address with no user, query or fragment, e.g. https://todoku.example.jp')
  .transform((v) => v.replace(/\/+$/, ''));

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
  /** The simulator's other knobs at start (TODOKU_SIMULATOR_LATENCY_MS, _REFUSE_RATE, _OUTCOMES …): see routes/simulator/env.ts. */
  ...simulatorEnvSchema.shape,
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
  /** Where recipients reach this server (payment return addresses); unset: TODOKU_LINK_BASE's origin, else the listening address. */
  TODOKU_PUBLIC_URL: publicUrl.optional(),
  /** Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed; unset: none, the socket's address is the client. */
  TODOKU_TRUST_PROXY: trustProxy.optional(),
  /** 32 bytes, base64: encrypts personal data at rest. Unset: generated into the data directory. */
  TODOKU_SECRET_KEY: z.string().optional(),
  /** The contact policy of new campaigns (each campaign may choose another). */
  TODOKU_DEFAULT_POLICY: z.enum(['jp_money_lending', 'us_fdcpa_reg_f', 'none']).default('jp_money_lending'),
  /** Per-person caps across campaigns, e.g. "1/1,3/7": at most 1 a day and 3 in 7 days. */
  TODOKU_CONTACT_CAPS: z
    .string()
    .regex(/^(\d+\/\d+)(,\d+\/\d+)*$/, 'a list like 1/1,3/7 (count/days)')
    .optional(),
  /** Also wait over public holidays (Japanese calendar). */
  TODOKU_SKIP_HOLIDAYS: flag.default(false),
  /** Days the office is closed and nothing is sent, e.g. 2026-12-29,2026-12-30. */
  TODOKU_CLOSED_DATES: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2})*$/, 'a list like 2026-12-29,2026-12-30')
    .optional(),
  /** Wording-lint rules that stop sending instead of warning, e.g. legal_threat_first_notice,foreign_link. */
  TODOKU_LINT_BLOCKING: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, 'a comma-separated list of rule ids')
    .refine((v) => v.split(',').every((id) => (RULE_IDS as readonly string[]).includes(id)), `known rules: ${RULE_IDS.join(', ')}`)
    .optional(),
  TODOKU_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A worker is presumed dead when its heartbeat is older than this. */
  TODOKU_WORKER_STALE_MS: positiveInt.default(30_000),
  /** How long a message whose submit outcome was lost in a crash waits for a late receipt before it is re-sent. */
  TODOKU_UNCONFIRMED_GRACE_MS: z.coerce.number().int().min(0).default(120_000),
  /** Someone whose last step waits to go is looked at again this long after it may go. */
  TODOKU_CADENCE_RECHECK_MS: positiveInt.default(30_000),
  /** A message refused for a passing reason (ESME_RSYSERR, ESME_RMSGQFUL, a lost bind) is tried again after this, then twice as long each time (at most 10 minutes). */
  TODOKU_RETRY_BASE_MS: positiveInt.default(5_000),
  /** Outbound webhooks: the first retry waits about this long (then ×3 each time, at most 2160× it: 6 h). */
  TODOKU_WEBHOOK_BACKOFF_MS: positiveInt.default(10_000),
  /** Outbound webhooks: how long one delivery attempt may take. */
  TODOKU_WEBHOOK_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
  /** Outbound webhooks: host names (comma list) allowed although internal (private, loopback …), and over plain http. */
  TODOKU_WEBHOOK_ALLOW_HOSTS: z
    .string()
    .regex(/^[^\s,/@]+(,[^\s,/@]+)*$/u, 'a comma-separated list of host names, without scheme, port or path')
    .optional(),
  /** A login session ends after this many idle minutes, and after TODOKU_SESSION_MAX_HOURS in any case. */
  TODOKU_SESSION_IDLE_MINUTES: positiveInt.max(7 * 24 * 60).default(60),
  TODOKU_SESSION_MAX_HOURS: positiveInt.max(30 * 24).default(12),
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  TODOKU_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** The database figures of /metrics (messages by state) are re-read at most this often. */
  TODOKU_METRICS_REFRESH_MS: z.coerce.number().int().min(0).default(15_000),
  /** SIGTERM: how long draining may take before the process exits anyway (the next start recovers the rest). */
  TODOKU_SHUTDOWN_TIMEOUT_MS: positiveInt.default(30_000),
  /** The evidence ledger: on in every real installation; `off` exists only to measure its cost (npm run bench). */
  TODOKU_EVIDENCE_LEDGER: flag.default(true),
  /** Years the evidence (and the sealed content it commits to) is kept after a campaign's last entry: the law asks 5 at least. */
  TODOKU_EVIDENCE_RETENTION_YEARS: z.coerce
    .number()
    .int('a whole number of years / 年数は整数で指定してください')
    .min(5, 'the records of each notice must be kept for at least 5 years (issue 12, requirement 2); give 5 or more / 記録は5年以上保存する必要があります。5以上を指定してください')
    .max(100)
    .default(5),
  /** The longest a recorded entry waits for a signed tree head (seconds); a completed campaign gets one at once. */
  TODOKU_EVIDENCE_HEAD_INTERVAL_S: positiveInt.max(86_400).default(120),
  /** An RFC 3161 time-stamp authority that stamps every tree head (unset: heads are signed, not stamped). */
  TODOKU_TSA_URL: z
    .url()
    .refine((v) => /^https?:\/\//i.test(v), 'an http(s) address of an RFC 3161 time-stamp authority / RFC 3161 時刻認証局の http(s) アドレス')
    .optional(),
  /** PEM file of the roots the TSA's certificate must chain to (unset: the token's own certificate is checked, not its chain). */
  TODOKU_TSA_CA_FILE: z.string().min(1).optional(),
  TODOKU_TSA_TIMEOUT_MS: positiveInt.max(120_000).default(10_000),
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
  simulator: { enabled: boolean; port: number; receiptDelayMs: number; settings: SimulatorSettingsPatch };
  web: boolean;
  dispatcher: boolean;
  smpp: { host: string; port: number; systemId: string; password: string; window: number } | null;
  smppWindow: number;
  sender: string;
  /** null: the web server's own address + /l, known once it listens. */
  linkBase: string | null;
  /** Where recipients reach this server, never read from a request; null: the listening address, known once it listens. */
  publicUrl: string | null;
  /** Fastify's trustProxy: false (the socket's address is the client), a hop count, or proxy addresses/CIDRs. */
  trustProxy: TrustProxy;
  secretKey: string | undefined;
  logLevel: string;
  /** Organisation-wide additions to every campaign's contact policy. */
  policy: { caps: { count: number; windowDays: number }[]; skipHolidays: boolean; closedDates: string[] };
  lintBlocking: RuleId[];
  defaultPolicyPack: 'jp_money_lending' | 'us_fdcpa_reg_f' | 'none';
  workerStaleMs: number;
  unconfirmedGraceMs: number;
  /** How long after a person's waiting last step may go the cadence looks at them again. */
  cadenceRecheckMs: number;
  /** The first retry's wait after a transient carrier failure; doubling after it. */
  retryBaseMs: number;
  webhooks: { backoffBaseMs: number; timeoutMs: number; allowHosts: string[] };
  sessions: { idleMs: number; maxMs: number };
  metrics: { token: string | undefined; refreshMs: number };
  shutdownTimeoutMs: number;
  /** false only in the benchmark that measures what the ledger costs. */
  evidenceLedger: boolean;
  /** TODOKU_EVIDENCE_RETENTION_YEARS: 5 or more. */
  evidenceRetentionYears: number;
  /** Signed tree heads: how often, and the time-stamp authority that stamps them (null: none). */
  evidenceHeads: { intervalMs: number; tsa: { url: string; timeoutMs: number; trustedCertsPem: string[] | null } | null };
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

/** TODOKU_TSA_CA_FILE read once at start: a file that holds at least one PEM certificate. */
function tsaRoots(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([`TODOKU_TSA_CA_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}) / 読めません`]);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError([`TODOKU_TSA_CA_FILE: no PEM certificate in ${file} / PEM形式の証明書がありません`]);
  return pem;
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
  // The payment simulator takes no money: by default only where SMS go to the SMSC simulator too.
  const paymentProvider = e.TODOKU_PAYMENT_PROVIDER ?? (e.TODOKU_STRIPE_SECRET_KEY ? 'stripe' : (e.TODOKU_SIMULATOR ?? !e.TODOKU_SMPP_URL) ? 'simulator' : 'off');
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
    simulator: { enabled: e.TODOKU_SIMULATOR ?? !e.TODOKU_SMPP_URL, port: e.TODOKU_SIMULATOR_PORT, receiptDelayMs: e.TODOKU_SIMULATOR_RECEIPT_DELAY_MS, settings: simulatorSettingsFromEnv(e) },
    web: e.TODOKU_WEB,
    dispatcher: e.TODOKU_DISPATCHER,
    smpp,
    smppWindow: e.TODOKU_SMPP_WINDOW,
    sender: e.TODOKU_SENDER,
    linkBase: e.TODOKU_LINK_BASE ? e.TODOKU_LINK_BASE.replace(/\/$/, '') : null,
    publicUrl: e.TODOKU_PUBLIC_URL ?? (e.TODOKU_LINK_BASE ? new URL(e.TODOKU_LINK_BASE).origin : null),
    trustProxy: e.TODOKU_TRUST_PROXY ?? false,
    secretKey: e.TODOKU_SECRET_KEY,
    logLevel: e.TODOKU_LOG_LEVEL,
    policy: {
      caps: (e.TODOKU_CONTACT_CAPS ?? '')
        .split(',')
        .filter(Boolean)
        .map((c) => {
          const [count, days] = c.split('/').map(Number);
          return { count: count!, windowDays: days! };
        }),
      skipHolidays: e.TODOKU_SKIP_HOLIDAYS,
      closedDates: (e.TODOKU_CLOSED_DATES ?? '').split(',').filter(Boolean),
    },
    defaultPolicyPack: e.TODOKU_DEFAULT_POLICY,
    lintBlocking: (e.TODOKU_LINT_BLOCKING ?? '').split(',').filter(Boolean) as RuleId[],
    workerStaleMs: e.TODOKU_WORKER_STALE_MS,
    unconfirmedGraceMs: e.TODOKU_UNCONFIRMED_GRACE_MS,
    cadenceRecheckMs: e.TODOKU_CADENCE_RECHECK_MS,
    retryBaseMs: e.TODOKU_RETRY_BASE_MS,
    webhooks: { backoffBaseMs: e.TODOKU_WEBHOOK_BACKOFF_MS, timeoutMs: e.TODOKU_WEBHOOK_TIMEOUT_MS, allowHosts: (e.TODOKU_WEBHOOK_ALLOW_HOSTS ?? '').split(',').filter(Boolean) },
    sessions: { idleMs: e.TODOKU_SESSION_IDLE_MINUTES * 60_000, maxMs: e.TODOKU_SESSION_MAX_HOURS * 3_600_000 },
    metrics: { token: e.TODOKU_METRICS_TOKEN, refreshMs: e.TODOKU_METRICS_REFRESH_MS },
    shutdownTimeoutMs: e.TODOKU_SHUTDOWN_TIMEOUT_MS,
    evidenceLedger: e.TODOKU_EVIDENCE_LEDGER,
    evidenceRetentionYears: e.TODOKU_EVIDENCE_RETENTION_YEARS,
    evidenceHeads: {
      intervalMs: e.TODOKU_EVIDENCE_HEAD_INTERVAL_S * 1000,
      tsa: e.TODOKU_TSA_URL ? { url: e.TODOKU_TSA_URL, timeoutMs: e.TODOKU_TSA_TIMEOUT_MS, trustedCertsPem: e.TODOKU_TSA_CA_FILE ? [tsaRoots(e.TODOKU_TSA_CA_FILE)] : null } : null,
    },
    payments:
      paymentProvider === 'stripe'
        ? { provider: 'stripe', secretKey: e.TODOKU_STRIPE_SECRET_KEY!, webhookSecret: e.TODOKU_STRIPE_WEBHOOK_SECRET!, apiBase: e.TODOKU_STRIPE_API_BASE ?? null }
        : { provider: paymentProvider },
  };
}
