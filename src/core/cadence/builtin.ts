// Cadences that come with Todoku, offered by the console and the CLI as a starting point.
import type { CadenceDefinition } from './definition.ts';

export const BUILTIN_CADENCE_IDS = ['renotice_unopened'] as const;
export type BuiltinCadenceId = (typeof BUILTIN_CADENCE_IDS)[number];

/**
 * 「未開封者への再通知」: two days after the campaign's own message, the same text again to the people who
 * have not opened their link, unless they paid, promised or left for another reason meanwhile.
 */
const RENOTICE_UNOPENED: CadenceDefinition = {
  name: '未開封者への再通知',
  time: '10:00',
  steps: [{ name: '未開封者への再通知', at: { from: 'previous', days: 2 }, when: ['not_opened'] }],
};

export const BUILTIN_CADENCES: Readonly<Record<BuiltinCadenceId, { name: string; name_en: string; definition: CadenceDefinition }>> = {
  renotice_unopened: { name: '未開封者への再通知', name_en: 'Re-notice to people who have not opened', definition: RENOTICE_UNOPENED },
};
