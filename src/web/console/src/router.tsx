// A small history router for the console under /console: the path as state, links that push it, and
// navigation from code. Enough for a dozen screens without a routing library.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export const BASE = '/console';
const CHANGE = 'todoku:navigate';

function subscribe(f: () => void): () => void {
  window.addEventListener('popstate', f);
  window.addEventListener(CHANGE, f);
  return () => {
    window.removeEventListener('popstate', f);
    window.removeEventListener(CHANGE, f);
  };
}

const current = () => {
  const p = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return (p || '/') + window.location.search;
};

/** The path inside the console with its query, e.g. "/campaigns/3?tab=table". */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, current);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = `${BASE}${to}`;
  if (opts.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(CHANGE));
  window.scrollTo(0, 0);
}

export function Link({ to, children, ...rest }: { to: string; children: ReactNode } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    rest.onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${BASE}${to}`} {...rest} onClick={onClick}>
      {children}
    </a>
  );
}

/** Matches "/campaigns/:id/setup/:step" against a path; returns the named parts or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const re = new RegExp(`^${pattern.replace(/:([a-zA-Z]+)/g, (_m, n: string) => (names.push(n), '([^/]+)'))}/?$`);
  const m = re.exec(path.split('?')[0]!);
  if (!m) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
}

export function queryParam(path: string, name: string): string | null {
  const q = path.split('?')[1];
  return q ? new URLSearchParams(q).get(name) : null;
}
