// Which addresses a webhook may be sent to, pure: HTTPS anywhere; plain HTTP only to this machine
// (localhost, 127.0.0.1, ::1) for development. No user:password in the URL: it would show in every
// listing, and the signature already proves who sent the request.
import { TodokuError } from '../core/errors.ts';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function webhookUrlProblem(raw: string): { ja: string; en: string } | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ja: 'URLの形式が正しくありません', en: 'not a valid URL' };
  }
  if (url.username || url.password) return { ja: 'URLにユーザー名やパスワードを含めないでください（署名で送信元を確認できます）', en: 'the URL must not contain a user name or password (the signature proves the sender)' };
  if (url.hash) return { ja: 'URLに#以降（フラグメント）は使えません', en: 'the URL must not have a fragment (#…)' };
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname.toLowerCase())) return null;
  return { ja: 'https:// のURLを指定してください（http:// は localhost / 127.0.0.1 のみ）', en: 'use an https:// URL (http:// only for localhost / 127.0.0.1)' };
}

/** The URL as stored, or a TODOKU_E_WEBHOOK_URL error saying what is wrong with it. */
export function checkWebhookUrl(raw: string): string {
  const problem = webhookUrlProblem(raw);
  if (problem) throw new TodokuError('TODOKU_E_WEBHOOK_URL', { ja: `Webhook URL: ${problem.ja}`, en: `webhook URL: ${problem.en}` });
  return new URL(raw).toString();
}
