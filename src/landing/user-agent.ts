// The family of a visitor's browser (Safari / iOS / mobile), never the full User-Agent string: enough
// for the operator to see that a page was opened on a phone, little enough to identify nobody.
// Parsed once per distinct string (phones send a handful), through a small bounded cache.
import Bowser from 'bowser';

export interface UserAgentFamily {
  browser: string | null;
  os: string | null;
  platform: string | null;
}

const MAX_CACHED = 1000;
const cache = new Map<string, UserAgentFamily>();

export function userAgentFamily(ua: string | undefined): UserAgentFamily {
  if (!ua) return { browser: null, os: null, platform: null };
  const hit = cache.get(ua);
  if (hit) return hit;
  const parsed = Bowser.parse(ua.slice(0, 512));
  const family = { browser: parsed.browser.name ?? null, os: parsed.os.name ?? null, platform: parsed.platform.type ?? null };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(ua, family);
  return family;
}
