// The inbox's three views: conversations (replies), the requests recipients made on their page (the
// review queue, with the open ones counted) and the misdelivery list.
import { get } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useLoad } from '../ui/useLoad.ts';

export type InboxView = 'conversations' | 'requests' | 'misdelivered';

export function InboxTabs({ current }: { current: InboxView }) {
  const { t } = useI18n();
  const counts = useLoad(() => get('/api/v1/debtor-actions', { params: { query: { state: 'open', limit: 1 } } }), []);
  const open = counts.data ? Object.values(counts.data.open).reduce((a, b) => a + b, 0) : 0;
  const here = (v: InboxView) => (v === current ? { 'aria-current': 'page' as const } : {});
  return (
    <nav className="tabs" aria-label={t('inboxTabs.label')}>
      <Link to="/inbox" {...here('conversations')}>
        {t('inboxTabs.conversations')}
      </Link>
      <Link to="/inbox/requests" {...here('requests')}>
        {t('inboxTabs.requests')}
        {open > 0 && (
          <>
            {' '}
            <span className="count" aria-label={t('inboxTabs.openCount', { n: open })}>
              {open}
            </span>
          </>
        )}
      </Link>
      <Link to="/inbox/misdelivered" {...here('misdelivered')}>
        {t('inboxTabs.misdelivered')}
      </Link>
    </nav>
  );
}
