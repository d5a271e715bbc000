// The inbox's expected failures, with their stable codes (HTTP statuses in web/api/problem.ts).
import { TodokuError } from '../core/errors.ts';

export const suppressedError = () =>
  new TodokuError('TODOKU_E_SUPPRESSED', {
    ja: 'この番号は配信停止リストにあるため送信できません（本人の申し出による停止です）',
    en: 'this number is on the suppression list: nothing can be sent to it',
  });

export const conversationNotFound = () =>
  new TodokuError('TODOKU_E_NOT_FOUND', { ja: '会話が見つかりません', en: 'conversation not found' });

export const replyUnmatched = () =>
  new TodokuError('TODOKU_E_REPLY_UNMATCHED', {
    ja: 'この番号にはキャンペーンから送ったメッセージがないため、返信を送れません',
    en: 'nothing was ever sent to this number from a campaign, so there is nothing to reply within',
  });

export const replyTooLong = (parts: number, maxParts: number) =>
  new TodokuError(
    'TODOKU_E_REPLY_TOO_LONG',
    { ja: `返信が長すぎます（${parts}通分。上限は${maxParts}通分）`, en: `the reply is too long (${parts} parts; the route takes at most ${maxParts})` },
    { parts, maxParts },
  );

export const replyEmpty = () => new TodokuError('TODOKU_E_REPLY_EMPTY', { ja: '返信の本文が空です', en: 'the reply is empty' });

export const inboundNotFound = (id: number) =>
  new TodokuError('TODOKU_E_NOT_FOUND', { ja: `受信メッセージ ${id} が見つかりません`, en: `inbound message ${id} not found` });

export const promisedDateWithoutPromise = () =>
  new TodokuError('TODOKU_E_VALIDATION', {
    ja: '支払約束日は意図が「支払約束」のときだけ指定できます',
    en: 'a promised date can only be given with the intent "promise"',
  });
