// A batch of read rows in the shape that crosses from the parsing worker to the importing thread: a few
// flat arrays (line numbers in an Int32Array, every cell in one array of strings) instead of thousands
// of small objects, which the structured clone would walk key by key on both sides. The worker seals the
// leading rows of a batch (as many as it could while the importing thread was busy; parse-worker.ts):
// those leave their cells behind, the store needs only the sealed blob, and every string that crosses
// is kept alive on the importing thread until its batch is stored. The rest carry their cells and are
// sealed where they are stored.
import type { Bilingual } from '../core/errors.ts';
import type { Consent } from '../core/consent.ts';
import type { E164 } from '../core/phone.ts';
import type { CandidateRow, RejectedRow } from '../core/csv/row.ts';
import type { ReadBatch } from './read-rows.ts';

export interface PackedBatch {
  rows: number;
  /** The candidates' field names (the same for every row of a file), in their order. */
  names: string[];
  lines: Int32Array;
  phones: string[];
  raws: string[];
  /** `names.length` cells per candidate not sealed (those after the first `sealed.length`). */
  cells: string[];
  /** Per candidate; null when no candidate of the batch has consent columns filled in. */
  consents: (Consent | null)[] | null;
  problems: (Bilingual | null)[] | null;
  /** The first `sealed.length` candidates, sealed by the worker (none without its vault). */
  sealed: string[];
  /** With `sealed`: those numbers' blind indexes. */
  phoneHashes: string[];
  rejected: RejectedRow[];
}

export function packBatch(batch: ReadBatch): PackedBatch {
  const { candidates } = batch;
  let sealedRows = 0;
  while (sealedRows < candidates.length && candidates[sealedRows]!.sealed !== undefined) sealedRows++;
  const sealed = new Array<string>(sealedRows);
  const phoneHashes = new Array<string>(sealedRows);
  const names = candidates[0] ? Object.keys(candidates[0].fields) : [];
  const lines = new Int32Array(candidates.length);
  const phones: string[] = new Array<string>(candidates.length);
  const raws: string[] = new Array<string>(candidates.length);
  const cells: string[] = new Array<string>((candidates.length - sealedRows) * names.length);
  let consents: (Consent | null)[] | null = null;
  let problems: (Bilingual | null)[] | null = null;
  for (let i = 0; i < candidates.length; i++) {
    const row = candidates[i]!;
    lines[i] = row.line;
    phones[i] = row.phone;
    raws[i] = row.raw;
    if (i < sealedRows) {
      sealed[i] = row.sealed!;
      phoneHashes[i] = row.phoneHash!;
    } else {
      const at = (i - sealedRows) * names.length;
      for (let j = 0; j < names.length; j++) cells[at + j] = row.fields[names[j]!]!;
    }
    if (row.consent) (consents ??= new Array<Consent | null>(candidates.length).fill(null))[i] = row.consent;
    if (row.consentProblem) (problems ??= new Array<Bilingual | null>(candidates.length).fill(null))[i] = row.consentProblem;
  }
  return { rows: batch.rows, names, lines, phones, raws, cells, consents, problems, sealed, phoneHashes, rejected: batch.rejected };
}

const NO_FIELDS: Record<string, string> = Object.freeze({});

export function unpackBatch(packed: PackedBatch): ReadBatch {
  const { names, lines, phones, raws, cells, consents, problems, sealed, phoneHashes } = packed;
  const width = names.length;
  const candidates: CandidateRow[] = new Array<CandidateRow>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    let fields = NO_FIELDS;
    // (Sealed rows share one empty object: AcceptedRow.fields.)
    if (i >= sealed.length) {
      fields = {};
      const at = (i - sealed.length) * width;
      for (let j = 0; j < width; j++) fields[names[j]!] = cells[at + j]!;
    }
    const row: CandidateRow = { line: lines[i]!, phone: phones[i] as E164, fields, raw: raws[i]! };
    const consent = consents?.[i];
    if (consent) row.consent = consent;
    if (i < sealed.length) {
      row.sealed = sealed[i]!;
      row.phoneHash = phoneHashes[i]!;
    }
    const problem = problems?.[i];
    if (problem) row.consentProblem = problem;
    candidates[i] = row;
  }
  return { rows: packed.rows, candidates, rejected: packed.rejected };
}
