// Turns a campaign's frozen template and one recipient into the exact SMS text, with its short link.
import { parseTemplate, renderTemplate, type ParsedTemplate, type RenderResult } from '../core/template.ts';
import { base62, linkUrl } from '../core/link.ts';
import type { Vault } from '../security/vault.ts';

export interface Composer {
  linkCode(messageId: number): string;
  render(template: ParsedTemplate, fields: Record<string, string>, messageId: number | null): RenderResult;
  /** Parsed templates by source text, cached (a campaign's template is parsed once per process). */
  parse(source: string): ParsedTemplate;
}

/** The URL a preview shows before messages exist: real length, obviously not a real code. */
const PREVIEW_CODE = 'xxxxxxxxxxx';

/** `linkBase` is read per message: when the port is chosen at start-up, the base is known only after listening. */
export function createComposer(vault: Vault, linkBase: () => string): Composer {
  const cache = new Map<string, ParsedTemplate>();
  // The dispatcher asks for a message's code right after rendering it: the last one is kept, so the
  // keyed hash runs once per message.
  let last: { id: number; code: string } | null = null;
  const linkCode = (messageId: number) => {
    if (last?.id !== messageId) last = { id: messageId, code: base62(vault.derive('link', String(messageId), 8)) };
    return last.code;
  };
  return {
    linkCode,
    render(template, fields, messageId) {
      // A template without {{url}} needs no code.
      if (!template.fields.includes('url')) return renderTemplate(template, fields);
      const url = linkUrl(linkBase(), messageId === null ? PREVIEW_CODE : linkCode(messageId));
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
