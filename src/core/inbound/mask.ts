// Phone numbers as lists show them to operators: the area and the last four digits, the rest hidden
// (090-****-5678, +1 201-***-0123), so a screen or an export of the suppression list does not expose numbers.
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';

function starDigits(s: string): string {
  return s.replace(/\d/g, '*');
}

/** Keeps the last four digits only. */
function keepLastFour(s: string): string {
  let seen = 0;
  return [...s]
    .reverse()
    .map((c) => (/\d/.test(c) && ++seen > 4 ? '*' : c))
    .reverse()
    .join('');
}

export function maskPhone(e164: string): string {
  let national: string;
  let prefix = '';
  try {
    const phone = parsePhoneNumberWithError(e164);
    national = phone.formatNational();
    // Japanese operators read domestic numbers; other countries keep their calling code in front.
    if (phone.countryCallingCode !== '81') prefix = `+${phone.countryCallingCode} `;
  } catch {
    return keepLastFour(e164);
  }
  const groups = national.split(/(\d+)/u);
  const digitGroups = groups.filter((g) => /^\d+$/u.test(g)).length;
  if (digitGroups < 3) return prefix + keepLastFour(national);
  let index = 0;
  const masked = groups
    .map((g) => {
      if (!/^\d+$/u.test(g)) return g;
      index += 1;
      return index === 1 || index === digitGroups ? g : starDigits(g);
    })
    .join('');
  return prefix + masked;
}
