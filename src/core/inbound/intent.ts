// Tags a reply with its intent by the first matching rule of INTENT_RULES, and for a promise reads the
// promised date. Pure: the clock and the time zone are passed in.
import { foldCompact, foldSpaced } from './fold.ts';
import { INTENT_RULES, type Intent, type IntentRule, type Pattern } from './intent-rules.ts';
import { promisedDate } from './promised-date.ts';

export interface IntentTag {
  intent: Intent;
  /** The id of the rule that matched (shown to operators). */
  rule: string;
  /** What in the text matched the rule, as the rule wrote it. */
  matched?: string;
  /** For a promise naming a date: 'YYYY-MM-DD' in the time zone. */
  promisedDate?: string;
}

interface Folded {
  spaced: string;
  joined: string;
  compact: string;
}

function find(patterns: readonly Pattern[], text: Folded, whole: boolean): Pattern | undefined {
  if (whole) return patterns.find((p) => (typeof p === 'string' ? text.compact === p : p.test(text.compact)));
  return patterns.find((p) => (typeof p === 'string' ? text.joined.includes(p) : p.test(text.spaced)));
}

function describe(p: Pattern): string {
  return typeof p === 'string' ? p : p.source;
}

export function matchRule(text: string, rules: readonly IntentRule[] = INTENT_RULES): { rule: IntentRule; matched?: string } {
  const spaced = foldSpaced(text);
  const folded: Folded = { spaced, joined: spaced.replace(/\s+/gu, ''), compact: foldCompact(text) };
  for (const rule of rules) {
    if (rule.patterns.length === 0) return { rule };
    const hit = find(rule.patterns, folded, rule.match === 'whole');
    if (hit === undefined) continue;
    if (rule.unless && find(rule.unless, folded, false) !== undefined) continue;
    // A whole-message rule matched the message itself: show that rather than the pattern.
    return { rule, matched: rule.match === 'whole' ? folded.compact : describe(hit) };
  }
  return { rule: rules[rules.length - 1]! };
}

export function tagIntent(text: string, opts: { now: Date; timeZone: string }): IntentTag {
  const { rule, matched } = matchRule(text);
  const tag: IntentTag = { intent: rule.intent, rule: rule.id, ...(matched === undefined ? {} : { matched }) };
  if (rule.intent === 'promise') {
    const date = promisedDate(text, opts);
    if (date) tag.promisedDate = date;
  }
  return tag;
}
