// The accounts' expected failures, each with a stable code and words for people (HTTP statuses are
// mapped in src/web/api/problem.ts).
import { TodokuError } from '../core/errors.ts';
import { ROLE_LABELS, type Role } from './roles.ts';

export function loginFailed(): TodokuError {
  return new TodokuError('TODOKU_E_LOGIN_FAILED', { ja: 'ログインIDまたはパスワードが正しくありません', en: 'wrong login or password' });
}

/** 429 with Retry-After: under a minute the wait is said in seconds (the account-wide delay starts at 5 s). */
export function loginThrottled(retryAfterMs: number): TodokuError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? { ja: `${seconds}秒後`, en: `${seconds} second(s)` } : { ja: `${minutes}分後`, en: `${minutes} minute(s)` };
  return new TodokuError(
    'TODOKU_E_LOGIN_THROTTLED',
    { ja: `ログインの失敗が続いたため、一時的にログインできません。${wait.ja}にもう一度お試しください`, en: `too many failed logins; try again in ${wait.en}` },
    { retryAfterSeconds: seconds },
  );
}

export function accountDisabled(): TodokuError {
  return new TodokuError('TODOKU_E_ACCOUNT_DISABLED', { ja: 'このアカウントは無効にされています。管理者に連絡してください', en: 'this account is disabled; contact an administrator' });
}

export function forbidden(required: Role): TodokuError {
  const label = ROLE_LABELS[required];
  return new TodokuError(
    'TODOKU_E_FORBIDDEN',
    { ja: `この操作を行う権限がありません（必要な権限: ${label.ja}）`, en: `not allowed: this needs the ${label.en} role` },
    { requiredRole: required },
  );
}

export function passwordChangeRequired(): TodokuError {
  return new TodokuError('TODOKU_E_PASSWORD_CHANGE_REQUIRED', {
    ja: '仮パスワードでログインしています。先にパスワードを変更してください',
    en: 'you logged in with a one-time password: change your password first',
  });
}

export function wrongCurrentPassword(): TodokuError {
  return new TodokuError('TODOKU_E_CURRENT_PASSWORD', { ja: '現在のパスワードが正しくありません', en: 'the current password is wrong' });
}

export function samePassword(): TodokuError {
  return new TodokuError('TODOKU_E_PASSWORD_POLICY', { ja: '新しいパスワードが現在のパスワードと同じです', en: 'the new password is the same as the current one' });
}

export function lastAdministrator(): TodokuError {
  return new TodokuError('TODOKU_E_LAST_ADMIN', {
    ja: '有効な管理者が一人もいなくなるため、この変更はできません',
    en: 'this would leave no active administrator',
  });
}

export function loginTaken(login: string): TodokuError {
  return new TodokuError('TODOKU_E_CONFLICT', { ja: `ログインID「${login}」はすでに使われています`, en: `the login "${login}" is taken` });
}

export function userNotFound(id: number): TodokuError {
  return new TodokuError('TODOKU_E_NOT_FOUND', { ja: `ユーザー ${id} が見つかりません`, en: `user ${id} not found` });
}
