// One sentence a person can read for an audit log entry: 「山田 が 2026年12月 督促 を送信開始（26名）」 /
// "Yamada started sending 2026年12月 督促 (26 people)", built from the action, its target and its details.
// The caller passes the names it could resolve (the user's display name, the campaign's name); without
// them the sentence falls back to what the entry itself holds (the login, 「キャンペーン #5」).
// Pure: no I/O. An action this build does not know still reads as a sentence, naming the action.
import type { Bilingual } from './errors.ts';
import { CONSENT_METHOD_LABELS, DEBTOR_ACTION_KIND_LABELS, DEBTOR_ACTION_OUTCOME_LABELS, INTENT_LABELS, PAYMENT_MARK_METHOD_LABELS } from './labels.ts';

export interface AuditSentenceInput {
  actor: string;
  action: string;
  target: string | null;
  details: unknown;
  /** Names resolved by the caller: the actor's display name, the target's name (a campaign's, a user's…). */
  names?: { actor?: string | undefined; target?: string | undefined };
}

type Details = Record<string, unknown>;
interface Parts {
  who: Bilingual;
  what: Bilingual;
  d: Details;
}
type Phrase = (p: Parts) => Bilingual;

const enPlural = new Intl.PluralRules('en');
/** "1 person" / "26 people": English counts agree with their noun; Japanese counts do not change. */
export function countOf(n: number, ja: string, en: { one: string; other: string }): Bilingual {
  return { ja: `${n.toLocaleString('ja-JP')}${ja}`, en: `${n.toLocaleString('en-GB')} ${enPlural.select(n) === 'one' ? en.one : en.other}` };
}
const people = (n: number) => countOf(n, '名', { one: 'person', other: 'people' });
const rows = (n: number) => countOf(n, '件', { one: 'row', other: 'rows' });
const messages = (n: number) => countOf(n, '通', { one: 'message', other: 'messages' });
const files = (n: number) => countOf(n, '件', { one: 'file', other: 'files' });

const num = (d: Details, k: string): number | undefined => (typeof d[k] === 'number' ? d[k] : undefined);
const str = (d: Details, k: string): string | undefined => (typeof d[k] === 'string' ? d[k] : undefined);

/** 「…（26名）」 / "… (26 people)" when the figure is there; nothing otherwise. */
function paren(b: Bilingual | undefined): Bilingual {
  return b ? { ja: `（${b.ja}）`, en: ` (${b.en})` } : { ja: '', en: '' };
}
const opt = <T,>(v: T | undefined, f: (v: T) => Bilingual): Bilingual | undefined => (v === undefined ? undefined : f(v));
const join = (...bs: (Bilingual | undefined)[]): Bilingual | undefined => {
  const present = bs.filter((b): b is Bilingual => b !== undefined);
  return present.length ? { ja: present.map((b) => b.ja).join('、'), en: present.map((b) => b.en).join(', ') } : undefined;
};

/** 「山田 が X を送信開始」 / "Yamada started sending X": the verb phrase in each language around the target. */
function says(ja: string, en: string, extra?: (d: Details) => Bilingual | undefined): Phrase {
  return ({ who, what, d }) => {
    const tail = paren(extra?.(d));
    return {
      ja: `${who.ja} が ${ja.replace('{t}', what.ja)}${tail.ja}`,
      en: `${who.en} ${en.replace('{t}', what.en)}${tail.en}`,
    };
  };
}

const ROLE: Record<string, Bilingual> = { admin: { ja: '管理者', en: 'administrator' }, approver: { ja: '承認者', en: 'approver' }, operator: { ja: 'オペレーター', en: 'operator' }, viewer: { ja: '閲覧者', en: 'viewer' } };
const role = (d: Details) => opt(str(d, 'role'), (r) => ({ ja: `権限: ${ROLE[r]?.ja ?? r}`, en: `role: ${ROLE[r]?.en ?? r}` }));
const encoding = (d: Details) => opt(str(d, 'encoding'), (e) => ({ ja: `文字コード ${e}`, en: `encoding ${e}` }));
const fields = (d: Details) => (Array.isArray(d.fields) && d.fields.length ? { ja: `項目: ${d.fields.join(', ')}`, en: `fields: ${d.fields.join(', ')}` } : undefined);

/** A review's outcome in the words of its kind: 「異議を認める」, "Confirmed" … */
function outcome(kind: string | undefined, state: string | undefined): Bilingual | undefined {
  if (kind === undefined || state === undefined) return undefined;
  return (DEBTOR_ACTION_OUTCOME_LABELS as Record<string, Record<string, Bilingual> | undefined>)[kind]?.[state] ?? { ja: state, en: state };
}

/** Every action Todoku writes to the audit log, with its sentence. test/core/audit-sentence.test.ts checks the source for any missing. */
export const AUDIT_PHRASES = {
  'campaign.create': says('{t} を作成', 'created {t}'),
  'campaign.update': says('{t} の設定を変更', 'changed the settings of {t}', fields),
  'campaign.import': says('{t} にリストを取り込み', 'imported a list into {t}', (d) =>
    join(opt(num(d, 'accepted'), (n) => ({ ja: `受付 ${rows(n).ja}`, en: `${rows(n).en} accepted` })), opt(num(d, 'rejected'), (n) => ({ ja: `除外 ${rows(n).ja}`, en: `${rows(n).en} set aside` }))),
  ),
  'campaign.recipients.replace': says('{t} のリストを差し替え', 'replaced the list of {t}', (d) =>
    join(opt(num(d, 'accepted'), (n) => ({ ja: `受付 ${rows(n).ja}`, en: `${rows(n).en} accepted` })), opt(num(d, 'rejected'), (n) => ({ ja: `除外 ${rows(n).ja}`, en: `${rows(n).en} set aside` }))),
  ),
  'campaign.recipients.remove': says('{t} のリストから行を削除', 'removed rows from the list of {t}', (d) => opt(num(d, 'removed'), rows)),
  'campaign.recipients.edit': says('{t} のリストの行を修正', 'edited a row of the list of {t}', (d) => opt(num(d, 'line'), (n) => ({ ja: `${n}行目`, en: `line ${n}` }))),
  'campaign.recipients.consent': says('{t} のリストの行に事前同意を記録', 'recorded prior consent on a row of the list of {t}', (d) =>
    join(
      opt(num(d, 'line'), (n) => ({ ja: `${n}行目`, en: `line ${n}` })),
      opt(str(d, 'method'), (m) => (CONSENT_METHOD_LABELS as Record<string, Bilingual | undefined>)[m] ?? { ja: m, en: m }),
      opt(str(d, 'date'), (s) => ({ ja: `同意日 ${s}`, en: `given ${s}` })),
    ),
  ),
  'campaign.recipients.consent.withdraw': says('{t} のリストの行の事前同意を取り消し', 'withdrew the prior consent on a row of the list of {t}', (d) => opt(num(d, 'line'), (n) => ({ ja: `${n}行目`, en: `line ${n}` }))),
  'campaign.rejections.download': says('{t} の除外リストをダウンロード', 'downloaded the set-aside rows of {t}'),
  'campaign.send': says('{t} を送信開始', 'started sending {t}', (d) => opt(num(d, 'queued'), people)),
  'campaign.approval.request': says('{t} の送信の承認を依頼', 'asked for approval to send {t}', (d) => opt(num(d, 'recipients'), people)),
  'campaign.approval.approve': says('{t} の送信を承認', 'approved sending {t}', (d) => opt(num(d, 'request'), (n) => ({ ja: `依頼 #${n}`, en: `request #${n}` }))),
  'campaign.approval.reject': says('{t} の送信の依頼を差し戻し', 'rejected the request to send {t}', (d) => opt(num(d, 'request'), (n) => ({ ja: `依頼 #${n}`, en: `request #${n}` }))),
  'campaign.approval.withdraw': says('{t} の承認依頼を取り下げ', 'withdrew the approval request for {t}', (d) => opt(num(d, 'request'), (n) => ({ ja: `依頼 #${n}`, en: `request #${n}` }))),
  'campaign.approval.stale': says('{t} の承認依頼が内容の変更で無効になったことを確認', 'found the approval request for {t} no longer applies (changed since)', (d) => opt(num(d, 'request'), (n) => ({ ja: `依頼 #${n}`, en: `request #${n}` }))),
  'campaign.test_send': says('{t} をテスト送信', 'sent {t} as a test', (d) => opt(num(d, 'numbers'), (n) => countOf(n, '件の番号へ', { one: 'number', other: 'numbers' }))),
  'campaign.pause': says('{t} を一時停止', 'paused {t}'),
  'campaign.resume': says('{t} を再開', 'resumed {t}'),
  'campaign.cancel': says('{t} を取り消し', 'cancelled {t}', (d) => opt(num(d, 'cancelled'), (n) => ({ ja: `未送信 ${messages(n).ja} を取消`, en: `${messages(n).en} not sent` }))),
  'campaign.resend_unknown': says('{t} の結果不明のメッセージを再送', 're-sent the messages of {t} whose outcome was unknown', (d) => opt(num(d, 'resent'), messages)),
  'campaign.export': says('{t} の結果を書き出し', 'exported the results of {t}', encoding),
  'campaign.evidence_export': says('{t} の証跡バンドルを書き出し', 'exported the evidence bundle of {t}', (d) => opt(num(d, 'treeSize'), (n) => ({ ja: `台帳 ${n.toLocaleString('ja-JP')}件まで`, en: `ledger up to ${n.toLocaleString('en-GB')} entries` }))),
  'evidence.export': says('証跡台帳のすべてを書き出し（引継ぎ）', 'exported the whole evidence ledger (hand-over)', (d) => opt(num(d, 'treeSize'), (n) => ({ ja: `${n.toLocaleString('ja-JP')}件`, en: `${n.toLocaleString('en-GB')} entries` }))),
  'evidence.verify': says('証跡台帳を検証', 'verified the evidence ledger', (d) => (d.ok === false ? { ja: '不整合を検出', en: 'found a failure' } : d.ok === true ? join({ ja: '問題なし', en: 'all holds' }, opt(num(d, 'entries'), (n) => countOf(n, '件', { one: 'entry', other: 'entries' }))) : undefined)),
  'campaign.delete': says('{t} を削除', 'deleted {t}', (d) => opt(num(d, 'accepted'), rows)),
  'campaign.archive': says('{t} をアーカイブ', 'archived {t}'),
  'campaign.unarchive': says('{t} をアーカイブから戻す', 'brought {t} back from the archive'),
  'campaign.landing.update': says('{t} の受取人ページを設定', 'set up the recipient page of {t}'),
  'documents.upload': says('{t} に書類をアップロード', 'uploaded documents to {t}', (d) => opt(num(d, 'stored'), files)),
  'documents.remove': says('{t} の書類を削除', 'removed documents from {t}', (d) => opt(num(d, 'removed'), files)),
  'documents.view': says('{t} の書類を表示', 'opened a document of {t}', (d) => opt(num(d, 'line'), (n) => ({ ja: `${n}行目`, en: `line ${n}` }))),
  'documents.invoice.save': says('{t} の請求書の様式を保存', 'saved the invoice layout of {t}'),
  'documents.invoice.remove': says('{t} の請求書の様式を削除', 'removed the invoice layout of {t}'),
  'survey.define': says('{t} のアンケートを設定', 'set up the survey of {t}', (d) => opt(num(d, 'questions'), (n) => countOf(n, '問', { one: 'question', other: 'questions' }))),
  'survey.remove': says('{t} のアンケートを削除', 'removed the survey of {t}'),
  'survey.export': says('{t} のアンケート回答を書き出し', 'exported the survey answers of {t}', encoding),
  'template.save': says('テンプレート {t} を保存', 'saved template {t}'),
  'template.delete': says('テンプレート {t} を削除', 'deleted template {t}'),
  'message.unlock': says('{t} のロックを解除', 'unlocked {t}'),
  'message.certificate': says('{t} の記録証明書を発行', 'issued the certificate of records of {t}', (d) => opt(str(d, 'format'), (f) => ({ ja: f.toUpperCase(), en: f.toUpperCase() }))),
  'inbox.reply': says('{t} に返信', 'replied to {t}'),
  'inbox.read': says('{t} を既読にした', 'read {t}', (d) => opt(num(d, 'read'), messages)),
  'inbound.intent': says('{t} の分類を修正', 'corrected the reading of {t}', (d) => opt(str(d, 'to'), (i) => {
    const l = (INTENT_LABELS as Record<string, Bilingual | undefined>)[i] ?? { ja: i, en: i };
    return { ja: `→ ${l.ja}`, en: `→ ${l.en}` };
  })),
  'suppression.add': says('{t} を送信停止リストに追加', 'added {t} to the do-not-send list', (d) => opt(str(d, 'reason'), (r) => (r === 'opt_out' ? { ja: '配信停止の希望', en: 'asked to stop' } : { ja: r, en: r }))),
  'suppression.remove': says('{t} を送信停止リストから外した', 'removed {t} from the do-not-send list'),
  'organisation.update': says('組織の設定を変更', 'changed the organisation settings'),
  'organisation.sending.update': says('送信の承認とテスト用の番号の設定を変更', 'changed the approval and test-number settings', (d) => (d.approvalRequired === true ? { ja: '承認が必要', en: 'approval required' } : d.approvalRequired === false ? { ja: '承認は不要', en: 'no approval needed' } : undefined)),
  'organisation.retention': says('個人データの保存期間を変更', 'changed how long personal data is kept', (d) =>
    d.to === null ? { ja: '削除しない', en: 'not removed' } : opt(num(d, 'to'), (n) => countOf(n, '日', { one: 'day', other: 'days' })),
  ),
  'retention.personal_data': says('保存期間を過ぎた {t} の個人データを削除', 'removed the personal data of {t} past its retention', (d) => join(opt(num(d, 'recipients'), rows), fields(d))),
  'retention.inbound': says('保存期間を過ぎた、照合できなかった返信を削除', 'removed replies that matched no message, past their retention', (d) => opt(num(d, 'unmatched'), messages)),
  'retention.evidence_content': says('保存期間を過ぎた {t} の証跡の内容を削除（記録そのものは残る）', 'removed the sealed evidence content of {t} past its retention (the records stay)', (d) =>
    opt(num(d, 'retentionYears'), (n) => ({ ja: `${n}年`, en: `${n} years` })),
  ),
  'organisation.logo': says('組織のロゴを設定', 'set the organisation logo'),
  'organisation.logo.remove': says('組織のロゴを削除', 'removed the organisation logo'),
  'route.create': says('送信経路 {t} を追加', 'added route {t}'),
  'route.update': says('送信経路 {t} を変更', 'changed route {t}'),
  'route.delete': says('送信経路 {t} を削除', 'deleted route {t}'),
  'route.test': says('送信経路 {t} の接続を確認', 'tested route {t}', (d) => (typeof d.ok === 'boolean' ? (d.ok ? { ja: '成功', en: 'succeeded' } : { ja: '失敗', en: 'failed' }) : undefined)),
  'apikey.create': says('APIキー {t} を発行', 'issued API key {t}', role),
  'apikey.revoke': says('APIキー {t} を無効化', 'revoked API key {t}'),
  'user.create': says('ユーザー {t} を追加', 'added user {t}', role),
  'user.update': says('ユーザー {t} を変更', 'changed user {t}', (d) => join(role(d), typeof d.disabled === 'boolean' ? (d.disabled ? { ja: '無効化', en: 'disabled' } : { ja: '有効化', en: 'enabled' }) : undefined)),
  'user.password.reset': says('ユーザー {t} のパスワードを再発行', 'reset the password of user {t}'),
  'user.password.change': says('自分のパスワードを変更', 'changed their own password'),
  'session.login': says('ログイン', 'signed in'),
  'session.login_failed': says('ユーザー {t} としてのログインに失敗', 'failed to sign in as user {t}'),
  'webhook.create': says('Webhook {t} を追加', 'added webhook {t}'),
  'webhook.update': says('Webhook {t} を変更', 'changed webhook {t}', fields),
  'webhook.delete': says('Webhook {t} を削除', 'deleted webhook {t}'),
  'webhook.rotate_secret': says('Webhook {t} の署名鍵を更新', 'rotated the signing secret of webhook {t}'),
  'webhook.retry': says('Webhook 配信 {t} を再試行', 'retried webhook delivery {t}'),
  'payment.paid': says('{t} の支払いを記録', 'recorded a payment for {t}', (d) => opt(num(d, 'amount'), (n) => ({ ja: `¥${n.toLocaleString('ja-JP')}`, en: `¥${n.toLocaleString('en-GB')}` }))),
  'payment.paid_twice': says('{t} の二重の支払いを記録', 'recorded a second payment for {t}', (d) => opt(num(d, 'amount'), (n) => ({ ja: `¥${n.toLocaleString('ja-JP')}`, en: `¥${n.toLocaleString('en-GB')}` }))),
  'payment.mark': says('{t} を支払済みとして記録', 'recorded {t} as paid by hand', (d) =>
    join(
      opt(str(d, 'method'), (m) => (PAYMENT_MARK_METHOD_LABELS as Record<string, Bilingual | undefined>)[m] ?? { ja: m, en: m }),
      opt(num(d, 'amount'), (n) => ({ ja: `¥${n.toLocaleString('ja-JP')}`, en: `¥${n.toLocaleString('en-GB')}` })),
      d.balance === 'partial' ? { ja: '一部入金', en: 'part payment' } : d.balance === 'over' ? { ja: '過入金', en: 'overpayment' } : undefined,
    ),
  ),
  'bank_file.import': says('銀行の入金ファイルを取り込み', 'imported a bank file', (d) =>
    join(
      opt(num(d, 'matched'), (n) => ({ ja: `消込 ${n}件`, en: `${n} matched` })),
      opt(num(d, 'unmatched'), (n) => ({ ja: `未消込 ${n}件`, en: `${n} unmatched` })),
      opt(num(d, 'duplicate'), (n) => ({ ja: `取込済み ${n}件`, en: `${n} already imported` })),
    ),
  ),
  'bank_file.refused': says('銀行の入金ファイルを取り込めなかった', 'had a bank file refused', (d) => opt(num(d, 'record'), (n) => ({ ja: `${n}件目のレコード`, en: `record ${n}` }))),
  'bank_transfer.assign': says('{t} を手で消込', 'matched {t} by hand', (d) => opt(num(d, 'messageId'), (n) => ({ ja: `メッセージ #${n}`, en: `message #${n}` }))),
  'bank_transfer.not_ours': says('{t} を対象外にした', 'set {t} aside as not ours'),
  'debtor_action.resolve': says('{t} を確認して対応', 'reviewed {t}', (d) =>
    join(
      opt(str(d, 'kind'), (k) => (DEBTOR_ACTION_KIND_LABELS as Record<string, Bilingual | undefined>)[k] ?? { ja: k, en: k }),
      outcome(str(d, 'kind'), str(d, 'state')),
    ),
  ),
  'misdelivered.remove': says('{t} を宛先違いリストから外した', 'removed {t} from the misdelivery list'),
  'campaign.self_service.update': says('{t} の受取人ページで受け付ける手続きを設定', 'chose what people may ask for on the recipient page of {t}'),
  'cadence.saved': says('{t} の督促シナリオを保存', 'saved the cadence of {t}', (d) => opt(num(d, 'steps'), (n) => countOf(n, 'ステップ', { one: 'step', other: 'steps' }))),
  'cadence.started': says('{t} の督促シナリオを開始', 'started the cadence of {t}'),
  'cadence.paused': says('{t} の督促シナリオを一時停止', 'paused the cadence of {t}'),
  'cadence.resumed': says('{t} の督促シナリオを再開', 'resumed the cadence of {t}'),
  'cadence.stopped': says('{t} の督促シナリオを停止', 'stopped the cadence of {t}'),
  'cadence.member_stopped': says('{t} の督促シナリオから1名を外した', 'took one person out of the cadence of {t}', (d) => opt(num(d, 'recipient'), (n) => ({ ja: `受信者 #${n}`, en: `recipient #${n}` }))),
  'simulator.clear': says('SMSCシミュレーターを空にした', 'cleared the SMSC simulator'),
  'simulator.settings': says('SMSCシミュレーターの設定を変更', 'changed the SMSC simulator settings', fields),
  'simulator.disconnect': says('SMSCシミュレーターの接続を切断', 'dropped the SMSC simulator connections', (d) => opt(num(d, 'dropped'), (n) => countOf(n, '本', { one: 'connection', other: 'connections' }))),
} satisfies Record<string, Phrase>;

export type AuditAction = keyof typeof AUDIT_PHRASES;
export const AUDIT_ACTIONS = Object.keys(AUDIT_PHRASES) as AuditAction[];

const KIND: Record<string, Bilingual> = {
  campaign: { ja: 'キャンペーン', en: 'campaign' },
  message: { ja: 'メッセージ', en: 'message' },
  conversation: { ja: '会話', en: 'conversation' },
  inbound: { ja: '返信', en: 'reply' },
  suppression: { ja: '送信停止', en: 'do-not-send entry' },
  template: { ja: '', en: '' },
  route: { ja: '', en: '' },
  apikey: { ja: '', en: '' },
  user: { ja: '', en: '' },
  webhook: { ja: '', en: '' },
  webhook_delivery: { ja: '', en: '' },
  bank_transfer: { ja: '入金', en: 'bank transfer' },
  bank_file: { ja: '入金ファイル', en: 'bank file' },
  debtor_action: { ja: '受取人からの申出', en: 'request' },
  misdelivered: { ja: '宛先違いの番号', en: 'misdelivered number' },
};

/** "user:3:tanaka" → the resolved display name, else the login; API keys, the system and payments by kind. */
export function actorName(actor: string, resolved?: string): Bilingual {
  if (resolved) return { ja: resolved, en: resolved };
  const [kind, , name] = actor.split(':');
  if (kind === 'user' && name) return { ja: name, en: name };
  if (kind === 'apikey' && name) return { ja: `APIキー「${name}」`, en: `API key "${name}"` };
  if (kind === 'payment') return { ja: `決済サービス（${actor.slice('payment:'.length)}）`, en: `the payment service (${actor.slice('payment:'.length)})` };
  if (actor === 'system') return { ja: 'システム', en: 'The system' };
  if (actor === 'anonymous') return { ja: '（ログイン前の誰か）', en: 'Someone not signed in' };
  return { ja: actor, en: actor };
}

/** "campaign:5" → the resolved name, else 「キャンペーン #5」 / "campaign #5"; route and template names as they are. */
export function targetName(target: string | null, resolved?: string): Bilingual {
  if (resolved) return { ja: resolved, en: resolved };
  if (!target) return { ja: '', en: '' };
  const i = target.indexOf(':');
  const kind = i < 0 ? target : target.slice(0, i);
  const id = i < 0 ? '' : target.slice(i + 1);
  const k = KIND[kind];
  if (!k) return { ja: target, en: target };
  if (kind === 'route' || kind === 'template') return { ja: `「${id}」`, en: `"${id}"` };
  return { ja: k.ja ? `${k.ja} #${id}` : `#${id}`, en: k.en ? `${k.en} #${id}` : `#${id}` };
}

export function isAuditAction(action: string): action is AuditAction {
  return Object.prototype.hasOwnProperty.call(AUDIT_PHRASES, action);
}

export function auditSentence(e: AuditSentenceInput): Bilingual {
  const who = actorName(e.actor, e.names?.actor);
  const what = targetName(e.target, e.names?.target);
  const d: Details = e.details !== null && typeof e.details === 'object' && !Array.isArray(e.details) ? (e.details as Details) : {};
  if (isAuditAction(e.action)) return AUDIT_PHRASES[e.action]({ who, what, d });
  const on = what.ja ? { ja: `（${what.ja}）`, en: ` (${what.en})` } : { ja: '', en: '' };
  return { ja: `${who.ja} が ${e.action} を実行${on.ja}`, en: `${who.en} did ${e.action}${on.en}` };
}
