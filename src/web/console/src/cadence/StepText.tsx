// What a step says: its own SMS text with the campaign's merge fields (or, left empty, the campaign's text
// again), previewed on a real row of the list with its length, parts and the wording lint's findings (the
// campaign's own preview, asked only while the preview is open); and an optional notice for the step's
// landing page.
import { useEffect, useRef, useState } from 'react';
import { inCampaign, post } from '../api/client.ts';
import type { Campaign, Preview } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage, Alert } from '../ui/Alert.tsx';
import { fieldLabel } from '../campaigns/fields.ts';
import type { DraftStep } from './draft.ts';

const mergeText = (field: string) => (field === 'amount' ? '{{amount|yen}}' : field === 'due_date' ? '{{due_date|date}}' : `{{${field}}}`);

function useStepPreview(campaignId: number, template: string, open: boolean) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open || !template.trim()) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      post('/api/v1/campaigns/{campaign}/preview', { params: inCampaign(campaignId), body: { template, limit: 1 } }).then(
        (p) => {
          if (cancelled) return;
          setPreview(p);
          setError(null);
        },
        (e: unknown) => !cancelled && setError(e),
      );
    }, 500);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [campaignId, template, open]);
  return { preview: template.trim() ? preview : null, error };
}

export function StepText({ campaign, step, number, editable, onChange }: { campaign: Campaign; step: DraftStep; number: number; editable: boolean; onChange(s: DraftStep): void }) {
  const { t, pick } = useI18n();
  const [open, setOpen] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const { preview, error } = useStepPreview(campaign.id, step.template, open);
  const fields = [...campaign.columns.map((c) => c.field).filter((f) => f !== 'phone'), 'url'];
  const insert = (text: string) => {
    const el = area.current;
    const start = el?.selectionStart ?? step.template.length;
    const end = el?.selectionEnd ?? step.template.length;
    onChange({ ...step, template: step.template.slice(0, start) + text + step.template.slice(end) });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + text.length, start + text.length);
    });
  };
  const sample = preview?.samples[0];
  return (
    <fieldset className="step-text">
      <legend>{t('cadence.text')}</legend>
      <label className="sr-only" htmlFor={`step-${number}-text`}>
        {t('cadence.textOf', { n: number })}
      </label>
      <textarea id={`step-${number}-text`} ref={area} rows={3} value={step.template} readOnly={!editable} placeholder={t('cadence.textPlaceholder')} onChange={(e) => onChange({ ...step, template: e.target.value })} />
      {!step.template.trim() && (
        <p className="muted small">
          {t('cadence.textCampaign')} {campaign.template && <q>{campaign.template}</q>}
        </p>
      )}
      {editable && (
        <div className="merge-picker" role="group" aria-label={t('template.mergeFields')}>
          <span className="small">{t('template.mergeFields')}:</span>
          {fields.map((f) => (
            <button key={f} type="button" className="chip" onClick={() => insert(mergeText(f))} title={mergeText(f)}>
              {f === 'url' ? t('template.url') : fieldLabel(f, t)}
            </button>
          ))}
        </div>
      )}
      {step.template.trim() && (
        <div className="step-preview">
          <button type="button" className="link-button small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? t('cadence.previewHide') : t('cadence.previewShow')}
          </button>
          {open && (
            <div aria-live="polite">
              <ErrorMessage error={error} />
              {sample && (
                <figure className="sms">
                  <figcaption className="small muted">
                    {t('recipients.line')} {sample.line} · {t('template.chars', { n: sample.characters })} · {sample.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'} · <strong>{t('template.parts', { n: sample.parts })}</strong>
                  </figcaption>
                  <p className="bubble">{sample.text}</p>
                </figure>
              )}
              {preview && preview.missingColumns.length > 0 && <Alert kind="error">{t('template.missingColumns', { fields: preview.missingColumns.join(', ') })}</Alert>}
              {preview && preview.lint.length > 0 && (
                <ul className="lint small">
                  {preview.lint.map((l, i) => (
                    <li key={i} className={l.severity === 'block' ? 'block' : 'warning'}>
                      <strong>{l.severity === 'block' ? t('template.lintBlock') : t('template.lintWarning')}</strong> {pick(l.message, l.message_en)} — {pick(l.suggestion, l.suggestion_en)}
                    </li>
                  ))}
                </ul>
              )}
              {preview && preview.lint.length === 0 && preview.missingColumns.length === 0 && <p className="small ok">{t('cadence.previewClean')}</p>}
            </div>
          )}
        </div>
      )}
      <details className="step-notice">
        <summary className="small">{step.notice.trim() ? t('cadence.noticeOwn') : t('cadence.noticeCampaign')}</summary>
        <label>
          {t('cadence.notice')}
          <textarea rows={4} value={step.notice} readOnly={!editable} maxLength={20000} onChange={(e) => onChange({ ...step, notice: e.target.value })} />
        </label>
      </details>
    </fieldset>
  );
}
