// The reply intents and how the inbox shows them: the tag beside a reply and the options of the two
// intent pickers (the list's filter and the thread's correction), in one place for both screens.
import type { Intent } from '../api/types.ts';
import { useI18n, type Key } from '../i18n/index.tsx';

const INTENTS: Intent[] = ['paid', 'promise', 'question', 'wrong_person', 'opt_out', 'other'];

export function IntentTag({ intent }: { intent: Intent }) {
  const { t } = useI18n();
  return <span className={`tag intent-${intent}`}>{t(`intent.${intent}` as Key)}</span>;
}

/** One `<option>` per intent, in the order operators read them. */
export function IntentOptions() {
  const { t } = useI18n();
  return INTENTS.map((i) => (
    <option key={i} value={i}>
      {t(`intent.${i}` as Key)}
    </option>
  ));
}
