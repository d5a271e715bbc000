// An operator unlocks a message's page after five wrong answers (e.g. having confirmed the person by
// phone): tries start again from zero, old sessions end, and both the audit log and the page's history
// record who did it.
import type { Store } from '../store/index.ts';
import { TodokuError } from '../core/errors.ts';

export async function unlockMessage(store: Store, messageId: number, actor: string): Promise<{ messageId: number; wasLocked: boolean }> {
  const message = await store.landing.messageCampaign(messageId);
  if (!message) {
    throw new TodokuError('TODOKU_E_NOT_FOUND', { ja: `メッセージ ${messageId} が見つかりません`, en: `message ${messageId} not found` });
  }
  const wasLocked = await store.landing.unlock(messageId);
  await store.landing.recordEvents([{ messageId, campaignId: message.campaignId, kind: 'unlocked' }]);
  await store.audit.append({ actor, action: 'message.unlock', target: `message:${messageId}`, details: { campaignId: message.campaignId, wasLocked } });
  return { messageId, wasLocked };
}
