// SMPP command_status of a submit_sm_resp → our submit outcome, through one table. Transient refusals
// (throttling, a full queue, a system error) are worth retrying; everything else is permanent. Two of
// them mean "slow down": the route itself paces down and resubmits those (see pacer.ts).
import type { SubmitOutcome } from '../route.ts';

interface StatusRow {
  name: string;
  kind: 'retry' | 'failed';
  /** The SMSC is overloaded rather than the message wrong: send slower and try this PDU again. */
  slowDown?: true;
  en: string;
  ja: string;
}

export const SMPP_STATUSES: ReadonlyMap<number, StatusRow> = new Map<number, StatusRow>([
  [0x01, { name: 'ESME_RINVMSGLEN', kind: 'failed', en: 'Message length is invalid', ja: 'メッセージ長が不正です' }],
  [0x02, { name: 'ESME_RINVCMDLEN', kind: 'failed', en: 'Command length is invalid', ja: 'コマンド長が不正です' }],
  [0x03, { name: 'ESME_RINVCMDID', kind: 'failed', en: 'Invalid command ID', ja: 'コマンドIDが不正です' }],
  [0x04, { name: 'ESME_RINVBNDSTS', kind: 'retry', en: 'Incorrect bind status for this command', ja: 'バインド状態が不正です' }],
  [0x06, { name: 'ESME_RINVPRTFLG', kind: 'failed', en: 'Invalid priority flag', ja: '優先度フラグが不正です' }],
  [0x07, { name: 'ESME_RINVREGDLVFLG', kind: 'failed', en: 'Invalid registered delivery flag', ja: '配信通知フラグが不正です' }],
  [0x08, { name: 'ESME_RSYSERR', kind: 'retry', en: 'SMSC system error', ja: 'SMSCのシステムエラー' }],
  [0x0a, { name: 'ESME_RINVSRCADR', kind: 'failed', en: 'Invalid source address', ja: '発信元番号が不正です' }],
  [0x0b, { name: 'ESME_RINVDSTADR', kind: 'failed', en: 'Invalid destination address', ja: '宛先番号が不正です' }],
  [0x14, { name: 'ESME_RMSGQFUL', kind: 'retry', slowDown: true, en: 'SMSC message queue full', ja: 'SMSCのキューが満杯です' }],
  [0x15, { name: 'ESME_RINVSERTYP', kind: 'failed', en: 'Invalid service type', ja: 'サービスタイプが不正です' }],
  [0x43, { name: 'ESME_RINVESMCLASS', kind: 'failed', en: 'Invalid esm_class', ja: 'esm_classが不正です' }],
  [0x45, { name: 'ESME_RSUBMITFAIL', kind: 'failed', en: 'submit_sm failed', ja: '送信要求が拒否されました' }],
  [0x48, { name: 'ESME_RINVSRCTON', kind: 'failed', en: 'Invalid source address TON', ja: '発信元番号のTONが不正です' }],
  [0x49, { name: 'ESME_RINVSRCNPI', kind: 'failed', en: 'Invalid source address NPI', ja: '発信元番号のNPIが不正です' }],
  [0x50, { name: 'ESME_RINVDSTTON', kind: 'failed', en: 'Invalid destination address TON', ja: '宛先番号のTONが不正です' }],
  [0x51, { name: 'ESME_RINVDSTNPI', kind: 'failed', en: 'Invalid destination address NPI', ja: '宛先番号のNPIが不正です' }],
  [0x58, { name: 'ESME_RTHROTTLED', kind: 'retry', slowDown: true, en: 'Throttled: submit rate exceeded', ja: '送信レート超過(スロットリング)' }],
  [0x61, { name: 'ESME_RINVSCHED', kind: 'failed', en: 'Invalid scheduled delivery time', ja: '配信予定時刻が不正です' }],
  [0x62, { name: 'ESME_RINVEXPIRY', kind: 'failed', en: 'Invalid validity period', ja: '有効期限が不正です' }],
  [0x64, { name: 'ESME_RX_T_APPN', kind: 'retry', en: 'Temporary application error', ja: '一時的なアプリケーションエラー' }],
  [0x65, { name: 'ESME_RX_P_APPN', kind: 'failed', en: 'Permanent application error', ja: '恒久的なアプリケーションエラー' }],
  [0x66, { name: 'ESME_RX_R_APPN', kind: 'failed', en: 'Message rejected by the application', ja: 'メッセージが拒否されました' }],
  [0xc0, { name: 'ESME_RINVOPTPARSTREAM', kind: 'failed', en: 'Error in optional part of the PDU', ja: 'PDUのオプション部が不正です' }],
  [0xc1, { name: 'ESME_ROPTPARNOTALLWD', kind: 'failed', en: 'Optional parameter not allowed', ja: '許可されないオプションパラメータ' }],
  [0xc2, { name: 'ESME_RINVPARLEN', kind: 'failed', en: 'Invalid parameter length', ja: 'パラメータ長が不正です' }],
  [0xc3, { name: 'ESME_RMISSINGOPTPARAM', kind: 'failed', en: 'Expected optional parameter missing', ja: '必要なオプションパラメータがありません' }],
  [0xc4, { name: 'ESME_RINVOPTPARAMVAL', kind: 'failed', en: 'Invalid optional parameter value', ja: 'オプションパラメータの値が不正です' }],
  [0xfe, { name: 'ESME_RDELIVERYFAILURE', kind: 'failed', en: 'Delivery failure', ja: '配信に失敗しました' }],
  [0xff, { name: 'ESME_RUNKNOWNERR', kind: 'failed', en: 'Unknown error', ja: '不明なエラー' }],
]);

function hex(status: number): string {
  return `0x${status.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** The outcome of a submit_sm_resp that did not succeed (command_status ≠ 0). Unknown codes are permanent. */
export function outcomeForStatus(status: number): Exclude<SubmitOutcome, { kind: 'accepted' }> {
  const row = SMPP_STATUSES.get(status);
  if (!row) return { kind: 'failed', code: `SMPP_${hex(status)}`, reason: `SMSC refused the message (${hex(status)})` };
  const reason = `${row.en} (${hex(status)}) / ${row.ja}`;
  if (row.kind === 'failed') return { kind: 'failed', code: row.name, reason };
  return { kind: 'retry', code: row.name, reason, ...(row.slowDown ? { throttled: true as const } : {}) };
}

/** ESME_RTHROTTLED and ESME_RMSGQFUL: the PDU was not accepted and may be sent again, slower. */
export function slowsDown(status: number): boolean {
  return SMPP_STATUSES.get(status)?.slowDown === true;
}

/** The command_status for an SMPP error name (ESME_RSYSERR …), from the same table. */
export function statusByName(name: string): number | undefined {
  for (const [status, row] of SMPP_STATUSES) if (row.name === name) return status;
  return undefined;
}
