// The reply intents and how the inbox shows them: the tag beside a reply and the options of the two
// intent pickers (the list's filter and the thread's correction), in one place for both screens.
import { INTENT_LABELS } from '../../../../core/labels.ts';
import type { Intent } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { Options } from '../ui/Field.tsx';

// In the order of core's table: paid, promise, question, wrong person, opt-out, other.
const INTENTS = Object.keys(INTENT_LABELS) as Intent[];

export function IntentTag({ intent }: { intent: Intent }) {
  const { label } = useI18n();
  return <span className={`tag intent-${intent}`}>{label(INTENT_LABELS, intent)}</span>;
}

/** One `<option>` per intent, in the order operators read them. */
export function IntentOptions() {
  const { label } = useI18n();
  return <Options values={INTENTS} label={(i) => label(INTENT_LABELS, i)} />;
}
