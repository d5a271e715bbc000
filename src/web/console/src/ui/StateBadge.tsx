// A message's or campaign's state as a coloured label in the chosen language.
import { useI18n, type Key } from '../i18n/index.tsx';

const TONE: Record<string, string> = {
  delivered: 'ok',
  completed: 'ok',
  sending: 'info',
  submitted: 'info',
  submitting: 'info',
  scheduled: 'info',
  queued: 'muted',
  draft: 'muted',
  unconfirmed: 'warn',
  paused: 'warn',
  undeliverable: 'bad',
  expired: 'bad',
  rejected: 'bad',
  failed: 'bad',
  cancelled: 'muted',
};

export function StateBadge({ state }: { state: string | null }) {
  const { t } = useI18n();
  if (!state) return <span className="badge muted">{t('state.none')}</span>;
  const key = `state.${state}` as Key;
  const label = t(key);
  return <span className={`badge ${TONE[state] ?? 'muted'}`}>{label === key ? state : label}</span>;
}
