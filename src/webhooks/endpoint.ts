// Which addresses a webhook may be sent to: HTTPS to a host on the public internet (checked by
// target.ts, once here when a subscription is saved and again at every delivery, as DNS can change);
// plain HTTP and internal addresses only for hosts the operator lists in TODOKU_WEBHOOK_ALLOW_HOSTS.
// No user:password in the URL: it would show in every listing, and the signature already proves who
// sent the request.
import { isIP } from 'node:net';
import { TodokuError, type Bilingual } from '../core/errors.ts';
import { checkTarget, isAllowedHost, isForbiddenAddress, type TargetPolicy } from './target.ts';

/** What is wrong with the URL as written (no DNS): null when it may be stored once its host resolves well. */
export function webhookUrlProblem(raw: string, allowHosts: readonly string[] = []): Bilingual | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ja: 'URLの形式が正しくありません', en: 'not a valid URL' };
  }
  if (url.username || url.password) return { ja: 'URLにユーザー名やパスワードを含めないでください（署名で送信元を確認できます）', en: 'the URL must not contain a user name or password (the signature proves the sender)' };
  if (url.hash) return { ja: 'URLに#以降（フラグメント）は使えません', en: 'the URL must not have a fragment (#…)' };
  const allowed = isAllowedHost(url, allowHosts);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowed)) {
    return { ja: 'https:// のURLを指定してください（http:// は TODOKU_WEBHOOK_ALLOW_HOSTS に指定したホストのみ）', en: 'use an https:// URL (http:// only for hosts listed in TODOKU_WEBHOOK_ALLOW_HOSTS)' };
  }
  // An address written in the URL (any spelling: URL has normalised it) is checked without DNS.
  const host = url.hostname.replace(/^\[(.*)\]$/u, '$1');
  if (!allowed && isIP(host) !== 0 && isForbiddenAddress(host)) {
    return { ja: '内部ネットワーク（ループバック・プライベート・リンクローカル等）のアドレスには送れません', en: 'internal addresses (loopback, private, link-local …) are not allowed' };
  }
  return null;
}

function urlError(problem: Bilingual): TodokuError {
  return new TodokuError('TODOKU_E_WEBHOOK_URL', { ja: `Webhook URL: ${problem.ja}`, en: `webhook URL: ${problem.en}` });
}

/**
 * The URL as stored, or a TODOKU_E_WEBHOOK_URL error saying what is wrong with it. The host is resolved
 * and every address checked; a name that does not resolve (yet) is stored, as each delivery checks again.
 */
export async function checkWebhookUrl(raw: string, policy: TargetPolicy): Promise<string> {
  const problem = webhookUrlProblem(raw, policy.allowHosts);
  if (problem) throw urlError(problem);
  const url = new URL(raw);
  const target = await checkTarget(url, policy);
  if (!target.ok && target.reason === 'forbidden') throw urlError(target.problem);
  return url.toString();
}
