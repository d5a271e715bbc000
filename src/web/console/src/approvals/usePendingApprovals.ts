// How many approval requests wait, for the 承認待ち badge in the header: read every 15 s, on each
// navigation, and when a request was made or decided on this page (APPROVALS_CHANGED).
import { useEffect, useState } from 'react';
import { get } from '../api/client.ts';
import { useLocation } from '../router.tsx';

/** Fired when a request was made, withdrawn or decided here. */
export const APPROVALS_CHANGED = 'todoku:approvals-changed';

export function usePendingApprovals(enabled: boolean): number {
  const [n, setN] = useState(0);
  const location = useLocation();
  useEffect(() => {
    if (!enabled) return;
    let stop = false;
    const load = () =>
      get('/api/v1/approval-requests', { params: { query: { status: 'pending', limit: 1 } } }).then(
        (r) => !stop && setN(r.pending),
        () => {},
      );
    void load();
    const timer = setInterval(load, 15_000);
    window.addEventListener(APPROVALS_CHANGED, load);
    return () => {
      stop = true;
      clearInterval(timer);
      window.removeEventListener(APPROVALS_CHANGED, load);
    };
  }, [location, enabled]);
  return n;
}
