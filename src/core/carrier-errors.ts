// What a carrier's error code means, for people: SMPP command_status names (a submit the SMSC refused,
// stored as ESME_… or SMPP_0x…) and the `err:` value of a delivery receipt. The three-digit receipt
// codes are set by each aggregator; the table holds the meanings the Japanese aggregators (docomo, au,
// SoftBank, Rakuten via their SMS gateways) commonly give, and an unknown code is shown as it is.
// Shown in the recipient table, a message's timeline and the results export. No runtime imports: the
// console bundles this file.
import type { Bilingual } from './errors.ts';
import type { Lang } from './labels.ts';

/** SMPP v3.4 command_status names → meaning (the route's status table decides retry or not). */
export const SMPP_ERROR_MEANINGS: Readonly<Record<string, Bilingual & { status: number }>> = {
  ESME_RINVMSGLEN: { status: 0x01, ja: 'メッセージ長が不正', en: 'Message length is invalid' },
  ESME_RINVCMDLEN: { status: 0x02, ja: 'コマンド長が不正', en: 'Command length is invalid' },
  ESME_RINVCMDID: { status: 0x03, ja: 'コマンドIDが不正', en: 'Invalid command ID' },
  ESME_RINVBNDSTS: { status: 0x04, ja: '接続（バインド）状態が不正', en: 'Incorrect bind status for this command' },
  ESME_RINVPRTFLG: { status: 0x06, ja: '優先度フラグが不正', en: 'Invalid priority flag' },
  ESME_RINVREGDLVFLG: { status: 0x07, ja: '配達通知フラグが不正', en: 'Invalid registered delivery flag' },
  ESME_RSYSERR: { status: 0x08, ja: '携帯電話会社側（SMSC）のシステムエラー', en: 'SMSC system error' },
  ESME_RINVSRCADR: { status: 0x0a, ja: '送信元（差出人）が不正', en: 'Invalid source address' },
  ESME_RINVDSTADR: { status: 0x0b, ja: '宛先番号が不正', en: 'Invalid destination address' },
  ESME_RMSGQFUL: { status: 0x14, ja: 'SMSCの送信待ちが満杯', en: 'SMSC message queue full' },
  ESME_RINVSERTYP: { status: 0x15, ja: 'サービスタイプが不正', en: 'Invalid service type' },
  ESME_RINVESMCLASS: { status: 0x43, ja: 'esm_classが不正', en: 'Invalid esm_class' },
  ESME_RSUBMITFAIL: { status: 0x45, ja: '送信要求が拒否された', en: 'submit_sm failed' },
  ESME_RINVSRCTON: { status: 0x48, ja: '送信元番号の種別（TON）が不正', en: 'Invalid source address TON' },
  ESME_RINVSRCNPI: { status: 0x49, ja: '送信元番号の方式（NPI）が不正', en: 'Invalid source address NPI' },
  ESME_RINVDSTTON: { status: 0x50, ja: '宛先番号の種別（TON）が不正', en: 'Invalid destination address TON' },
  ESME_RINVDSTNPI: { status: 0x51, ja: '宛先番号の方式（NPI）が不正', en: 'Invalid destination address NPI' },
  ESME_RTHROTTLED: { status: 0x58, ja: '送信速度の上限を超えた（間隔を空けて再送）', en: 'Throttled: submit rate exceeded' },
  ESME_RINVSCHED: { status: 0x61, ja: '配達予定時刻が不正', en: 'Invalid scheduled delivery time' },
  ESME_RINVEXPIRY: { status: 0x62, ja: '有効期限の指定が不正', en: 'Invalid validity period' },
  ESME_RX_T_APPN: { status: 0x64, ja: '一時的なエラー（再送します）', en: 'Temporary application error' },
  ESME_RX_P_APPN: { status: 0x65, ja: '恒久的なエラー', en: 'Permanent application error' },
  ESME_RX_R_APPN: { status: 0x66, ja: '携帯電話会社がメッセージを拒否', en: 'Message rejected by the application' },
  ESME_RINVOPTPARSTREAM: { status: 0xc0, ja: 'PDUの任意項目が不正', en: 'Error in optional part of the PDU' },
  ESME_ROPTPARNOTALLWD: { status: 0xc1, ja: '許可されない任意項目', en: 'Optional parameter not allowed' },
  ESME_RINVPARLEN: { status: 0xc2, ja: '項目の長さが不正', en: 'Invalid parameter length' },
  ESME_RMISSINGOPTPARAM: { status: 0xc3, ja: '必要な任意項目がない', en: 'Expected optional parameter missing' },
  ESME_RINVOPTPARAMVAL: { status: 0xc4, ja: '任意項目の値が不正', en: 'Invalid optional parameter value' },
  ESME_RDELIVERYFAILURE: { status: 0xfe, ja: '配達に失敗', en: 'Delivery failure' },
  ESME_RUNKNOWNERR: { status: 0xff, ja: '不明なエラー', en: 'Unknown error' },
};

/** Delivery receipt `err:` values (three digits) as the Japanese aggregators commonly use them. */
export const RECEIPT_ERROR_MEANINGS: Readonly<Record<string, Bilingual>> = {
  '001': { ja: '宛先不明（番号が使われていない可能性）', en: 'Unknown subscriber (the number may not be in use)' },
  '002': { ja: '圏外または電源が入っていない', en: 'Absent subscriber (out of coverage or switched off)' },
  '003': { ja: '受信拒否（迷惑SMSの拒否設定など）', en: 'Refused by the recipient (SMS blocking settings)' },
  '004': { ja: '端末の保存容量が不足', en: 'Handset memory full' },
  '005': { ja: 'SMSを受信できない端末・契約', en: 'Handset or contract cannot receive SMS' },
  '006': { ja: '有効期限内に配達できなかった', en: 'Not delivered within the validity period' },
  '007': { ja: '携帯電話会社のネットワークエラー', en: 'Carrier network error' },
  '008': { ja: '海外・他社からのSMSの受信拒否設定', en: 'Refuses SMS from other or overseas carriers' },
  '009': { ja: '宛先の携帯電話会社が特定できない（番号ポータビリティ等）', en: 'Carrier of the number not found (e.g. number portability)' },
  '010': { ja: '迷惑SMSとして携帯電話会社が遮断', en: 'Blocked by the carrier as spam' },
  '011': { ja: '通信中・一時的に受信できない', en: 'Subscriber busy or temporarily unavailable' },
};

const BY_STATUS = new Map(Object.entries(SMPP_ERROR_MEANINGS).map(([name, m]) => [m.status, { name, ...m }]));

/** The meaning of a stored error code, or null when it is not a carrier code (policy waits have their own words). */
export function carrierErrorMeaning(code: string | null | undefined): Bilingual | null {
  if (!code) return null;
  if (Object.hasOwn(SMPP_ERROR_MEANINGS, code)) return SMPP_ERROR_MEANINGS[code]!;
  const hex = /^SMPP_0x([0-9A-Fa-f]{1,8})$/.exec(code);
  if (hex) return BY_STATUS.get(parseInt(hex[1]!, 16)) ?? { ja: 'SMSCが送信を拒否（未登録のコード）', en: 'SMSC refused the message (unlisted code)' };
  const digits = /^\d{1,3}$/.test(code) ? code.padStart(3, '0') : null;
  return digits && Object.hasOwn(RECEIPT_ERROR_MEANINGS, digits) ? RECEIPT_ERROR_MEANINGS[digits]! : null;
}

/** 「001: 宛先不明（番号が使われていない可能性）」; a code without a known meaning as it is; '' for none. */
export function carrierErrorText(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const meaning = carrierErrorMeaning(code);
  return meaning ? `${code}: ${meaning[lang]}` : code;
}
