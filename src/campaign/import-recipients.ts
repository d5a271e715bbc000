// Importing a recipient list into a draft campaign: streams the CSV, stores accepted rows and every
// rejection (with line and reason), and records the column mapping and encoding on the campaign.
import type { Readable } from 'node:stream';
import { importCsv, type ImportSummary } from '../import/import-csv.ts';
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import { alreadyInCampaign } from '../core/csv/row.ts';
import { encodeColumns } from '../core/csv/imported-columns.ts';

export interface ImportResult extends ImportSummary {
  campaignId: number;
}

export async function importRecipients(
  store: Store,
  campaign: Campaign,
  input: Readable,
  opts: { overrides?: Record<string, string>; onProgress?: (p: { rows: number; bytes: number }) => void } = {},
): Promise<ImportResult> {
  if (campaign.status !== 'draft') {
    throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
      ja: `送信を始めたキャンペーンには宛先を追加できません（状態: ${campaign.status}）`,
      en: `recipients cannot be added once sending has started (status: ${campaign.status})`,
    });
  }
  let duplicatesInCampaign = 0;
  // A file that fails half-way (a broken quote on line 3002) must leave nothing behind: the rows
  // already stored from it are removed, so the corrected file can be imported again.
  const mark = await store.recipients.watermark();
  let summary: ImportSummary;
  try {
    // Opted-out numbers are flagged with their line, not silently dropped: the list is read once per import.
    const isSuppressed = await store.suppressions.matcher();
    summary = await importCsv(input, {
      batchSize: 4000,
      isSuppressed,
    ...(opts.overrides ? { overrides: opts.overrides } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    onBatch: async ({ accepted, rejected }) => {
      const { duplicates } = await store.recipients.insertBatch(campaign.id, accepted);
      duplicatesInCampaign += duplicates.length;
      await store.recipients.insertRejections(campaign.id, [...rejected, ...duplicates.map(alreadyInCampaign)]);
    },
    });
  } catch (err) {
    await store.recipients.removeSince(campaign.id, mark);
    throw err;
  }
  const accepted = summary.accepted - duplicatesInCampaign;
  const rejected = summary.rejected + duplicatesInCampaign;
  await store.campaigns.addImportCounts(campaign.id, accepted, rejected);
  await store.campaigns.update(campaign.id, {
    encoding: summary.encoding,
    columns_json: encodeColumns(summary.columns),
  });
  const byReason = { ...summary.byReason };
  if (duplicatesInCampaign > 0) byReason.duplicate = (byReason.duplicate ?? 0) + duplicatesInCampaign;
  return { ...summary, accepted, rejected, byReason, campaignId: campaign.id };
}
