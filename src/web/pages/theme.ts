// The pages' one stylesheet: the brand colours as custom properties, each with the text colour that
// reads best on it (WCAG contrast), ahead of the static rules in style.css.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Organisation } from '../../landing/organisation.ts';

const BASE = readFileSync(new URL('./style.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//gu, '').trim();
export const BASE_VERSION = createHash('sha256').update(BASE).digest('hex').slice(0, 10);

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

/** White or near-black, whichever contrasts more with the background. */
export function textOn(background: string): string {
  return contrast(background, '#ffffff') >= contrast(background, '#1a1a1a') ? '#ffffff' : '#1a1a1a';
}

export function stylesheet(org: Organisation): string {
  const { primary, accent } = org.colours;
  return `:root{--brand:${primary};--brand-text:${textOn(primary)};--accent:${accent};--accent-text:${textOn(accent)}}\n${BASE}\n`;
}

/** Changes whenever the rules or the colours do, so the URL can be cached for good. */
export function stylesheetHref(org: Organisation): string {
  return `/p/style.css?v=${BASE_VERSION}-${org.updatedAt.toString(36)}`;
}
