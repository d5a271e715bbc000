// The wording lint's vocabulary: rule ids, findings, and what a rule is told about the template.
import type { Bilingual } from '../errors.ts';
import type { ScannedTemplate } from './scan.ts';
import type { Span } from './span.ts';

export const RULE_IDS = [
  'no_sender_name',
  'legal_threat_first_notice',
  'urgency_pressure',
  'foreign_link',
  'personal_data_in_body',
  'shouting',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const NOTICE_KINDS = ['first', 'reminder', 'final'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface LintContext {
  /** The organisation's name and its aliases, as recipients know them. */
  senderNames: readonly string[];
  /** Todoku's own link domain; it and its subdomains are ours. */
  linkDomain: string;
  noticeKind: NoticeKind;
  /** Rules the administrator made blocking: their findings stop sending instead of warning. */
  blocking?: readonly RuleId[];
}

export type { Span };

export interface LintFinding {
  rule: RuleId;
  severity: 'warning' | 'block';
  message: Bilingual;
  suggestion: Bilingual;
  span?: Span;
}

/** What a rule reports; the lint adds the rule id and the severity the administrator chose. */
export interface RuleFinding {
  message: Bilingual;
  suggestion: Bilingual;
  span?: Span;
}

export interface LintRule {
  id: RuleId;
  /** The rule's name on the settings screen, where an administrator can make it blocking. */
  title: Bilingual;
  check: (scan: ScannedTemplate, ctx: LintContext) => RuleFinding[];
}
