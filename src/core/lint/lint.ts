// Wording lint (★): reads a template the way a wary recipient would and says what looks like smishing or a
// threat, why, and what to write instead, in Japanese and English. Findings are warnings unless the
// administrator made their rule blocking. Pure: the template source and the organisation's settings in,
// findings out, in rule order and then position.
import { foreignLink } from './rules/foreign-link.ts';
import { legalThreat } from './rules/legal-threat.ts';
import { noSenderName } from './rules/no-sender-name.ts';
import { personalDataInBody } from './rules/personal-data.ts';
import { shouting } from './rules/shouting.ts';
import { urgencyPressure } from './rules/urgency.ts';
import { scanTemplate } from './scan.ts';
import type { LintContext, LintFinding, LintRule } from './types.ts';

/** Every rule, in the order findings are listed. */
export const LINT_RULES: readonly LintRule[] = [
  noSenderName,
  legalThreat,
  urgencyPressure,
  foreignLink,
  personalDataInBody,
  shouting,
];

export function lintTemplate(source: string, ctx: LintContext): LintFinding[] {
  const scan = scanTemplate(source);
  const blocking = new Set(ctx.blocking ?? []);
  return LINT_RULES.flatMap((rule) =>
    rule.check(scan, ctx).map((f) => ({ rule: rule.id, severity: blocking.has(rule.id) ? 'block' : 'warning', ...f }) satisfies LintFinding),
  );
}

/** True when any finding stops sending. */
export function hasBlockingFinding(findings: readonly LintFinding[]): boolean {
  return findings.some((f) => f.severity === 'block');
}
