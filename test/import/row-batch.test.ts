// The shape a batch crosses between the reading worker and the importing thread in: the worker seals
// as many leading rows as it can while the importing thread is busy, the rest cross with their cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packBatch, unpackBatch } from '../../src/import/row-batch.ts';
import type { CandidateRow } from '../../src/core/csv/row.ts';
import type { E164 } from '../../src/core/phone.ts';

const row = (line: number, sealed?: string): CandidateRow => ({
  line,
  phone: `+8190${String(line).padStart(8, '0')}` as E164,
  fields: { name: `name ${line}`, note: `note ${line}` },
  raw: `name ${line},090${line},note ${line}`,
  ...(sealed ? { sealed, phoneHash: `hash ${line}` } : {}),
  ...(line === 4 ? { consent: { date: '2025-01-01', method: 'written' as const, note: null } } : {}),
});

test('a batch sealed for its first two rows crosses with those sealed and the rest with their cells, in order', () => {
  const candidates = [row(2, 'sealed 2'), row(3, 'sealed 3'), row(4), row(6)];
  const back = unpackBatch(structuredClone(packBatch({ rows: 5, candidates, rejected: [] })));
  assert.equal(back.rows, 5);
  assert.deepEqual(
    back.candidates.map((r) => [r.line, r.phone, r.sealed, r.phoneHash, r.fields, r.raw, r.consent]),
    [
      [2, candidates[0]!.phone, 'sealed 2', 'hash 2', {}, candidates[0]!.raw, undefined],
      [3, candidates[1]!.phone, 'sealed 3', 'hash 3', {}, candidates[1]!.raw, undefined],
      [4, candidates[2]!.phone, undefined, undefined, { name: 'name 4', note: 'note 4' }, candidates[2]!.raw, candidates[2]!.consent],
      [6, candidates[3]!.phone, undefined, undefined, { name: 'name 6', note: 'note 6' }, candidates[3]!.raw, undefined],
    ],
  );
});

test('a batch nobody sealed (no vault) keeps every cell', () => {
  const candidates = [row(2), row(3)];
  const back = unpackBatch(structuredClone(packBatch({ rows: 2, candidates, rejected: [] })));
  assert.deepEqual(back.candidates.map((r) => r.fields), [candidates[0]!.fields, candidates[1]!.fields]);
  assert.ok(back.candidates.every((r) => r.sealed === undefined));
});
