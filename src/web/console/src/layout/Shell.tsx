// The frame around every screen: a skip link, the header with the sections (campaigns, inbox, approvals
// waiting (承認待ち) with their count, the evidence ledger, and administration for administrators), the language switch, who is logged in and
// logging out.
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { get } from '../api/client.ts';
import { usePendingApprovals } from '../approvals/usePendingApprovals.ts';

/** Fired by the inbox when unread counts may have changed. */
export const INBOX_CHANGED = 'todoku:inbox-changed';

function useUnread(): number {
  const [n, setN] = useState(0);
  const location = useLocation();
  useEffect(() => {
    let stop = false;
    const load = () =>
      get('/api/v1/inbox', { params: { query: { unread: 'true', limit: 100 } } }).then(
        (r) => !stop && setN(r.conversations.reduce((s, c) => s + c.unread, 0)),
        () => {},
      );
    void load();
    const timer = setInterval(load, 15_000);
    // The inbox says when it read or answered something.
    window.addEventListener(INBOX_CHANGED, load);
    return () => {
      stop = true;
      clearInterval(timer);
      window.removeEventListener(INBOX_CHANGED, load);
    };
  }, [location]);
  return n;
}

export function Shell({ children }: { children: ReactNode }) {
  const { user, logout, can } = useSession();
  const { t } = useI18n();
  const location = useLocation();
  const unread = useUnread();
  const pending = usePendingApprovals(can('operator'));
  const section = location.startsWith('/inbox') ? 'inbox' : location.startsWith('/approvals') ? 'approvals' : location.startsWith('/evidence') ? 'evidence' : location.startsWith('/payments') ? 'payments' : location.startsWith('/admin') ? 'admin' : location.startsWith('/account') ? 'account' : 'campaigns';
  const current = (s: string) => (section === s ? { 'aria-current': 'page' as const } : {});
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          届く <span>Todoku</span>
        </Link>
        <nav aria-label={t('nav.main')}>
          <Link to="/" {...current('campaigns')}>
            {t('nav.campaigns')}
          </Link>
          <Link to="/inbox" {...current('inbox')}>
            {t('nav.inbox')}
            {unread > 0 && (
              <span className="count" aria-label={t('inbox.unreadCount', { n: unread })}>
                {unread}
              </span>
            )}
          </Link>
          {can('operator') && (
            <Link to="/payments" {...current('payments')}>
              {t('nav.bank')}
            </Link>
          )}
          {can('operator') && (
            <Link to="/approvals" {...current('approvals')}>
              {t('nav.approvals')}
              {pending > 0 && (
                <span className="count" aria-label={t('approvals.pendingCount', { n: pending })}>
                  {pending}
                </span>
              )}
            </Link>
          )}
          <Link to="/evidence" {...current('evidence')}>
            {t('nav.evidence')}
          </Link>
          {can('admin') && (
            <Link to="/admin/users" {...current('admin')}>
              {t('nav.admin')}
            </Link>
          )}
        </nav>
        <div className="topbar-end">
          <LanguageSwitch />
          <Link to="/account" className="who" {...current('account')}>
            {user?.displayName || user?.login} <span className="role">{t(`role.${user?.role ?? 'viewer'}`)}</span>
          </Link>
          <button type="button" className="link-button" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
