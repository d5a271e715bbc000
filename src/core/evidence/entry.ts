// What the evidence ledger records, pure. Each fact that matters as evidence (a list accepted, a text
// handed to the carrier, a receipt, a page opened, an identity check …) becomes one entry; an entry
// carries no personal data in clear, only ids, codes, times and commitments to sealed content
// (core/evidence/commitment.ts). The leaf that the Merkle tree hashes is the entry's canonical JSON
// (sorted keys, no spaces), so anyone holding the leaf text can recompute its hash.

/** Every kind of entry, as written in a leaf's `kind`. Append new kinds at the end; never rename one. */
export const EVIDENCE_KINDS = [
  'list.accepted',
  'content.fixed',
  'approval.requested',
  'approval.approved',
  'approval.rejected',
  'send.confirmed',
  'message.submitted',
  'message.refused',
  'message.receipt',
  'message.final',
  'page.opened',
  'identity.passed',
  'identity.failed',
  'identity.locked',
  'document.downloaded',
  'survey.answered',
  'payment.succeeded',
  'reply.received',
  'opt_out.recorded',
  'operator.action',
  'consent.recorded',
  'campaign.completed',
  'clock.skew',
  'promise.created',
  'instalment.requested',
  'dispute.raised',
  'not_me.reported',
  'cadence.left',
] as const;

export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A commitment: hex SHA-256 over a secret nonce and the content (see commitment.ts). */
export type Commitment = string;

/** What each kind carries. Numbers are ids of our own rows or counts; nothing here names a person. */
export interface EvidenceData {
  /** 受付: an import or list replacement; the file's SHA-256 (of its bytes as uploaded). */
  'list.accepted': { fileSha256: string; rows: number; accepted: number; rejected: number; mode: 'import' | 'replace' | 'api'; by: number | null; key?: number };
  /** The template and landing page content frozen when sending was confirmed (per campaign). */
  'content.fixed': { template: Commitment; landing: Commitment | null; recipients: number; by: number | null; key?: number };
  /** `content`: commitment to the snapshot asked for (template, page, list digest, when); `scheduledAt` null: at once. */
  'approval.requested': { request: number; by: number | null; content: Commitment; recipients: number; key?: number; scheduledAt?: number | null };
  'approval.approved': { request: number; by: number | null; comment: Commitment | null; key?: number };
  'approval.rejected': { request: number; by: number | null; comment: Commitment | null; key?: number };
  /** Sending started (now or at a scheduled time); `test` marks a send to the organisation's test numbers. */
  'send.confirmed': { by: number | null; scheduledAt: number | null; test: boolean; approval: number | null; key?: number };
  /** Handed to the carrier and accepted: the exact text (committed), the carrier's message id. */
  'message.submitted': { route: string; smscId: string; parts: number; text: Commitment; recipient: Commitment };
  /**
   * Handed to the carrier and refused (or never answered); the carrier's code. `text`: the text handed over
   * when the answer was lost (the carrier may have it after all: a late receipt can still settle it).
   */
  'message.refused': { route: string | null; code: string | null; final: boolean; text?: Commitment };
  /** A delivery receipt: the carrier's stat, done date (as sent), error code, and our state. */
  'message.receipt': { stat: string; doneDate: string | null; err: string | null; state: string; smscId: string; doneAt?: number | null };
  /** A final state reached without a receipt (unknown after validity, expired, cancelled). */
  'message.final': { state: string; reason: string | null };
  'page.opened': { first: boolean };
  'identity.passed': { method: string };
  'identity.failed': { method: string; attempt: number };
  'identity.locked': { method: string };
  'document.downloaded': { sha256: string; kind: 'upload' | 'invoice' };
  'survey.answered': { answers: Commitment; first: boolean };
  /** `amount` committed, not in clear: what a person owes is personal data (entries carry none). */
  'payment.succeeded': { amount: Commitment; currency: string; provider: string; reference: Commitment };
  'reply.received': { text: Commitment; intent: string | null; optOut: boolean; reply: number };
  /** A number put on the suppression list; `reason` when it is not the person's own opt-out (wrong person, complaint …). */
  'opt_out.recorded': { source: 'reply' | 'page' | 'operator' | 'api'; number: Commitment; reason?: string };
  /**
   * Anything an operator did to messages that counts as evidence: resend, cancel, pause, resume, unlock.
   * (Here and elsewhere `by` is a person's user id, null when a program did it with the API key `key`.)
   * `next`: the new message a re-send created.
   */
  'operator.action': { action: string; by: number | null; count: number; key?: number; next?: number };
  /**
   * A recipient's prior consent to notices by SMS (core/consent.ts): its method and date as recorded, or
   * method 'withdrawn' with the day it was withdrawn; `note`: the office's words on how it was obtained, committed.
   */
  'consent.recorded': { recipient: number; method: string; date: string; by: number | null; key?: number; note?: Commitment | null };
  'campaign.completed': { counts: Record<string, number> };
  /** The local clock differed from a time-stamp authority's by more than a second. */
  'clock.skew': { skewMs: number; tsa: string; head: number };
  /**
   * Self-service on the recipient's page (issue 13): `action` is the debtor_actions row; `amount`, `monthly`
   * and `note` commit to what the person typed (amounts are personal data); `replaces`: the open promise this
   * one superseded; `cancelled`: the person's queued messages of the campaign cancelled with it; `verified`:
   * whether the person had passed the identity check ("not me" is offered before it too).
   */
  'promise.created': { action: number; recipient: number; promisedDate: string; amount: Commitment | null; replaces: number | null };
  'instalment.requested': { action: number; recipient: number; monthly: Commitment | null; note: Commitment | null };
  'dispute.raised': { action: number; recipient: number; note: Commitment | null; cancelled: number };
  'not_me.reported': { action: number; recipient: number; number: Commitment; cancelled: number; verified: boolean };
  /**
   * A person left the campaign's cadence (督促シナリオ): why (core/cadence/states.ts LEAVE_REASONS), at the last
   * step they had reached; the entry's time is that of the fact that took them out (the payment, the opt-out …).
   * `by`/`key`: the operator who took them out (reason 'operator').
   */
  'cadence.left': { recipient: number; reason: string; step: number; by?: number | null; key?: number };
}

/** One fact to append: where it belongs (campaign, message) and what it says. */
export interface EvidenceInput<K extends EvidenceKind = EvidenceKind> {
  kind: K;
  campaignId: number | null;
  messageId: number | null;
  data: EvidenceData[K];
  /** When it happened (epoch ms); the recorder's clock when omitted. */
  at?: number;
}

/** The union over kinds, for arrays that mix them. */
export type AnyEvidenceInput = { [K in EvidenceKind]: EvidenceInput<K> }[EvidenceKind];

/** What a leaf holds, as hashed: version, kind, time, campaign, message, per-campaign number, data. */
export interface Leaf {
  v: 1;
  kind: EvidenceKind;
  at: number;
  c: number | null;
  m: number | null;
  /** 1, 2, 3 … within the campaign (so a campaign's bundle shows a removed entry as a gap). */
  n: number | null;
  d: unknown;
}

/** JSON with keys sorted at every level and no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export const leafText = (leaf: Leaf): string => canonicalJson(leaf);

/** Parses a leaf's text back, checking it is canonical (a re-serialised leaf must match byte for byte). */
export function parseLeaf(text: string): Leaf {
  const leaf = JSON.parse(text) as Leaf;
  if (leaf === null || typeof leaf !== 'object' || leaf.v !== 1 || !(EVIDENCE_KINDS as readonly string[]).includes(leaf.kind)) throw new Error('not a Todoku evidence leaf');
  if (leafText(leaf) !== text) throw new Error('leaf text is not canonical');
  return leaf;
}
