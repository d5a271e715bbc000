// A campaign's or a message's state as a coloured label in the chosen language (the words from
// src/core/labels.ts: a campaign is 取消済み as a whole, a message 取消).
import { CAMPAIGN_STATUS_LABELS, MESSAGE_STATE_LABELS } from '../../../../core/labels.ts';
import { useI18n } from '../i18n/index.tsx';

const TONE: Record<string, string> = {
  delivered: 'ok',
  completed: 'ok',
  sending: 'info',
  awaiting_receipts: 'info',
  submitted: 'info',
  submitting: 'info',
  scheduled: 'info',
  queued: 'muted',
  draft: 'muted',
  unconfirmed: 'warn',
  unknown: 'warn',
  paused: 'warn',
  undeliverable: 'bad',
  expired: 'bad',
  rejected: 'bad',
  failed: 'bad',
  cancelled: 'muted',
};

export function StateBadge({ of, state }: { of: 'campaign' | 'message'; state: string | null }) {
  const { t, label } = useI18n();
  if (!state) return <span className="badge muted">{t('state.none')}</span>;
  return <span className={`badge ${TONE[state] ?? 'muted'}`}>{of === 'campaign' ? label(CAMPAIGN_STATUS_LABELS, state) : label(MESSAGE_STATE_LABELS, state)}</span>;
}
