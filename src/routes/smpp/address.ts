// Phone numbers between E.164 ('+819012345678') and SMPP addresses, whose TON says how to read the
// digits: 1 international ('819012345678'), 2 national ('09012345678', for carriers that want domestic
// numbers), 0 unknown (seen from real SMSCs as either; read by their prefix). The country code turns
// national numbers into international ones and back.

export const TON = { UNKNOWN: 0, INTERNATIONAL: 1, NATIONAL: 2 } as const;

/** An address as E.164 with '+', when it can be read as a phone number; undefined otherwise (e.g. 'TODOKU'). */
export function e164(addr: string, ton: number, countryCode = '81'): string | undefined {
  const digits = addr.replace(/^\+/, '');
  if (!/^\d{6,16}$/.test(digits)) return undefined;
  if (addr.startsWith('+') || ton === TON.INTERNATIONAL) return digits.length <= 15 ? `+${digits}` : undefined;
  if (ton === TON.NATIONAL) return `+${countryCode}${digits.replace(/^0/, '')}`;
  if (ton !== TON.UNKNOWN) return undefined;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+${countryCode}${digits.slice(1)}`;
  return digits.startsWith(countryCode) && digits.length >= 10 ? `+${digits}` : undefined;
}

/** The digits to send for a number, as the TON asks: national ones with a leading 0 for our own country. */
export function smppAddress(number: string, ton: number, countryCode = '81'): string {
  const digits = number.replace(/^\+/, '');
  if (ton === TON.NATIONAL && number.startsWith(`+${countryCode}`)) return `0${digits.slice(countryCode.length)}`;
  return digits;
}
