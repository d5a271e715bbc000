// The evidence ledger's use case: sequencing what was recorded, signing tree heads and having them
// time-stamped, and checking the whole database. The worker calls tick() about every second (and once
// when it stops); certificates and exports call seal() for a head that covers everything recorded so
// far. A head is made when entries arrived since the last one and the head interval has passed, at once
// when a campaign has completed, and on demand. The TSA is asked outside any transaction; the head is
// then inserted under the sequencer's lock only if it still covers more than the latest head, so heads
// only grow even with several processes. A TSA that does not answer leaves a signed head without a
// stamp (the next head is stamped when it answers again); a clock more than a second off the TSA's is
// logged, recorded as a clock.skew entry and reported by /ready and /metrics.
import type { Logger } from '../log.ts';
import type { Vault } from '../core/vault.ts';
import type { Store } from '../store/index.ts';
import { toError } from '../core/errors.ts';
import { clockSkew, headDigest, headText, type Timestamper, type TreeHead } from '../core/evidence/head.ts';
import { frontierRoot } from '../core/evidence/merkle.ts';
import { lockState, readState, sequence, waitingCount } from '../store/evidence/sequence.ts';
import { headCovering, insertHead, lastStampedHead, latestHead, unstampedSinceLastStamp, type HeadRow } from '../store/evidence/heads.ts';
import { signingKey } from './signing-key.ts';
import { verifyDatabase, type DatabaseVerifyReport } from './verify-database.ts';

/**
 * Entries waiting from which a tick that sees more arriving than at the last one leaves them for a later,
 * larger batch (a send in progress: sequencing in the middle of it took CPU from the send for nothing, the
 * head being made at the end anyway). They wait a quarter of the head interval at most (30 s at most), and
 * are sequenced at the first tick that sees none arrive (a campaign's end: its campaign.completed is then in).
 */
const DEFER_FROM = 2000;
const MAX_DEFER_MS = 30_000;

/** A clock further than this from the TSA's is reported (the one second). */
export const MAX_CLOCK_SKEW_MS = 1000;

export interface LedgerDeps {
  store: Store;
  vault: Vault;
  timestamper: Timestamper | null;
  now: () => number;
  log: Logger;
  /** TODOKU_EVIDENCE_HEAD_INTERVAL_S in ms: the longest a recorded entry waits for a signed head. */
  headIntervalMs: number;
  /** TODOKU_TSA_CA_FILE's certificates, for checking stored tokens in verifyDatabase. */
  tsaTrustedCertsPem?: string[];
  /** Entries per sequencing transaction. */
  batch?: number;
}

/** Read from the database, so every process (a web-only one too) reports what the stamping worker saw. */
export interface LedgerStatus {
  /** Local clock minus the TSA's at the last stamped head (ms); null before any stamp. */
  clockSkewMs: number | null;
  /** Heads signed without a time stamp since the last stamped one (0 without a TSA). */
  unstampedHeads: number;
}

export interface Ledger {
  readonly key: { keyId: string; publicKeyPem: string };
  tick(): Promise<void>;
  /** Sequences everything recorded until now and returns a head covering it (the latest if it already does). */
  seal(reason: string): Promise<HeadRow>;
  verifyDatabase(): Promise<DatabaseVerifyReport>;
  status(): Promise<LedgerStatus>;
}

const clockOff = (skewMs: number | null | undefined): skewMs is number => typeof skewMs === 'number' && Math.abs(skewMs) > MAX_CLOCK_SKEW_MS;

/** What a head row holds of its time stamp. */
type Stamp = { tsa_url: string | null; tsa_token: string | null; tsa_time: number | null; skew_ms: number | null };

export function createLedger(deps: LedgerDeps): Ledger {
  const { store, timestamper, now, log } = deps;
  const db = store.db.kysely;
  const key = signingKey(deps.vault);
  const batch = deps.batch ?? 5000;
  // One tick or seal at a time in this process (another process is kept in order by the lock).
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };

  const maxDeferMs = Math.min(deps.headIntervalMs / 4, MAX_DEFER_MS);
  let waitingBefore = 0;
  let deferredSince: number | null = null;
  /** Whether this tick leaves the waiting entries for later: more keep arriving, and not for too long. */
  async function defer(): Promise<boolean> {
    if (maxDeferMs <= 0) return false;
    const waiting = await waitingCount(db);
    const arriving = waiting >= DEFER_FROM && waiting > waitingBefore && waiting < batch * 20;
    waitingBefore = waiting;
    if (arriving && (deferredSince === null || now() - deferredSince < maxDeferMs)) {
      deferredSince ??= now();
      return true;
    }
    deferredSince = null;
    waitingBefore = 0;
    return false;
  }

  /** Sequences until nothing is left; how many campaign.completed entries went in. */
  async function sequenceAll(): Promise<number> {
    let completed = 0;
    for (;;) {
      const r = await sequence(store.db, now, batch);
      completed += r.completedCampaigns;
      if (r.appended < batch) return completed;
    }
  }

  async function stamp(head: TreeHead): Promise<Stamp> {
    if (!timestamper) return { tsa_url: null, tsa_token: null, tsa_time: null, skew_ms: null };
    try {
      const sent = now();
      const { token, genTime } = await timestamper.stamp(headDigest(head));
      return { tsa_url: timestamper.url, tsa_token: token.toString('base64'), tsa_time: genTime, skew_ms: clockSkew(sent, now(), genTime) };
    } catch (err) {
      log.warn({ err: toError(err), size: head.size }, 'tree head signed without a time stamp: the TSA did not answer (the next head will be stamped)');
      return { tsa_url: timestamper.url, tsa_token: null, tsa_time: null, skew_ms: null };
    }
  }

  /** Signs (and stamps) a head of the tree as it stands, unless the latest head already covers it. */
  async function makeHead(reason: string): Promise<HeadRow> {
    const state = await readState(db);
    const latest = await latestHead(db);
    if (latest && latest.tree_size >= state.size) return latest;
    const head: TreeHead = { size: state.size, root: frontierRoot(state).toString('hex'), at: now(), keyId: key.keyId };
    const stamped = await stamp(head);
    let theirs: HeadRow | null = null;
    const row = await db.transaction().execute(async (trx) => {
      await lockState(trx, store.db.dialect, now());
      const newest = await latestHead(trx);
      // Another process signed a head covering this one while the TSA was asked: keep theirs.
      if (newest && newest.tree_size >= head.size) return (theirs = (await headCovering(trx, head.size))!);
      // Recorded when the clock goes wrong, not again for every head while it stays wrong (each entry
      // would call for another head, and an idle ledger would never rest).
      const before = stamped.skew_ms === null ? null : await lastStampedHead(trx);
      const inserted = await insertHead(trx, { tree_size: head.size, root_hash: head.root, signed_at: head.at, key_id: head.keyId, signature: key.sign(headText(head)), reason, ...stamped });
      if (clockOff(stamped.skew_ms) && !clockOff(before?.skew_ms)) {
        await store.evidence.append(trx, [{ kind: 'clock.skew', campaignId: null, messageId: null, data: { skewMs: stamped.skew_ms, tsa: timestamper!.url, head: inserted.id } }]);
      }
      return inserted;
    });
    if (theirs) return row;
    if (clockOff(stamped.skew_ms)) log.warn({ skewMs: stamped.skew_ms, head: row.id }, "the local clock differs from the TSA's by more than a second");
    log.info({ head: row.id, size: row.tree_size, reason, stamped: row.tsa_token !== null }, 'evidence tree head signed');
    return row;
  }

  return {
    key: { keyId: key.keyId, publicKeyPem: key.publicKeyPem },
    tick: () =>
      exclusive(async () => {
        if (await defer()) return;
        const completed = await sequenceAll();
        const [state, latest] = await Promise.all([readState(db), latestHead(db)]);
        if (state.size === 0 || (latest && latest.tree_size >= state.size)) return;
        const due = !latest || completed > 0 || now() - latest.signed_at >= deps.headIntervalMs;
        if (due) await makeHead(completed > 0 ? 'campaign.completed' : 'interval');
      }),
    seal: (reason) =>
      exclusive(async () => {
        await sequenceAll();
        return makeHead(reason);
      }),
    verifyDatabase: () => verifyDatabase(db, { publicKeyPem: key.publicKeyPem, keyId: key.keyId, ...(deps.tsaTrustedCertsPem ? { tsaTrustedCertsPem: deps.tsaTrustedCertsPem } : {}) }),
    async status() {
      const [stamped, unstamped] = await Promise.all([lastStampedHead(db), timestamper ? unstampedSinceLastStamp(db) : 0]);
      return { clockSkewMs: stamped?.skew_ms ?? null, unstampedHeads: unstamped };
    },
  };
}
