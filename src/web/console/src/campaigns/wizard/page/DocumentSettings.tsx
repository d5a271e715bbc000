// PDF per recipient (PDF送信): either a ZIP of the office's own PDFs, matched to people by a column
// (S0001.pdf for 学籍番号 S0001), or an invoice generated from a template; shown only after the
// identity check, each download tracked.
import { useState, type FormEvent } from 'react';
import { ApiError, del, get, inCampaign, orNone, put, upload, type Answer } from '../../../api/client.ts';
import type { Campaign } from '../../../api/schemas.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Alert, ErrorMessage } from '../../../ui/Alert.tsx';
import { ProgressBar } from '../../../ui/ProgressBar.tsx';
import { useAction, useLoad } from '../../../ui/useLoad.ts';
import { num } from '../../../ui/format.ts';
import { fieldLabel } from '../../fields.ts';
import { TextField } from '../../../ui/Field.tsx';

type Invoice = Answer<'get', '/api/v1/campaigns/{campaign}/documents/invoice'>;

export function DocumentSettings({ campaign, editable }: { campaign: Campaign; editable: boolean }) {
  const { t, lang, pick } = useI18n();
  const summary = useLoad(() => get('/api/v1/campaigns/{campaign}/documents', { params: inCampaign(campaign.id) }), [campaign.id]);
  const invoice = useLoad(
    () =>
      orNone(get('/api/v1/campaigns/{campaign}/documents/invoice', { params: inCampaign(campaign.id) })),
    [campaign.id],
  );
  const columns = campaign.columns.filter((c) => c.field !== 'phone');
  const [zip, setZip] = useState<File | null>(null);
  const [matchColumn, setMatchColumn] = useState(columns.find((c) => c.field === 'external_id')?.field ?? '');
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadResult, setUploadResult] = useState<Answer<'post', '/api/v1/campaigns/{campaign}/documents'> | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);

  const sendZip = async () => {
    if (!zip) return;
    setUploadError(null);
    setProgress(0);
    try {
      const r = await upload('/api/v1/campaigns/{campaign}/documents', { ...inCampaign(campaign.id), query: { column: matchColumn } }, zip, setProgress, 'application/zip').done;
      setUploadResult(r);
      setZip(null);
      await summary.reload();
    } catch (e) {
      setUploadError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section className="card" aria-labelledby="docs-h">
      <h3 id="docs-h">{t('page.pdf')}</h3>
      <p className="muted small">{t('page.pdfHelp')}</p>
      <ErrorMessage error={summary.error} />
      {summary.data && (
        <p>
          {t('page.pdfSummary', {
            uploaded: num(summary.data.uploaded, lang),
            issued: num(summary.data.invoicesIssued, lang),
            downloads: num(summary.data.downloadedMessages, lang),
          })}
        </p>
      )}
      {editable && (
        <details>
          <summary>{t('page.pdfUpload')}</summary>
          <div className="row wrap">
            <label>
              {t('page.pdfZip')}
              <input type="file" accept=".zip,application/zip" onChange={(e) => setZip(e.target.files?.[0] ?? null)} />
            </label>
            <label>
              {t('page.pdfMatch')}
              <select value={matchColumn} onChange={(e) => setMatchColumn(e.target.value)}>
                {columns.map((c) => (
                  <option key={c.field} value={c.field}>
                    {c.header} — {fieldLabel(c.field, t)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => void sendZip()} disabled={!zip || !matchColumn || progress !== null}>
              {t('page.pdfSend')}
            </button>
          </div>
          {progress !== null && <ProgressBar value={progress} label={t('recipients.uploading')} />}
          <ErrorMessage error={uploadError} />
          {uploadResult && (
            <Alert kind={uploadResult.rejected.length ? 'warning' : 'ok'}>
              <p>{t('page.pdfStored', { n: uploadResult.stored, without: uploadResult.recipientsWithout.count })}</p>
              {uploadResult.rejected.length > 0 && (
                <ul>
                  {uploadResult.rejected.slice(0, 10).map((r) => (
                    <li key={r.file}>
                      {r.file}: {pick(r.message, r.message_en)}
                    </li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
        </details>
      )}
      {invoice.data !== undefined && (
        <InvoiceForm campaign={campaign} editable={editable} initial={invoice.data} onSaved={() => void summary.reload()} />
      )}
    </section>
  );
}

function InvoiceForm({ campaign, editable, initial, onSaved }: { campaign: Campaign; editable: boolean; initial: Invoice | null; onSaved(): void }) {
  const { t } = useI18n();
  const [on, setOn] = useState(initial !== null);
  const [title, setTitle] = useState(initial?.title ?? '請求書');
  const [issuer, setIssuer] = useState(initial?.issuer?.name ?? '');
  const [greeting, setGreeting] = useState(initial?.greeting ?? '');
  const [amountColumn, setAmountColumn] = useState(initial?.items?.[0]?.column ?? (campaign.columns.some((c) => c.field === 'amount') ? 'amount' : ''));
  const [itemLabel, setItemLabel] = useState(initial?.items?.[0]?.label ?? 'ご請求金額');
  const [instructions, setInstructions] = useState(initial?.paymentInstructions ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const body = () => ({
    title,
    ...(issuer.trim() ? { issuer: { name: issuer.trim() } } : {}),
    ...(greeting.trim() ? { greeting } : {}),
    ...(amountColumn ? { items: [{ label: itemLabel, column: amountColumn }] } : {}),
    paymentInstructions: instructions,
    ...(notes.trim() ? { notes } : {}),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = on ? await action.run(() => put('/api/v1/campaigns/{campaign}/documents/invoice', { params: inCampaign(campaign.id), body: body() })) : await action.run(() => del('/api/v1/campaigns/{campaign}/documents/invoice', { params: inCampaign(campaign.id) }).then(() => true));
    if (r !== undefined) {
      setSaved(true);
      onSaved();
    }
  };

  const preview = async () => {
    await action.run(async () => {
      const r = await fetch(`/api/v1/campaigns/${campaign.id}/documents/invoice/preview`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(/(?:^|;\s*)todoku_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '') },
        body: JSON.stringify(body()),
      });
      if (!r.ok) throw new ApiError(r.status, `HTTP_${r.status}`, t('page.invoicePreviewFailed'), t('page.invoicePreviewFailed'));
      window.open(URL.createObjectURL(await r.blob()), '_blank', 'noopener');
    });
  };

  return (
    <form onSubmit={submit} className="invoice">
      <label className="inline">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} disabled={!editable} /> {t('page.invoiceOn')}
      </label>
      {on && (
        <fieldset disabled={!editable}>
          <div className="row wrap">
            <TextField label={t('page.invoiceTitle')} value={title} onChange={setTitle} maxLength={40} />
            <TextField grow label={t('page.invoiceIssuer')} value={issuer} onChange={setIssuer} maxLength={100} />
          </div>
          <div className="row wrap">
            <TextField label={t('page.invoiceItem')} value={itemLabel} onChange={setItemLabel} maxLength={60} />
            <label>
              {t('page.invoiceAmountColumn')}
              <select value={amountColumn} onChange={(e) => setAmountColumn(e.target.value)}>
                <option value="">—</option>
                {campaign.columns.map((c) => (
                  <option key={c.field} value={c.field}>
                    {c.header}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            {t('page.invoiceGreeting')}
            <textarea rows={2} value={greeting} onChange={(e) => setGreeting(e.target.value)} />
          </label>
          <label>
            {t('page.invoiceInstructions')}
            <textarea rows={3} value={instructions} onChange={(e) => setInstructions(e.target.value)} required />
          </label>
          <label>
            {t('page.invoiceNotes')}
            <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
        </fieldset>
      )}
      <ErrorMessage error={action.error} />
      {saved && <Alert kind="ok">{t('common.saved')}</Alert>}
      {editable && (
        <div className="row">
          <button type="submit" disabled={action.busy}>
            {t('common.save')}
          </button>
          {on && (
            <button type="button" onClick={() => void preview()} disabled={action.busy || !instructions.trim()}>
              {t('page.invoicePreview')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
