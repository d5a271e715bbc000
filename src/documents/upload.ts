// Uploaded PDFs: a ZIP whose file names are the values of one CSV column (学籍番号 S0001 → S0001.pdf).
// Each file is checked to be a PDF, sealed and staged; when the whole ZIP has been read the staged files
// become the recipients' documents at once (replacing earlier ones), so a ZIP that fails half-way
// changes nothing. The report names every file not used and every recipient left without a file.
import { createHash, randomUUID } from 'node:crypto';
import type { Bilingual } from '../core/errors.ts';
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { Vault } from '../security/vault.ts';
import { checkPdf } from './pdf-check.ts';
import { documentSealer } from './seal.ts';
import { resolveColumn, type CampaignColumn } from './match-column.ts';
import { zipEntries, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-intake.ts';
import { baseName, keyOfFile, matchKey } from './zip-names.ts';

export type UploadRejectReason = 'no_recipient' | 'ambiguous' | 'duplicate_file' | 'not_pdf' | 'unreadable' | 'too_large';

export interface RejectedFile {
  file: string;
  reason: UploadRejectReason;
  message: string;
  message_en: string;
}

export interface UploadReport {
  column: CampaignColumn;
  files: number;
  stored: number;
  replaced: number;
  rejected: RejectedFile[];
  recipients: number;
  /** Recipients who have no document after this upload (from it or from before). */
  recipientsWithout: { count: number; list: { line: number; key: string }[] };
}

/** How many recipients without a file are listed by line (all are counted). */
const WITHOUT_LISTED = 1000;

function rejection(file: string, reason: UploadRejectReason, detail: { key?: string; lines?: number[]; first?: string; limit?: number }): RejectedFile {
  const m: Record<UploadRejectReason, Bilingual> = {
    no_recipient: { ja: `「${detail.key}」に当たる宛先がありません`, en: `no recipient has "${detail.key}"` },
    ambiguous: { ja: `「${detail.key}」の宛先が複数あります（${detail.lines?.join('、')}行目）`, en: `several recipients have "${detail.key}" (lines ${detail.lines?.join(', ')})` },
    duplicate_file: { ja: `同じ宛先のファイルが先にあります（${detail.first}）`, en: `an earlier file in the ZIP is for the same recipient (${detail.first})` },
    not_pdf: { ja: 'PDFファイルではありません', en: 'not a PDF file' },
    unreadable: { ja: 'PDFとして読めません（壊れている可能性があります）', en: 'cannot be read as a PDF (it may be damaged)' },
    too_large: { ja: `1ファイルの上限（${Math.round((detail.limit ?? 0) / 1024 / 1024)} MB）を超えています`, en: `larger than the ${Math.round((detail.limit ?? 0) / 1024 / 1024)} MB limit per file` },
  };
  return { file, reason, message: m[reason].ja, message_en: m[reason].en };
}

/** key → recipient id, or the lines of every recipient sharing an ambiguous key. */
async function recipientKeys(store: Store, campaignId: number, field: string) {
  const byKey = new Map<string, number>();
  const ambiguous = new Map<string, number[]>();
  const lineOf = new Map<number, number>();
  let recipients = 0;
  for await (const batch of store.recipients.batches(campaignId)) {
    for (const r of batch) {
      recipients++;
      const key = matchKey(r.fields[field] ?? '');
      if (key === '') continue;
      const seen = byKey.get(key);
      if (seen === undefined && !ambiguous.has(key)) {
        byKey.set(key, r.id);
        lineOf.set(r.id, r.line);
        continue;
      }
      if (seen !== undefined) {
        ambiguous.set(key, [lineOf.get(seen)!]);
        byKey.delete(key);
      }
      ambiguous.get(key)!.push(r.line);
    }
  }
  return { byKey, ambiguous, recipients };
}

export async function uploadDocuments(
  store: Store,
  vault: Vault,
  campaign: Campaign,
  column: string,
  body: AsyncIterable<Uint8Array>,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<UploadReport> {
  const col = resolveColumn(campaign, column);
  const { byKey, ambiguous, recipients } = await recipientKeys(store, campaign.id, col.field);
  const sealer = documentSealer(vault);
  const uploadId = randomUUID();
  const taken = new Map<number, string>();
  const rejected: RejectedFile[] = [];
  let files = 0;
  let stored = 0;
  let replaced: number;
  try {
    for await (const entry of zipEntries(body, limits)) {
      files++;
      const file = entry.name;
      if ('problem' in entry) {
        rejected.push(rejection(file, entry.problem, { limit: limits.maxFileBytes }));
        continue;
      }
      const key = keyOfFile(file);
      const recipientId = byKey.get(key);
      if (recipientId === undefined) {
        const lines = ambiguous.get(key);
        rejected.push(lines ? rejection(file, 'ambiguous', { key, lines }) : rejection(file, 'no_recipient', { key: baseName(file) }));
        continue;
      }
      const first = taken.get(recipientId);
      if (first !== undefined) {
        rejected.push(rejection(file, 'duplicate_file', { first }));
        continue;
      }
      const check = await checkPdf(entry.bytes);
      if (!check.ok) {
        rejected.push(rejection(file, check.reason, {}));
        continue;
      }
      const owner = { campaignId: campaign.id, recipientId };
      await store.documents.stage(uploadId, {
        ...owner,
        source: 'upload',
        nameEnc: vault.encrypt(baseName(file)),
        size: entry.bytes.length,
        sha256: createHash('sha256').update(entry.bytes).digest('hex'),
        content: sealer.seal(entry.bytes, owner),
      });
      taken.set(recipientId, file);
      stored++;
    }
    replaced = await store.documents.commitUpload(campaign.id, uploadId);
  } catch (err) {
    await store.documents.discardUpload(uploadId);
    throw err;
  }
  await store.documents.saveSettings(campaign.id, { matchColumn: col.header || col.field });
  return { column: col, files, stored, replaced, rejected, recipients, recipientsWithout: await withoutDocument(store, campaign.id, col.field) };
}

export async function withoutDocument(store: Store, campaignId: number, field: string | null): Promise<UploadReport['recipientsWithout']> {
  let count = 0;
  const list: { line: number; key: string }[] = [];
  for await (const batch of store.recipients.batches(campaignId)) {
    const having = await store.documents.recipientsWithDocument(batch.map((r) => r.id));
    for (const r of batch) {
      if (having.has(r.id)) continue;
      count++;
      if (list.length < WITHOUT_LISTED) list.push({ line: r.line, key: field ? (r.fields[field] ?? '') : '' });
    }
  }
  return { count, list };
}
