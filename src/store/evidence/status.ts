// The evidence ledger's figures as an auditor reads them (GET /api/v1/evidence/status): entries in the
// tree and waiting for the sequencer (with the oldest waiting one), the latest signed head, how many
// heads were signed and stamped, and the last stamped head (its clock skew). Read-only and cheap: the
// tree's size comes from evidence_state, the waiting entries from the partial index on leaf_index NULL,
// never a count of the whole table.
import type { Conn } from './recorder.ts';
import { readState } from './sequence.ts';
import { lastStampedHead, latestHead, unstampedSinceLastStamp, type HeadRow } from './heads.ts';

export interface EvidenceFigures {
  /** Entries given their place in the tree (the tree's size). */
  inTree: number;
  /** Entries recorded, not yet sequenced. */
  waiting: number;
  /** When the oldest waiting entry was recorded (its fact's time, epoch ms); null when none waits. */
  oldestWaitingAt: number | null;
  heads: { total: number; stamped: number; unstampedSinceLastStamp: number };
  latest: HeadRow | null;
  lastStamped: HeadRow | null;
}

export async function evidenceFigures(conn: Conn): Promise<EvidenceFigures> {
  const [state, waiting, heads, latest, lastStamped, unstamped] = await Promise.all([
    readState(conn),
    conn
      .selectFrom('evidence_entries')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
      .where('leaf_index', 'is', null)
      .executeTakeFirstOrThrow(),
    conn
      .selectFrom('evidence_heads')
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('tsa_token').as('stamped')])
      .executeTakeFirstOrThrow(),
    latestHead(conn),
    lastStampedHead(conn),
    unstampedSinceLastStamp(conn),
  ]);
  return {
    inTree: state.size,
    waiting: Number(waiting.n),
    oldestWaitingAt: waiting.oldest === null ? null : Number(waiting.oldest),
    heads: { total: Number(heads.total), stamped: Number(heads.stamped), unstampedSinceLastStamp: unstamped },
    latest,
    lastStamped,
  };
}
