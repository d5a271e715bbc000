// Step 2, the message: a template with merge fields picked from the campaign's columns (and {{url}}, the
// person's own link), saved templates, and a live preview on real rows — each sample's length and
// parts, the total parts and what they cost, rows missing a field, and the wording lint's warnings.
import { useEffect, useRef, useState } from 'react';
import { get, inCampaign, patch, post, put } from '../../api/client.ts';
import type { Preview } from '../../api/schemas.ts';
import { useI18n, type Key } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { Link, navigate } from '../../router.tsx';
import { Alert, ErrorMessage } from '../../ui/Alert.tsx';
import { useAction, useLoad } from '../../ui/useLoad.ts';
import { num, yen } from '../../ui/format.ts';
import { fieldLabel } from '../fields.ts';
import type { StepProps } from './steps.ts';
import { usePricePerPart } from './usePricePerPart.ts';
import { TextField } from '../../ui/Field.tsx';

/** The merge-field text for a column: money and dates with their formatting filters. */
function mergeText(field: string): string {
  if (field === 'amount') return '{{amount|yen}}';
  if (field === 'due_date') return '{{due_date|date}}';
  return `{{${field}}}`;
}

function usePreview(campaignId: number, template: string, allowed: boolean) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!template.trim() || !allowed) {
      setPreview(null);
      setError(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      setBusy(true);
      post('/api/v1/campaigns/{campaign}/preview', { params: inCampaign(campaignId), body: { template, limit: 3 } }).then(
        (p) => {
          if (cancelled) return;
          setPreview(p);
          setError(null);
        },
        (e: unknown) => !cancelled && setError(e),
      ).finally(() => !cancelled && setBusy(false));
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [campaignId, template, allowed]);
  return { preview, error, busy };
}

export function StepTemplate({ campaign, reload, stepPath }: StepProps) {
  const { t, lang, pick } = useI18n();
  const { can } = useSession();
  const editable = can('operator') && campaign.status === 'draft';
  const [template, setTemplate] = useState(campaign.template ?? '');
  const [price, setPrice] = usePricePerPart();
  const [saveName, setSaveName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const saved = useLoad(() => get('/api/v1/templates'), []);
  const { preview, error: previewError, busy } = usePreview(campaign.id, template, can('operator'));
  const action = useAction();
  const fields = [...campaign.columns.map((c) => c.field).filter((f) => f !== 'phone'), 'url'];

  const insert = (text: string) => {
    const el = area.current;
    if (!el) return setTemplate((s) => s + text);
    const start = el.selectionStart ?? template.length;
    const end = el.selectionEnd ?? template.length;
    const next = template.slice(0, start) + text + template.slice(end);
    setTemplate(next);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const saveAndNext = async () => {
    const ok = await action.run(() => patch('/api/v1/campaigns/{campaign}', { params: inCampaign(campaign.id), body: { template } }));
    if (ok === undefined) return;
    await reload();
    navigate(stepPath('page'));
  };

  const saveTemplate = async () => {
    const name = saveName.trim();
    if (!name) return;
    const r = await action.run(() => put('/api/v1/templates/{name}', { params: { path: { name } }, body: { body: template, noticeKind: campaign.noticeKind } }));
    if (r) {
      setNotice(t('template.savedAs', { name }));
      setSaveName('');
      await saved.reload();
    }
  };

  const blocks = preview?.lint.filter((l) => l.severity === 'block') ?? [];
  return (
    <div className="step">
      <h2>{t('wizard.step.template')}</h2>
      <div className="two-col">
        <div>
          <div className="card">
            <label htmlFor="template">{t('template.body')}</label>
            <textarea
              id="template"
              ref={area}
              rows={7}
              value={template}
              readOnly={!editable}
              onChange={(e) => setTemplate(e.target.value)}
              placeholder={t('template.placeholder')}
              aria-describedby="template-help"
            />
            <p id="template-help" className="muted small">
              {t('template.help')}
            </p>
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
          </div>
          {editable && (
            <div className="card">
              <h3>{t('template.saved')}</h3>
              <ErrorMessage error={saved.error} />
              <div className="row wrap">
                <label className="grow">
                  {t('template.load')}
                  <select
                    value=""
                    onChange={(e) => {
                      const tpl = saved.data?.templates.find((x) => String(x.id) === e.target.value);
                      if (tpl) setTemplate(tpl.body);
                    }}
                  >
                    <option value="">{t('template.choose')}</option>
                    {saved.data?.templates.map((tpl) => (
                      <option key={tpl.id} value={tpl.id}>
                        {tpl.name}
                      </option>
                    ))}
                  </select>
                </label>
                <TextField grow label={t('template.saveAs')} value={saveName} onChange={setSaveName} maxLength={100} />
                <button type="button" onClick={() => void saveTemplate()} disabled={!saveName.trim() || !template.trim() || action.busy}>
                  {t('common.save')}
                </button>
              </div>
              {notice && <Alert kind="ok">{notice}</Alert>}
            </div>
          )}
        </div>

        <div aria-live="polite" aria-busy={busy}>
          <div className="card">
            <h3>{t('template.preview')}</h3>
            <ErrorMessage error={previewError} />
            {!preview && !previewError && <p className="muted">{editable || can('operator') ? t('template.previewEmpty') : t('template.previewOperators')}</p>}
            {preview && (
              <>
                {preview.samples.map((s) => (
                  <figure key={`${s.kind}-${s.line}`} className="sms">
                    <figcaption className="small muted">
                      {t(`template.sample.${s.kind}` as Key)} · {t('recipients.line')} {s.line} · {t('template.chars', { n: s.characters })} · {s.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'} ·{' '}
                      <strong>{t('template.parts', { n: s.parts })}</strong>
                    </figcaption>
                    <p className="bubble">{s.text}</p>
                  </figure>
                ))}
                <dl className="figures">
                  <div>
                    <dt>{t('template.recipients')}</dt>
                    <dd>{num(preview.recipients, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('template.totalParts')}</dt>
                    <dd>{num(preview.totalParts, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('template.cost')}</dt>
                    <dd>{yen(preview.totalParts * price, lang)}</dd>
                  </div>
                </dl>
                <label className="inline small">
                  {t('template.pricePerPart')}
                  <input type="number" min={0} step={0.1} value={price} onChange={(e) => setPrice(Number(e.target.value) || 0)} className="short" />
                </label>
              </>
            )}
          </div>
          {preview && preview.missingColumns.length > 0 && <Alert kind="error">{t('template.missingColumns', { fields: preview.missingColumns.join(', ') })}</Alert>}
          {preview && preview.rowsWithIssues > 0 && (
            <Alert kind="error">
              <p>{t('template.rowsWithIssues', { n: preview.rowsWithIssues })}</p>
              <ul>
                {preview.issues.slice(0, 5).map((i) => (
                  <li key={`${i.line}-${i.field ?? ''}`}>
                    {t('recipients.line')} {i.line}: {t(`issue.${i.reason}` as Key, { field: i.field ?? '' })}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {preview && preview.lint.length > 0 && (
            <div className="card lint">
              <h3>{t('template.lint')}</h3>
              <ul>
                {preview.lint.map((l, i) => (
                  <li key={i} className={l.severity === 'block' ? 'block' : 'warning'}>
                    <strong>{l.severity === 'block' ? t('template.lintBlock') : t('template.lintWarning')}</strong> {pick(l.message, l.message_en)}
                    <br />
                    <span className="small">
                      {t('template.suggestion')}: {pick(l.suggestion, l.suggestion_en)}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {preview && preview.lint.length === 0 && preview.rowsWithIssues === 0 && <Alert kind="ok">{t('template.allGood')}</Alert>}
        </div>
      </div>
      <ErrorMessage error={action.error} />
      <div className="step-nav">
        <Link className="button" to={stepPath('recipients')}>
          {t('wizard.back')}
        </Link>
        {editable ? (
          <button type="button" className="primary" onClick={() => void saveAndNext()} disabled={!template.trim() || action.busy || blocks.length > 0}>
            {t('template.saveNext')}
          </button>
        ) : (
          <Link className="button primary" to={stepPath('page')}>
            {t('wizard.next')}
          </Link>
        )}
      </div>
    </div>
  );
}
