// Importing a recipient list into a draft campaign: streams the CSV, stores accepted rows and every
// rejection (with line and reason), and records the column mapping and encoding on the campaign. With
// `replace`, the new file takes the place of the whole list (and its rejections) once it is in; a file
// that fails half-way leaves the old list as it was. A list taken in is entered in the evidence ledger
// (受付: the SHA-256 of the bytes as uploaded, the counts, who) with its counts, in one transaction; a
// file refused leaves no entry.
import { createHash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { importCsv, type ImportSummary } from '../import/import-csv.ts';
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import { alreadyInCampaign } from '../core/csv/row.ts';
import { encodeColumns } from '../core/csv/imported-columns.ts';
import { CAMPAIGN_STATUS_LABELS } from '../core/labels.ts';
import { evidenceActor } from '../core/evidence/actor.ts';
import type { WithEvidence } from '../store/campaigns.ts';

export interface ImportResult extends ImportSummary {
  campaignId: number;
}

export async function importRecipients(
  store: Store,
  campaign: Campaign,
  input: Readable,
  opts: {
    overrides?: Record<string, string>;
    replace?: boolean;
    onProgress?: (p: { rows: number; bytes: number }) => void;
    /** Who uploaded it, as the audit log names them (for the evidence entry). */
    actor?: string;
    /** The office's day (YYYY-MM-DD): a consent date after it rejects the row. */
    today?: string;
  } = {},
): Promise<ImportResult> {
  if (campaign.status !== 'draft') {
    throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
      ja: opts.replace
        ? `下書きではないキャンペーンの宛先は差し替えられません（状態: ${CAMPAIGN_STATUS_LABELS[campaign.status].ja}）`
        : `送信を始めたキャンペーンには宛先を追加できません（状態: ${CAMPAIGN_STATUS_LABELS[campaign.status].ja}）`,
      en: opts.replace
        ? `the list can be replaced only while the campaign is a draft (status: ${CAMPAIGN_STATUS_LABELS[campaign.status].en})`
        : `recipients cannot be added once sending has started (status: ${CAMPAIGN_STATUS_LABELS[campaign.status].en})`,
    });
  }
  let duplicatesInCampaign = 0;
  // Rows that carry prior consent (同意日 / 同意方法): without any, there is nothing to enter for them.
  let withConsent = 0;
  const fileHash = createHash('sha256');
  // A file that fails half-way (a broken quote on line 3002) must leave nothing behind: the rows
  // already stored from it are removed, so the corrected file can be imported again.
  const mark = await store.recipients.watermark();
  if (opts.replace) await store.recipients.setAside(campaign.id);
  let summary: ImportSummary;
  // The batch being stored: the next one is read and checked meanwhile (on PostgreSQL the database
  // works apart from us), and waited for before its own turn, so batches are stored one at a time, in order.
  let storing: Promise<void> = Promise.resolve();
  try {
    // Opted-out numbers are flagged with their line, not silently dropped: the list is read once per import.
    const isSuppressed = await store.suppressions.matcher();
    // So are numbers someone reported as not theirs (「私は宛先の本人ではありません」), until an operator removes them.
    const isMisdelivered = await store.debtorActions.misdelivered.matcher();
    summary = await importCsv(hashing(input, fileHash), {
      // One SQLite transaction per batch: each commit writes every index page the batch touched (the
      // blind index is random), so fewer, larger commits write far less (13.6 s of commits per million rows at 4,000, 4 s at 50,000); a larger batch holds more in memory (16,000: +67 MB peak RSS over 8,000).
      batchSize: 10_000,
      isSuppressed,
      isMisdelivered,
      sealKey: store.recipients.sealingKey(),
      ...(opts.today ? { today: opts.today } : {}),
    ...(opts.overrides ? { overrides: opts.overrides } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    onBatch: async ({ accepted, rejected }) => {
      await storing;
      for (const row of accepted) if (row.consent) withConsent++;
      storing = (async () => {
        const { duplicates } = await store.recipients.insertBatch(campaign.id, accepted);
        duplicatesInCampaign += duplicates.length;
        await store.recipients.insertRejections(campaign.id, [...rejected, ...duplicates.map(alreadyInCampaign)]);
      })();
      // Handled where it is awaited (the next batch or the end); never left unhandled meanwhile.
      storing.catch(() => {});
    },
    settled: () => storing.catch(() => {}),
    });
    await storing;
  } catch (err) {
    // Nothing of this file may land after the clean-up below.
    await storing.catch(() => {});
    await store.recipients.removeSince(campaign.id, mark);
    if (opts.replace) await store.recipients.restoreSetAside(campaign.id);
    throw err;
  }
  const accepted = summary.accepted - duplicatesInCampaign;
  const rejected = summary.rejected + duplicatesInCampaign;
  const rows = summary.rows;
  const fileSha256 = fileHash.digest('hex');
  const evidence: WithEvidence = async (conn) => {
    await store.evidence.append(conn, [
      {
        kind: 'list.accepted',
        campaignId: campaign.id,
        messageId: null,
        data: { fileSha256, rows, accepted, rejected, mode: opts.replace ? 'replace' : 'import', ...evidenceActor(opts.actor) },
      },
    ]);
    // The consent the file's 同意日 / 同意方法 columns recorded, one entry per row, with its 受付.
    // (Skipped when no row had any: it reads every row of the campaign added since the mark.)
    if (withConsent > 0) await store.consent.recordImported(campaign.id, mark.recipient, evidenceActor(opts.actor), conn);
  };
  if (opts.replace) {
    await store.recipients.dropSetAside(campaign.id, mark);
    await store.campaigns.setImportCounts(campaign.id, accepted, rejected, evidence);
  } else {
    await store.campaigns.addImportCounts(campaign.id, accepted, rejected, evidence);
  }
  await store.campaigns.update(campaign.id, {
    encoding: summary.encoding,
    columns_json: encodeColumns(summary.columns),
  });
  const byReason = { ...summary.byReason };
  if (duplicatesInCampaign > 0) byReason.duplicate = (byReason.duplicate ?? 0) + duplicatesInCampaign;
  return { ...summary, accepted, rejected, byReason, campaignId: campaign.id };
}

/** The input as read, every byte also fed to `hash` (the SHA-256 of the file as uploaded); errors pass through. */
function hashing(input: Readable, hash: ReturnType<typeof createHash>): Readable {
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return pipeline(input, tap, () => {});
}
