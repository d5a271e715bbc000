// The text a campaign message would have carried, for one that was cancelled before it was composed: an
// administrator reviewing a conversation (or a complaint) can read what was about to go out. Rendered
// from the campaign's frozen template and the person's row, exactly as sending would have.
import type { Composer } from '../campaign/compose.ts';
import type { OutboundItem } from '../store/inbound.ts';
import type { InboxDeps } from './deps.ts';

export async function withUnsentTexts<T extends OutboundItem>(deps: Pick<InboxDeps, 'store'>, composer: Composer, items: readonly T[]): Promise<T[]> {
  const unsent = items.filter((m) => m.text === null && m.state === 'cancelled' && m.kind === 'campaign');
  if (unsent.length === 0) return [...items];
  const rows = await deps.store.recipients.byIds(unsent.map((m) => m.recipientId));
  const templates = new Map<number, string | null>();
  for (const id of new Set(unsent.map((m) => m.campaignId))) {
    const c = await deps.store.campaigns.byId(id);
    templates.set(id, c ? (c.sent_template ?? c.template) : null);
  }
  return items.map((m) => {
    if (!unsent.includes(m)) return m;
    const source = templates.get(m.campaignId);
    const row = rows.get(m.recipientId);
    if (!source || !row) return m;
    const out = composer.render(composer.parse(source), row.fields, composer.linkCode(m.messageId));
    return out.ok ? { ...m, text: out.text } : m;
  });
}
