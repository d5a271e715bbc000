// The organisation's sending settings an administrator sets: whether sends and schedules need approval,
// and its own phones for test sends (mobile numbers in E.164, checked as a list's numbers are). Audited.
import type { Store } from '../store/index.ts';
import type { SendingSettings } from '../store/approvals.ts';
import { TodokuError } from '../core/errors.ts';
import { normalizePhone } from '../core/phone.ts';

/** At most this many test numbers: they are the office's own phones, not a list. */
export const MAX_TEST_NUMBERS = 10;

export async function saveSendingSettings(store: Store, input: { approvalRequired: boolean; testNumbers: string[] }, actor: string): Promise<SendingSettings> {
  const numbers: string[] = [];
  input.testNumbers.forEach((raw, i) => {
    const p = normalizePhone(raw);
    if (!p.ok) {
      throw new TodokuError(
        'TODOKU_E_PHONE_INVALID',
        { ja: `テスト用の番号 ${i + 1}（${raw}）: ${p.message.ja}`, en: `test number ${i + 1} (${raw}): ${p.message.en}` },
        { field: 'testNumbers', index: i },
      );
    }
    if (!numbers.includes(p.e164)) numbers.push(p.e164);
  });
  if (numbers.length > MAX_TEST_NUMBERS) {
    throw new TodokuError('TODOKU_E_VALIDATION', { ja: `テスト用の番号は${MAX_TEST_NUMBERS}件までです`, en: `at most ${MAX_TEST_NUMBERS} test numbers` }, { field: 'testNumbers' });
  }
  const settings = { approvalRequired: input.approvalRequired, testNumbers: numbers };
  if (!(await store.approvals.putSettings(settings))) {
    throw new TodokuError('TODOKU_E_ORGANISATION_MISSING', {
      ja: '先に組織情報（PUT /api/v1/organisation、コンソールでは「組織」）を保存してください',
      en: 'set the organisation first (PUT /api/v1/organisation; in the console, "Organisation")',
    });
  }
  await store.audit.append({ actor, action: 'organisation.sending.update', target: 'organisation', details: { approvalRequired: settings.approvalRequired, testNumbers: numbers.length } });
  return settings;
}
