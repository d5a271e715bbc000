// Why a message to a number on the suppression list was not sent, as recorded on the message.
import type { Bilingual } from '../errors.ts';

export const SUPPRESSED_CODE = 'TODOKU_E_SUPPRESSED';

export const SUPPRESSED_REASON: Bilingual = {
  ja: '配信停止リストの番号のため送信しません',
  en: 'not sent: the number is on the suppression list',
};
