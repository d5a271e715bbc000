// A recipient's prior consent to notices by SMS in the list: the cell that shows it (marked when a formal
// notice needs it and it is missing), the fields of the row dialog that record or withdraw it, and what
// saving the dialog changes (a PUT, a DELETE, or nothing).
import { CONSENT_METHOD_LABELS } from '../../../../../../core/labels.ts';
import { CONSENT_METHODS, type ConsentMethod } from '../../../../../../core/consent.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Options } from '../../../ui/Field.tsx';

export interface Consent {
  date: string;
  method: ConsentMethod;
  note: string | null;
}

/** What the dialog edits: no method means none recorded. */
export interface ConsentDraft {
  date: string;
  method: '' | ConsentMethod;
  note: string;
}

export const consentDraftOf = (c: Consent | null | undefined): ConsentDraft => ({ date: c?.date ?? '', method: c?.method ?? '', note: c?.note ?? '' });

/** 'same', 'withdraw', or the consent to record. */
export function consentChange(before: Consent | null | undefined, draft: ConsentDraft): 'same' | 'withdraw' | { date: string; method: ConsentMethod; note: string | null } {
  const note = draft.note.trim() || null;
  if (draft.method === '') return before ? 'withdraw' : 'same';
  if (before && before.date === draft.date && before.method === draft.method && (before.note ?? null) === note) return 'same';
  return { date: draft.date, method: draft.method, note };
}

export function ConsentCell({ consent, required, methodLabel }: { consent: Consent | null | undefined; required: boolean; methodLabel(m: ConsentMethod): string }) {
  const { t } = useI18n();
  if (!consent) {
    return required ? (
      <span className="badge warn" title={t('recipients.consentMissing')}>
        {t('recipients.consentNone')}
      </span>
    ) : (
      <span className="muted">{t('recipients.consentNone')}</span>
    );
  }
  return (
    <span className="nowrap" title={consent.note ?? undefined}>
      {consent.date} {methodLabel(consent.method)}
    </span>
  );
}

export function ConsentFields({ value, onChange }: { value: ConsentDraft; onChange(v: ConsentDraft): void }) {
  const { t, label } = useI18n();
  const recorded = value.method !== '';
  return (
    <fieldset className="consent-fields">
      <legend>{t('recipients.consent')}</legend>
      <p className="muted small">{t('recipients.consentHelp')}</p>
      <div className="row wrap">
        <label>
          {t('recipients.consentMethod')}
          <select value={value.method} onChange={(e) => onChange({ ...value, method: e.target.value as ConsentDraft['method'] })}>
            <option value="">{t('recipients.consentMethodNone')}</option>
            <Options values={CONSENT_METHODS} label={(m) => label(CONSENT_METHOD_LABELS, m)} />
          </select>
        </label>
        <label>
          {t('recipients.consentDate')}
          <input type="date" required={recorded} disabled={!recorded} value={value.date} onChange={(e) => onChange({ ...value, date: e.target.value })} />
        </label>
        <label className="grow">
          {t('recipients.consentNote')}
          <input maxLength={200} disabled={!recorded} value={value.note} onChange={(e) => onChange({ ...value, note: e.target.value })} />
        </label>
      </div>
    </fieldset>
  );
}
