// /api/v1/evidence/status and /api/v1/evidence/verify: the evidence ledger for people who check it
// without a shell. The status (viewers and up) gives the figures an auditor asks for: entries in the
// tree and waiting, the latest signed head and its time stamp, heads stamped or not, the clock against
// the TSA, where the times come from, how long evidence is kept, and the installation's public key.
// Verify (administrators, audited) rebuilds the tree from the rows and checks every head, as
// `todoku evidence verify --database` does; one run at a time in a process (it reads the whole ledger),
// a second call while one runs is refused with TODOKU_E_EVIDENCE_VERIFY_RUNNING rather than queued.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from './context.ts';
import { TodokuError, type Bilingual } from '../../core/errors.ts';
import { jstTime } from '../../core/evidence/certificate.ts';
import { headDigest } from '../../core/evidence/head.ts';
import { verifyTimestampToken } from '../../core/evidence/tsa-token.ts';
import { evidenceFigures } from '../../store/evidence/status.ts';
import type { HeadRow } from '../../store/evidence/heads.ts';
import type { DatabaseVerifyReport } from '../../evidence/verify-database.ts';
import { MAX_CLOCK_SKEW_MS } from '../../evidence/ledger.ts';

/** What the routes need of the ledger and the configuration (the composition root passes them). */
export interface EvidenceStatusDeps {
  ledger: { readonly key: { keyId: string; publicKeyPem: string }; verifyDatabase(): Promise<DatabaseVerifyReport> };
  /** TODOKU_TSA_URL, or null when heads are only signed with the installation's key. */
  tsaUrl: string | null;
  /** TODOKU_TSA_CA_FILE's certificates, for reading the latest stamp as the verifier would. */
  tsaRootsPem: string[] | null;
  /** TODOKU_EVIDENCE_RETENTION_YEARS. */
  retentionYears: number;
}

const bilingual = z.object({ ja: z.string(), en: z.string() });
const moment = z.object({ at: z.string().describe('ISO 8601'), jst: z.string().describe('Japan time to the second, as certificates write it') });
const momentOf = (ms: number) => ({ at: new Date(ms).toISOString(), jst: jstTime(ms) });

const statusView = z
  .object({
    entries: z.object({
      recorded: z.number().describe('in the tree and waiting'),
      inTree: z.number().describe('sequenced: given their place in the Merkle tree'),
      waiting: z.number().describe('recorded, waiting for the sequencer (a few seconds at most while the worker runs)'),
      oldestWaiting: moment.extend({ ageSeconds: z.number() }).nullable(),
    }),
    latestHead: z
      .object({
        id: z.number(),
        size: z.number(),
        root: z.string(),
        signed: moment,
        keyId: z.string(),
        reason: z.string(),
        stamped: z.boolean(),
        tsa: z
          .object({
            url: z.string().nullable(),
            host: z.string().nullable(),
            name: z.string().nullable().describe("the TSA's name as its token gives it; null when the token cannot be read"),
            time: moment.nullable(),
          })
          .nullable()
          .describe('null when the head was signed without asking a TSA'),
      })
      .nullable(),
    heads: z.object({ total: z.number(), stamped: z.number(), unstampedSinceLastStamp: z.number() }),
    clock: z.object({
      skewMs: z.number().nullable().describe("local clock minus the TSA's at the last stamp; null before any"),
      measured: moment.nullable(),
      limitMs: z.number(),
      ok: z.boolean().nullable().describe('null when never measured'),
    }),
    timeSource: z.object({
      kind: z.enum(['tsa', 'installation']),
      tsaUrl: z.string().nullable(),
      tsaHost: z.string().nullable(),
      statement: bilingual,
    }),
    retentionYears: z.number(),
    key: z.object({ keyId: z.string(), publicKeyPem: z.string() }),
    verifyRunning: z.boolean(),
  })
  .meta({ id: 'EvidenceStatus' });

const verifyView = z
  .object({
    ok: z.boolean(),
    entries: z.number().describe('entries checked (in the tree)'),
    pending: z.number().describe('waiting for the sequencer, not yet checked'),
    heads: z.number(),
    stampedHeads: z.number(),
    lastHead: moment.nullable(),
    failure: z
      .object({
        ja: z.string(),
        en: z.string(),
        where: z.union([
          z.object({ leafIndex: z.number() }),
          z.object({ headId: z.number() }),
          z.object({ node: z.object({ level: z.number(), idx: z.number() }) }),
          z.object({ state: z.literal(true) }),
        ]),
      })
      .nullable()
      .describe('the first thing that does not hold, in the log’s own order'),
    durationMs: z.number(),
  })
  .meta({ id: 'EvidenceVerifyReport' });

const hostOf = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
};

/** Where the recorded times come from, said plainly (a certificate says the same). */
export function timeStatement(tsaHost: string | null): Bilingual {
  return tsaHost
    ? {
        ja: `ツリーヘッドの時刻は時刻認証局（${tsaHost}）のタイムスタンプ（RFC 3161）で証明されます`,
        en: `Tree heads are time-stamped by the time-stamp authority ${tsaHost} (RFC 3161)`,
      }
    : {
        ja: '時刻は本システム自身の時計です（第三者の時刻認証ではありません）',
        en: "The times are this installation's own clock (not certified by a third party)",
      };
}

async function headView(h: HeadRow, rootsPem: string[] | null) {
  let tsa = null;
  if (h.tsa_url !== null || h.tsa_token !== null) {
    let name: string | null = null;
    if (h.tsa_token) {
      const head = { size: h.tree_size, root: h.root_hash, at: h.signed_at, keyId: h.key_id };
      const check = await verifyTimestampToken(Buffer.from(h.tsa_token, 'base64'), headDigest(head), rootsPem ? { trustedCertsPem: rootsPem } : {});
      if (check.ok) name = check.tsaName;
    }
    tsa = { url: h.tsa_url, host: hostOf(h.tsa_url), name, time: h.tsa_time === null ? null : momentOf(h.tsa_time) };
  }
  return { id: h.id, size: h.tree_size, root: h.root_hash, signed: momentOf(h.signed_at), keyId: h.key_id, reason: h.reason, stamped: h.tsa_token !== null, tsa };
}

export function evidenceStatusRoutes(app: FastifyInstance, ctx: ApiContext, deps: EvidenceStatusDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, now } = ctx;
  let running = false;

  r.get(
    '/evidence/status',
    {
      config: { role: 'viewer' },
      schema: {
        tags: ['evidence'],
        summary: "The evidence ledger's health: entries, the latest signed (time-stamped) tree head, the clock against the TSA, the time source, retention and the public key",
        response: { 200: statusView },
      },
    },
    async () => {
      const f = await evidenceFigures(store.db.kysely);
      const t = now();
      const skew = f.lastStamped?.skew_ms ?? null;
      const tsaHost = hostOf(deps.tsaUrl);
      return {
        entries: {
          recorded: f.inTree + f.waiting,
          inTree: f.inTree,
          waiting: f.waiting,
          oldestWaiting: f.oldestWaitingAt === null ? null : { ...momentOf(f.oldestWaitingAt), ageSeconds: Math.max(0, Math.round((t - f.oldestWaitingAt) / 1000)) },
        },
        latestHead: f.latest ? await headView(f.latest, deps.tsaRootsPem) : null,
        heads: f.heads,
        clock: {
          skewMs: skew,
          measured: skew === null || !f.lastStamped ? null : momentOf(f.lastStamped.signed_at),
          limitMs: MAX_CLOCK_SKEW_MS,
          ok: skew === null ? null : Math.abs(skew) <= MAX_CLOCK_SKEW_MS,
        },
        timeSource: { kind: deps.tsaUrl ? ('tsa' as const) : ('installation' as const), tsaUrl: deps.tsaUrl, tsaHost, statement: timeStatement(deps.tsaUrl ? (tsaHost ?? deps.tsaUrl) : null) },
        retentionYears: deps.retentionYears,
        key: deps.ledger.key,
        verifyRunning: running,
      };
    },
  );

  r.post(
    '/evidence/verify',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['evidence'],
        summary: 'Checks the whole ledger now: every leaf hash, the tree rebuilt from the rows, each head’s root, signature and time stamp; names the first failure',
        description: 'One run at a time per process: a call while one runs is refused with TODOKU_E_EVIDENCE_VERIFY_RUNNING (409). The same check as `todoku evidence verify --database`.',
        response: { 200: verifyView },
      },
    },
    async (req) => {
      if (running) {
        throw new TodokuError('TODOKU_E_EVIDENCE_VERIFY_RUNNING', {
          ja: '証跡の検証はすでに実行中です。終わってからもう一度お試しください',
          en: 'a verification of the evidence ledger is already running; try again when it has finished',
        });
      }
      running = true;
      const started = now();
      let report: DatabaseVerifyReport;
      try {
        report = await deps.ledger.verifyDatabase();
      } finally {
        running = false;
      }
      await store.audit.append({
        actor: req.actor,
        action: 'evidence.verify',
        details: { ok: report.ok, entries: report.entries, heads: report.heads, ...(report.failure ? { failure: report.failure.where } : {}) },
      });
      return {
        ok: report.ok,
        entries: report.entries,
        pending: report.pending,
        heads: report.heads,
        stampedHeads: report.stampedHeads,
        lastHead: report.lastHeadAt === null ? null : momentOf(report.lastHeadAt),
        failure: report.failure ? { ja: report.failure.ja, en: report.failure.en, where: report.failure.where } : null,
        durationMs: now() - started,
      };
    },
  );
}
