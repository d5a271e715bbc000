// The words people read for the codes Todoku stores and the API returns — campaign states, message
// states, notice kinds, import reject reasons, preview issues, reply intents — in Japanese and English.
// One table per union, typed `Record<Union, Bilingual>`, so adding a state without its words fails tsc.
// Shared by the CLI, the console (bundled by Vite: keep this file free of runtime imports), exports and pages.
import type { Bilingual } from './errors.ts';
import type { BankTransferState } from './bank/credit.ts';
import type { UnmatchedReason } from './bank/match.ts';
import type { CampaignStatus } from './campaign-status.ts';
import type { MessageState } from './message.ts';
import type { NoticeKind } from './lint/types.ts';
import type { RejectReason } from './csv/row.ts';
import type { ConsentMethod, NoticeFormality } from './consent.ts';
import type { ProblemReason } from './template.ts';
import type { Intent } from './inbound/intent-rules.ts';
import type { ApprovalStatus } from './approval.ts';
import type { EvidenceKind } from './evidence/entry.ts';
import type { RevealedRole } from './evidence/certificate.ts';
import type { DebtorActionKind, DebtorActionState } from './debtor-actions.ts';
import type { CadenceState, LeaveReason, MemberState, SkipReason } from './cadence/states.ts';
import type { StepCondition } from './cadence/step-time.ts';
import type { PaymentMarkMethod } from './payment-marks.ts';

export type Lang = keyof Bilingual;

// '取消済み' rather than the message's '取消': a campaign is cancelled once, as a whole (the CLI's wording,
// pinned by its tests).
export const CAMPAIGN_STATUS_LABELS: Readonly<Record<CampaignStatus, Bilingual>> = {
  draft: { ja: '準備中', en: 'Draft' },
  scheduled: { ja: '予約済み', en: 'Scheduled' },
  sending: { ja: '送信中', en: 'Sending' },
  paused: { ja: '一時停止中', en: 'Paused' },
  awaiting_receipts: { ja: '配達待ち', en: 'Awaiting receipts' },
  completed: { ja: '完了', en: 'Completed' },
  cancelled: { ja: '取消済み', en: 'Cancelled' },
};

// 配達 (reached the phone) rather than 配信 (sent out): a delivery receipt says the handset has it, and
// the results export people already open in Excel uses these words.
export const MESSAGE_STATE_LABELS: Readonly<Record<MessageState, Bilingual>> = {
  queued: { ja: '送信待ち', en: 'Queued' },
  submitting: { ja: '送信処理中', en: 'Submitting' },
  unconfirmed: { ja: '確認待ち', en: 'Unconfirmed' },
  submitted: { ja: '送信済み', en: 'Submitted' },
  delivered: { ja: '配達済み', en: 'Delivered' },
  undeliverable: { ja: '配達不能', en: 'Undeliverable' },
  expired: { ja: '期限切れ', en: 'Expired' },
  rejected: { ja: '拒否', en: 'Rejected' },
  failed: { ja: '失敗', en: 'Failed' },
  cancelled: { ja: '取消', en: 'Cancelled' },
  unknown: { ja: '送達不明', en: 'Delivery unknown' },
};

/**
 * What a message is to the person reading an export: the campaign's own first message, a later step of
 * the campaign to the same person (a re-send), the confirmation after an opt-out, an operator's reply, or a
 * test send to the organisation's own test number (never counted in the campaign's figures).
 */
export const MESSAGE_ROLES = ['campaign', 'later_step', 'confirmation', 'reply', 'test', 'promise_confirmation'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

export const MESSAGE_ROLE_LABELS: Readonly<Record<MessageRole, Bilingual>> = {
  campaign: { ja: 'キャンペーン送信', en: 'Campaign message' },
  later_step: { ja: '後続の送信（再送）', en: 'Later step (re-send)' },
  confirmation: { ja: '配信停止の確認', en: 'Opt-out confirmation' },
  reply: { ja: '担当者の返信', en: 'Operator reply' },
  test: { ja: 'テスト送信', en: 'Test send' },
  promise_confirmation: { ja: '支払いの約束の確認', en: 'Promise confirmation' },
};

/** messages.kind and seq → its role: a campaign message after the person's first is a later step. */
export function messageRole(kind: string, seq: number): MessageRole {
  if (kind === 'reply' || kind === 'confirmation' || kind === 'test' || kind === 'promise_confirmation') return kind;
  return seq > 0 ? 'later_step' : 'campaign';
}

/** An approval request's state (core/approval.ts): 承認待ち until an approver decides, 差戻し when rejected. */
export const APPROVAL_STATUS_LABELS: Readonly<Record<ApprovalStatus, Bilingual>> = {
  pending: { ja: '承認待ち', en: 'Awaiting approval' },
  approved: { ja: '承認済み', en: 'Approved' },
  rejected: { ja: '差戻し', en: 'Rejected' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
  stale: { ja: '無効（内容が変更された）', en: 'No longer applies (changed)' },
};

export const NOTICE_KIND_LABELS: Readonly<Record<NoticeKind, Bilingual>> = {
  first: { ja: '初回通知', en: 'First notice' },
  reminder: { ja: '再通知（リマインド）', en: 'Reminder' },
  final: { ja: '最終通知', en: 'Final notice' },
};

export const REJECT_REASON_LABELS: Readonly<Record<RejectReason, Bilingual>> = {
  phone_empty: { ja: '電話番号が空', en: 'Phone empty' },
  phone_invalid: { ja: '電話番号の形式が不正', en: 'Phone not valid' },
  phone_not_mobile: { ja: '携帯電話番号ではない', en: 'Not a mobile number' },
  duplicate: { ja: '重複', en: 'Duplicate' },
  column_count: { ja: '列の数が違う', en: 'Wrong number of columns' },
  suppressed: { ja: '配信停止済み', en: 'Opted out' },
  consent_invalid: { ja: '同意日・同意方法が不正', en: 'Consent date or method not valid' },
  misdelivered: { ja: '宛先違いの申告があった番号', en: 'Reported as reaching the wrong person' },
};

/** How a recipient's prior consent to notices by SMS was obtained (core/consent.ts). */
export const CONSENT_METHOD_LABELS: Readonly<Record<ConsentMethod, Bilingual>> = {
  written: { ja: '書面', en: 'In writing' },
  electronic: { ja: '電子', en: 'Electronically' },
  oral_record: { ja: '口頭記録', en: 'Oral, recorded' },
  other: { ja: 'その他', en: 'Other' },
};

/** A campaign marked as a formal notice is sent only to recipients with recorded consent. */
export const NOTICE_FORMALITY_LABELS: Readonly<Record<NoticeFormality, Bilingual>> = {
  assignment: { ja: '債権譲渡通知', en: 'Notice of assignment of claims' },
  formal: { ja: '正式な通知', en: 'Formal notice' },
};

/** Why a row cannot become a message: a merge field's problem, or a text longer than the route takes. */
export const PREVIEW_ISSUE_REASONS = ['missing', 'empty', 'invalid', 'too_long'] as const satisfies readonly (ProblemReason | 'too_long')[];
export type PreviewIssueReason = (typeof PREVIEW_ISSUE_REASONS)[number];

export const PREVIEW_ISSUE_LABELS: Readonly<Record<PreviewIssueReason, Bilingual>> = {
  missing: { ja: '差込項目の列がない', en: 'no such column' },
  empty: { ja: '差込項目が空', en: 'merge field empty' },
  invalid: { ja: '差込項目の値が読めない', en: 'merge field value not readable' },
  too_long: { ja: '本文が長すぎる', en: 'text too long for the route' },
};

export const INTENT_LABELS: Readonly<Record<Intent, Bilingual>> = {
  paid: { ja: '支払い済み', en: 'Already paid' },
  promise: { ja: '支払い予定', en: 'Will pay' },
  question: { ja: '問い合わせ', en: 'Question' },
  wrong_person: { ja: '人違い', en: 'Wrong person' },
  opt_out: { ja: '配信停止', en: 'Opt-out' },
  other: { ja: 'その他', en: 'Other' },
};

/**
 * What each evidence ledger entry records, as a 記録証明書 and the console name it. 送信 is the hand-over
 * to the carrier with its acceptance (submit_sm and its answer), 到達 a delivery receipt: the receipt's
 * own state refines the word where one is shown (certificate rows).
 */
export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, Bilingual>> = {
  'list.accepted': { ja: '受付（宛先リスト）', en: 'List accepted' },
  'content.fixed': { ja: '内容確定', en: 'Content fixed' },
  'approval.requested': { ja: '承認依頼', en: 'Approval requested' },
  'approval.approved': { ja: '承認', en: 'Approved' },
  'approval.rejected': { ja: '承認却下（差戻し）', en: 'Approval rejected' },
  'send.confirmed': { ja: '送信確定', en: 'Sending confirmed' },
  'message.submitted': { ja: '送信（携帯電話会社への引渡し・受付）', en: 'Handed to the carrier and accepted' },
  'message.refused': { ja: '携帯電話会社の受付拒否', en: 'Refused by the carrier' },
  'message.receipt': { ja: '配達結果（到達通知）', en: 'Delivery receipt' },
  'message.final': { ja: '最終状態', en: 'Final state' },
  'page.opened': { ja: '閲覧', en: 'Page opened' },
  'identity.passed': { ja: '本人確認（成功）', en: 'Identity check passed' },
  'identity.failed': { ja: '本人確認（失敗）', en: 'Identity check failed' },
  'identity.locked': { ja: '本人確認のロック', en: 'Identity check locked' },
  'document.downloaded': { ja: 'PDF取得', en: 'PDF downloaded' },
  'survey.answered': { ja: 'アンケート回答', en: 'Survey answered' },
  'payment.succeeded': { ja: '支払', en: 'Payment' },
  'reply.received': { ja: '返信', en: 'Reply received' },
  'opt_out.recorded': { ja: '配信停止', en: 'Opt-out' },
  'operator.action': { ja: '担当者の操作', en: 'Operator action' },
  'consent.recorded': { ja: '受信の同意の記録', en: 'Consent recorded' },
  'campaign.completed': { ja: 'キャンペーン完了', en: 'Campaign completed' },
  'clock.skew': { ja: '時刻のずれの検出', en: 'Clock skew detected' },
  'promise.created': { ja: '支払いの約束', en: 'Promise to pay' },
  'instalment.requested': { ja: '分割払いの相談', en: 'Instalments requested' },
  'dispute.raised': { ja: '内容への異議', en: 'Dispute raised' },
  'not_me.reported': { ja: '宛先違いの申告', en: 'Reported as not the addressee' },
  'cadence.left': { ja: '督促シナリオからの離脱', en: 'Left the cadence' },
};

/** The contents a 記録証明書 reveals (core/evidence/certificate.ts), as its commitments section names them. */
export const REVEALED_ROLE_LABELS: Readonly<Record<RevealedRole, Bilingual>> = {
  sms_text: { ja: '送信した本文（SMS）', en: 'Text sent (SMS)' },
  recipient_number: { ja: '宛先の電話番号', en: "Recipient's number" },
  template: { ja: '本文のテンプレート', en: 'Message template' },
  landing_page: { ja: '通知ページの内容', en: 'Landing page content' },
  reply_text: { ja: '受信した返信', en: 'Reply received' },
  survey_answers: { ja: 'アンケートの回答', en: 'Survey answers' },
  payment_amount: { ja: '支払金額', en: 'Amount paid' },
};

/**
 * The word for a code in the chosen language. Codes come over the wire as strings; one this build does
 * not know (a newer server) is shown as it is rather than hidden.
 */
export function labelOf<K extends string>(labels: Readonly<Record<K, Bilingual>>, code: string, lang: Lang): string {
  return Object.hasOwn(labels, code) ? labels[code as K][lang] : code;
}

/** 入金消込: what became of a credit read from a bank file. */
export const BANK_TRANSFER_STATE_LABELS: Readonly<Record<BankTransferState, Bilingual>> = {
  matched: { ja: '消込済み', en: 'Matched' },
  unmatched: { ja: '未消込', en: 'Unmatched' },
  not_ours: { ja: '対象外', en: 'Not ours' },
  duplicate: { ja: '重複の疑い', en: 'Possible duplicate' },
};

/** How money an operator recorded by hand came in (「支払済みにする」, the results export). */
export const PAYMENT_MARK_METHOD_LABELS: Readonly<Record<PaymentMarkMethod, Bilingual>> = {
  counter: { ja: '窓口入金', en: 'Paid at the counter' },
  cash: { ja: '現金', en: 'Cash' },
  transfer: { ja: '振込・口座振替', en: 'Bank transfer or direct debit' },
  other: { ja: 'その他', en: 'Other' },
};

/** Why a credit was not matched, in words an operator can act on. */
export const UNMATCHED_REASON_LABELS: Readonly<Record<UnmatchedReason | 'duplicate', Bilingual>> = {
  no_candidate: { ja: '顧客番号もフリガナも一致する人がいません', en: 'nobody has this customer number or kana name' },
  ambiguous_customer_number: { ja: '顧客番号に当たる未払いが複数あり、金額で決まりません', en: 'the customer number has several open debts and the amount fits none' },
  ambiguous_name: { ja: '同じフリガナと金額の人が複数います', en: 'several people have this kana name and amount' },
  amount_differs: { ja: 'フリガナは一致しますが金額が違います', en: 'the kana name fits but the amount differs' },
  already_paid: { ja: '該当する人は支払済みです（二重払いの可能性）', en: 'the person it fits has paid already (paid twice?)' },
  duplicate: { ja: '別のファイルで同じ入金を取り込み済みです', en: 'the same credit came in another file' },
};

/** What a recipient asked for on their page (self-service, core/debtor-actions.ts). */
export const DEBTOR_ACTION_KIND_LABELS: Readonly<Record<DebtorActionKind, Bilingual>> = {
  promise: { ja: '支払いの約束', en: 'Promise to pay' },
  instalment: { ja: '分割払いの相談', en: 'Instalment request' },
  dispute: { ja: '内容に心当たりがない（異議）', en: 'Dispute' },
  not_me: { ja: '宛先の本人ではない', en: 'Not the addressee' },
};

/** Where a self-service request stands; a review's outcome reads by kind (DEBTOR_ACTION_OUTCOME_LABELS). */
export const DEBTOR_ACTION_STATE_LABELS: Readonly<Record<DebtorActionState, Bilingual>> = {
  open: { ja: '未対応', en: 'Open' },
  kept: { ja: '約束どおり入金', en: 'Kept' },
  broken: { ja: '約束の不履行', en: 'Broken' },
  resolved: { ja: '対応済み', en: 'Resolved' },
  dismissed: { ja: '却下', en: 'Dismissed' },
  superseded: { ja: '新しい約束に置き換え', en: 'Superseded' },
};

/** An operator's decision on a review, in the words of each kind: resolved / dismissed. */
export const DEBTOR_ACTION_OUTCOME_LABELS: Readonly<Record<DebtorActionKind, { resolved: Bilingual; dismissed: Bilingual }>> = {
  promise: { resolved: { ja: '確認済み', en: 'Acknowledged' }, dismissed: { ja: '取り消し', en: 'Withdrawn' } },
  instalment: { resolved: { ja: '分割に合意', en: 'Agreed' }, dismissed: { ja: '応じない', en: 'Declined' } },
  dispute: { resolved: { ja: '異議を認める', en: 'Upheld' }, dismissed: { ja: '異議を認めない', en: 'Rejected' } },
  not_me: { resolved: { ja: '宛先違いを確認', en: 'Confirmed' }, dismissed: { ja: '本人と判明', en: 'Wrong (it is the person)' } },
};

/** A cadence's life (督促シナリオ). */
export const CADENCE_STATE_LABELS: Readonly<Record<CadenceState, Bilingual>> = {
  draft: { ja: '下書き', en: 'Draft' },
  running: { ja: '実行中', en: 'Running' },
  paused: { ja: '一時停止中', en: 'Paused' },
  stopped: { ja: '停止', en: 'Stopped' },
  completed: { ja: '完了', en: 'Completed' },
};

/** Where a person stands in a cadence. */
export const CADENCE_MEMBER_STATE_LABELS: Readonly<Record<MemberState, Bilingual>> = {
  active: { ja: '対象', en: 'In the cadence' },
  paused: { ja: '約束により保留', en: 'Paused by a promise' },
  left: { ja: '離脱', en: 'Left' },
  done: { ja: '全ステップ終了', en: 'Every step reached' },
};

/** Why a person left a cadence. */
export const CADENCE_LEAVE_REASON_LABELS: Readonly<Record<LeaveReason, Bilingual>> = {
  paid: { ja: '入金済み', en: 'Paid' },
  opted_out: { ja: '配信停止', en: 'Opted out' },
  disputed: { ja: '内容への異議', en: 'Disputed' },
  not_me: { ja: '宛先の本人ではない', en: 'Not the addressee' },
  wrong_number: { ja: '宛先不明（番号が使われていない）', en: 'Wrong number (no such subscriber)' },
  operator: { ja: '担当者が停止', en: 'Stopped by an operator' },
};

/** Why a person in a cadence did not get a step. */
export const CADENCE_SKIP_REASON_LABELS: Readonly<Record<SkipReason, Bilingual>> = {
  condition: { ja: '条件に当てはまらない', en: 'Conditions not met' },
  no_due_date: { ja: '支払期限がない', en: 'No due date' },
  before_start: { ja: '開始前の日時', en: 'Its time was before the start' },
};

/** A step's conditions on a person, in words: the step goes to … */
export const CADENCE_CONDITION_LABELS: Readonly<Record<StepCondition, Bilingual>> = {
  not_opened: { ja: '未開封の人', en: 'people who have not opened their link' },
  not_verified: { ja: '本人認証をしていない人', en: 'people who have not passed the identity check' },
  not_paid: { ja: '未入金の人', en: 'people who have not paid' },
  no_promise: { ja: '支払いの約束をしていない人', en: 'people who have made no promise to pay' },
  promise_broken: { ja: '約束の期日を過ぎても未入金の人', en: 'people who broke a promise to pay' },
};
