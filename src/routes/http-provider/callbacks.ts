// Callbacks from the provider, before they reach the dispatcher: checked (signature, account, signed
// timestamp) and read (a status callback into a Receipt, an inbound webhook into an InboundSms).
// Refusals are TodokuErrors with stable codes; the web edge turns them into 403 / 400 problems.
import { TodokuError } from '../../core/errors.ts';
import type { InboundSms, Receipt } from '../../core/carrier.ts';
import type { HttpProviderConfig } from './config.ts';
import { verifySignature, type FormPairs } from './signature.ts';
import { messageStatus, receiptStatusFor } from './status.ts';

/** One callback as it arrived: the full public URL it was posted to, its form fields and signing headers. */
export interface SignedCallback {
  url: string;
  params: FormPairs;
  /** X-Twilio-Signature */
  signature?: string | undefined;
  /** X-Todoku-Timestamp (epoch ms), signed along with the rest; our simulator sends it. */
  timestamp?: string | undefined;
}

export const refuse = {
  unsigned: () => new TodokuError('TODOKU_E_CALLBACK_UNSIGNED', { ja: '署名のないコールバックは受け付けません', en: 'callback is not signed (X-Twilio-Signature missing)' }),
  signature: () => new TodokuError('TODOKU_E_CALLBACK_SIGNATURE', { ja: 'コールバックの署名が一致しません', en: 'callback signature does not match' }),
  account: () => new TodokuError('TODOKU_E_CALLBACK_SIGNATURE', { ja: 'コールバックのアカウントがこの経路と一致しません', en: 'callback is for another account' }),
  stale: (why: string) => new TodokuError('TODOKU_E_CALLBACK_STALE', { ja: `古いコールバックのため受け付けません（${why}）`, en: `stale callback (${why})` }),
  invalid: (field: string) => new TodokuError('TODOKU_E_CALLBACK_INVALID', { ja: `コールバックに ${field} がありません`, en: `callback lacks ${field}` }),
};

export function param(params: FormPairs, name: string): string | undefined {
  return params.find(([key]) => key === name)?.[1];
}

function required(params: FormPairs, name: string): string {
  const value = param(params, name);
  if (value === undefined || value === '') throw refuse.invalid(name);
  return value;
}

/**
 * Signature first (nothing unsigned is read further), then the account, then the signed timestamp's
 * age. Throws the refusal; returns nothing when the callback may be read.
 */
export function checkCallback(config: HttpProviderConfig, callback: SignedCallback, now: number): void {
  if (!callback.signature) throw refuse.unsigned();
  if (!verifySignature(config.authToken, callback.url, callback.params, callback.signature, callback.timestamp)) throw refuse.signature();
  const account = param(callback.params, 'AccountSid');
  if (account !== undefined && account !== config.accountSid) throw refuse.account();
  if (callback.timestamp === undefined) {
    if (config.requireTimestamp) throw refuse.stale('X-Todoku-Timestamp missing');
    return;
  }
  const at = /^\d{1,16}$/.test(callback.timestamp) ? Number(callback.timestamp) : Number.NaN;
  if (Number.isNaN(at)) throw refuse.stale('X-Todoku-Timestamp unreadable');
  if (Math.abs(now - at) > config.callbackMaxAgeMs) throw refuse.stale(`timestamp ${Math.round((now - at) / 1000)} s from now`);
}

/** Twilio writes numbers in E.164 with '+'; an alphanumeric sender id stays as it is. */
function e164(address: string): string {
  return /^\d{6,15}$/.test(address) ? `+${address}` : address;
}

export interface StatusCallback {
  sid: string;
  status: string;
  to: string | undefined;
  receipt: Receipt;
}

/** A status callback's fields → the receipt for the dispatcher. */
export function readStatusCallback(params: FormPairs, now: Date): StatusCallback {
  const sid = param(params, 'MessageSid') ?? param(params, 'SmsSid');
  if (!sid) throw refuse.invalid('MessageSid');
  const status = (param(params, 'MessageStatus') ?? param(params, 'SmsStatus') ?? '').toLowerCase();
  if (!status) throw refuse.invalid('MessageStatus');
  const to = param(params, 'To');
  const errorCode = param(params, 'ErrorCode');
  const hasError = errorCode !== undefined && errorCode !== '' && errorCode !== '0';
  const receipt: Receipt = {
    smscId: sid,
    status: receiptStatusFor(status, hasError ? errorCode : undefined),
    carrierState: status,
    ...(to ? { to: e164(to) } : {}),
    ...(hasError ? { errorCode } : {}),
    // RawDlrDoneDate has no time zone and minute precision: the time we heard of it is more honest.
    ...(messageStatus(status)?.final ? { doneAt: now } : {}),
  };
  return { sid, status, to: receipt.to, receipt };
}

/** An inbound webhook's fields → the reply for the dispatcher (and its MessageSid, to spot replays). */
export function readInbound(params: FormPairs, now: Date): { sid: string; sms: InboundSms } {
  const sid = param(params, 'MessageSid') ?? param(params, 'SmsSid');
  if (!sid) throw refuse.invalid('MessageSid');
  return {
    sid,
    sms: { from: e164(required(params, 'From')), to: e164(required(params, 'To')), text: param(params, 'Body') ?? '', receivedAt: now },
  };
}
