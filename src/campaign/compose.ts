// Turns a campaign's frozen template and one recipient into the exact SMS text, with its short link.
import { parseTemplate, renderTemplate, type ParsedTemplate, type RenderResult } from '../core/template.ts';
import { base62, linkUrl } from '../core/link.ts';
import type { Vault } from '../security/vault.ts';

export interface Composer {
  linkCode(messageId: number): string;
  /** `linkCode`: the message's (linkCode(id), computed once by the caller), or null for a preview's placeholder. */
  render(template: ParsedTemplate, fields: Record<string, string>, linkCode: string | null): RenderResult;
  /** Parsed templates by source text, cached (a campaign's template is parsed once per process). */
  parse(source: string): ParsedTemplate;
}

/** The URL a preview shows before messages exist: real length, obviously not a real code. */
const PREVIEW_CODE = 'xxxxxxxxxxx';

/** `linkBase` is read per message: when the port is chosen at start-up, the base is known only after listening. */
export function createComposer(vault: Vault, linkBase: () => string): Composer {
  const cache = new Map<string, ParsedTemplate>();
  return {
    linkCode: (messageId) => base62(vault.derive('link', String(messageId), 8)),
    render(template, fields, linkCode) {
      if (!template.fields.includes('url')) return renderTemplate(template, fields);
      const url = linkUrl(linkBase(), linkCode ?? PREVIEW_CODE);
      return renderTemplate(template, { ...fields, url });
    },
    parse(source) {
      let t = cache.get(source);
      if (!t) {
        t = parseTemplate(source);
        if (cache.size > 100) cache.clear();
        cache.set(source, t);
      }
      return t;
    },
  };
}
