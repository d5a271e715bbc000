// Safe HTML by construction: the `html` tag escapes every interpolated value unless it is already Html
// (built by this tag or marked with `trusted` by code that escaped it itself). Sections build their
// fragments with it too.
import { escapeHtml } from '../../core/escape-html.ts';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Marks text that is already safe HTML (e.g. the rendered notice, whose values were escaped). */
export function trusted(value: string): Html {
  return new Html(value);
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return (v as readonly Value[]).map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}
