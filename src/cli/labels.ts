// Words people read for the codes the API returns: message states, campaign statuses, the reasons a
// row was rejected on import and the reasons a row cannot be turned into a message.
import type { Lang } from './output.ts';

type Labels = Record<string, { ja: string; en: string }>;

export const MESSAGE_STATES: Labels = {
  queued: { ja: '送信待ち', en: 'queued' },
  submitting: { ja: '送信中', en: 'submitting' },
  unconfirmed: { ja: '確認待ち', en: 'unconfirmed' },
  submitted: { ja: '送信済み（配達確認待ち）', en: 'submitted (awaiting receipt)' },
  delivered: { ja: '配達済み', en: 'delivered' },
  undeliverable: { ja: '配達不能', en: 'undeliverable' },
  expired: { ja: '期限切れ', en: 'expired' },
  rejected: { ja: '拒否', en: 'rejected' },
  failed: { ja: '失敗', en: 'failed' },
  cancelled: { ja: '取消', en: 'cancelled' },
};

/** States in which a message may still change without anyone acting: `status --watch` waits for these. */
export const ACTIVE_STATES = ['queued', 'submitting', 'unconfirmed', 'submitted'] as const;

export const CAMPAIGN_STATUSES: Labels = {
  draft: { ja: '下書き（未送信）', en: 'draft (not sent)' },
  sending: { ja: '送信中', en: 'sending' },
  paused: { ja: '一時停止中', en: 'paused' },
  completed: { ja: '完了', en: 'completed' },
  cancelled: { ja: '取消済み', en: 'cancelled' },
};

export const REJECT_REASONS: Labels = {
  phone_empty: { ja: '電話番号が空', en: 'phone number empty' },
  phone_invalid: { ja: '電話番号が正しくない', en: 'phone number not valid' },
  phone_not_mobile: { ja: '携帯電話番号ではない', en: 'not a mobile number' },
  duplicate: { ja: '電話番号の重複', en: 'duplicate phone number' },
  column_count: { ja: '列の数が見出しと違う', en: 'wrong number of columns' },
  suppressed: { ja: '配信停止済み', en: 'opted out' },
};

export const ISSUE_REASONS: Labels = {
  missing: { ja: '差込項目の列がない', en: 'no such column' },
  empty: { ja: '差込項目が空', en: 'merge field empty' },
  invalid: { ja: '差込項目の値が読めない', en: 'merge field value not readable' },
  too_long: { ja: '本文が長すぎる', en: 'text too long for the route' },
};

/** The label in the chosen language, or the code itself when the server sends one we don't know. */
export function label(labels: Labels, code: string, lang: Lang): string {
  return labels[code]?.[lang] ?? code;
}
