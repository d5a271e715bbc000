// Deleting a campaign that was never sent: a draft goes with its list, rejections and page settings
// (nothing was sent, so nothing needs keeping); the audit line keeps its name and figures. A campaign
// that has sent anything is archived instead (archive.ts), and so is a draft with evidence beyond its
// list's 受付 and consent (a test send, an approval): the ledger keeps it, and the ledger is never deleted from.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { TodokuError } from '../core/errors.ts';
import { CAMPAIGN_STATUS_LABELS } from '../core/labels.ts';
import { auditCampaign } from './audit.ts';

/** A draft that sent a test, or whose sending was asked for or approved, has evidence the law keeps (issue 12, requirement 2). */
function evidenceRetained(c: Campaign): TodokuError {
  return new TodokuError('TODOKU_E_EVIDENCE_RETAINED', {
    ja: `キャンペーン「${c.name}」には証跡（テスト送信、承認の依頼・承認など）が記録されているため削除できません。証跡は法定の保存期間（5年以上）保存されます。不要であれば取消してからアーカイブしてください`,
    en: `campaign "${c.name}" has evidence in the ledger (a test send, an approval asked for or given) and cannot be deleted: evidence is kept for the retention period (5 years at least). Cancel it and archive it instead`,
  });
}

export async function deleteDraft(store: Store, actor: string, c: Campaign): Promise<void> {
  if (!(await store.campaigns.deleteDraft(c.id))) {
    const now = (await store.campaigns.byId(c.id)) ?? c;
    if (now.status === 'draft' && (await store.campaigns.hasRetainedEvidence(c.id))) throw evidenceRetained(c);
    const status = CAMPAIGN_STATUS_LABELS[now.status];
    throw new TodokuError('TODOKU_E_CAMPAIGN_STATE', {
      ja: `キャンペーン「${c.name}」は「${status.ja}」のため削除できません。削除できるのは下書きだけです（終わったキャンペーンはアーカイブできます）`,
      en: `campaign "${c.name}" is ${status.en.toLowerCase()}: only a draft can be deleted (a finished campaign can be archived)`,
    });
  }
  await auditCampaign(store, actor, 'campaign.delete', c, { name: c.name, accepted: c.accepted_count, rejected: c.rejected_count });
}
