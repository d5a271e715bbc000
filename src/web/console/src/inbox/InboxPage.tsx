// The two-way inbox (送受信): conversations, one per number that replied, with unread counts and the
// intent of the latest reply; filters; the selected conversation's thread beside the list.
import { useEffect, useState } from 'react';
import { get } from '../api/client.ts';
import type { Intent } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { dateTime } from '../ui/format.ts';
import { Thread } from './Thread.tsx';
import { IntentOptions, IntentTag } from './IntentTag.tsx';
import { INBOX_CHANGED } from '../layout/Shell.tsx';
import { InboxTabs } from './InboxTabs.tsx';

export function InboxPage({ conversationId }: { conversationId: string | null }) {
  const { t, lang } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [intent, setIntent] = useState<Intent | ''>('');
  const list = useLoad(() => get('/api/v1/inbox', { params: { query: { unread: unreadOnly ? 'true' : undefined, intent: intent || undefined, limit: 100 } } }), [unreadOnly, intent]);
  // New replies arrive while the page is open.
  useEffect(() => {
    const timer = setInterval(() => void list.reload(), 10_000);
    return () => clearInterval(timer);
  }, [list.reload]);
  const conversations = list.data?.conversations ?? [];
  return (
    <section className="page inbox">
      <h1>{t('inbox.title')}</h1>
      <InboxTabs current="conversations" />
      <div className="inbox-layout">
        <div className="conversations card">
          <div className="row wrap">
            <label className="inline small">
              <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> {t('inbox.unreadOnly')}
            </label>
            <label className="inline small">
              {t('inbox.intent')}
              <select value={intent} onChange={(e) => setIntent(e.target.value as Intent | '')}>
                <option value="">{t('inbox.allIntents')}</option>
                <IntentOptions />
              </select>
            </label>
          </div>
          <ErrorMessage error={list.error} />
          {list.data && conversations.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
          <ul className="conversation-list" aria-label={t('inbox.conversations')}>
            {conversations.map((c) => (
              <li key={c.id} className={[c.id === conversationId ? 'selected' : '', c.unread > 0 ? 'unread' : ''].join(' ')}>
                <Link to={`/inbox/${c.id}`} {...(c.id === conversationId ? { 'aria-current': 'true' as const } : {})}>
                  <span className="conv-top">
                    <strong className="nowrap">{c.person?.name ?? c.phone}</strong>
                    {c.person?.name && <span className="muted small nowrap">{c.phone}</span>}
                    {c.person?.customerNumber && <span className="muted small nowrap" title={t('inbox.customerNumber')}>{c.person.customerNumber}</span>}
                    {c.unread > 0 && (
                      <span className="count" aria-label={t('inbox.unreadCount', { n: c.unread })}>
                        {c.unread}
                      </span>
                    )}
                    <IntentTag intent={c.intent} />
                    {c.suppressed && <span className="tag intent-opt_out">{t('inbox.suppressed')}</span>}
                  </span>
                  <span className="conv-text">{c.lastMessage.text ?? '—'}</span>
                  <span className="muted small">
                    {c.campaign?.name ?? t('inbox.unmatched')} · {dateTime(c.lastMessage.at, lang)}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
        <div className="thread-pane">
          {conversationId ? (
            <Thread
              key={conversationId}
              conversationId={conversationId}
              onChanged={() => {
                void list.reload();
                window.dispatchEvent(new Event(INBOX_CHANGED));
              }}
            />
          ) : <p className="empty">{t('inbox.pick')}</p>}
        </div>
      </div>
    </section>
  );
}
