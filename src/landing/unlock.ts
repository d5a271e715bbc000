// An operator unlocks a message's page after five wrong answers (e.g. having confirmed the person by
// phone): tries start again from zero, old sessions end, and both the audit log and the page's history
// record who did it; the page's history entry carries the evidence entry (operator.action 'unlock').
import type { Store } from '../store/index.ts';
import { TodokuError } from '../core/errors.ts';
import { evidenceActor } from '../core/evidence/actor.ts';

export async function unlockMessage(store: Store, messageId: number, actor: string): Promise<{ messageId: number; wasLocked: boolean }> {
  const message = await store.landing.messageCampaign(messageId);
  if (!message) {
    throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `メッセージ ${messageId} が見つかりません`, en: `message ${messageId} not found` });
  }
  const wasLocked = await store.landing.unlock(messageId);
  const proof = { kind: 'operator.action' as const, campaignId: message.campaignId, messageId, data: { action: 'unlock', ...evidenceActor(actor), count: 1 } };
  await store.landing.recordEvents([{ messageId, campaignId: message.campaignId, kind: 'unlocked', evidence: proof }]);
  await store.audit.append({ actor, action: 'message.unlock', target: `message:${messageId}`, details: { campaignId: message.campaignId, wasLocked } });
  return { messageId, wasLocked };
}
