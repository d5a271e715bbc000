// What a login name and a password must look like. Login names are compared as typed after NFKC and
// lower-casing (全角 letters and digits become ASCII; Tanaka@Example.jp = tanaka@example.jp).
import { TodokuError } from '../core/errors.ts';

export const PASSWORD_MIN = 10;
const PASSWORD_MAX = 1024;

/** The form a login name is stored and looked up in. */
export function normaliseLogin(login: string): string {
  return login.normalize('NFKC').trim().toLowerCase();
}

/** Throws TODOKU_E_LOGIN_INVALID unless the (normalised) login name is usable. */
export function checkLogin(login: string): void {
  if (login.length < 2 || login.length > 254 || /[\s\p{C}]/u.test(login)) {
    throw new TodokuError('TODOKU_E_LOGIN_INVALID', {
      ja: 'ログインIDはメールアドレスまたは2〜254文字の空白を含まない名前にしてください',
      en: 'the login must be an email address or a name of 2–254 characters without spaces',
    });
  }
}

// The most common long passwords: each alone passes a length rule and is guessed first.
const COMMON = new Set(['password12', 'password123', 'password1234', '1234567890', '0123456789', '12345678910', 'qwertyuiop', '1qaz2wsx3edc', 'iloveyou12', 'abcdefghij', 'abc1234567', 'passw0rd12', 'administrator', 'todokutodoku']);

/** Throws TODOKU_E_PASSWORD_POLICY with the reason when a new password is too weak. */
export function checkNewPassword(password: string, login: string): void {
  const fail = (ja: string, en: string) => {
    throw new TodokuError('TODOKU_E_PASSWORD_POLICY', { ja, en });
  };
  const length = [...password].length;
  if (length < PASSWORD_MIN) fail(`パスワードは${PASSWORD_MIN}文字以上にしてください`, `the password must have at least ${PASSWORD_MIN} characters`);
  if (length > PASSWORD_MAX) fail(`パスワードは${PASSWORD_MAX}文字以内にしてください`, `the password must have at most ${PASSWORD_MAX} characters`);
  if (new Set(password).size < 3) fail('同じ文字の繰り返しはパスワードに使えません', 'the password repeats too few characters');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) fail('よく使われるパスワードは使えません', 'this password is too common');
  if ((login.length >= 4 && lower.includes(login)) || login.includes(lower)) fail('ログインIDを含むパスワードは使えません', 'the password must not contain the login');
}
