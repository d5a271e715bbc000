// Step 1, recipients: choose a CSV (UTF-8 or CP932 as Excel saves it), see its first rows as the import
// will read them, correct the column mapping, import it with a progress bar, then read the rejected
// rows with their reasons and download them. While a draft, the list can be read and corrected row by
// row, or replaced as a whole with a corrected file (「リストを差し替える」).
import { useRef, useState } from 'react';
import { inCampaign, postFile, upload } from '../../api/client.ts';
import type { CsvPreview, ImportResult } from '../../api/schemas.ts';
import { REJECT_REASON_LABELS } from '../../../../../core/labels.ts';
import { useI18n, type Key } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { Link } from '../../router.tsx';
import { Alert, ErrorMessage } from '../../ui/Alert.tsx';
import { ProgressBar } from '../../ui/ProgressBar.tsx';
import { num } from '../../ui/format.ts';
import { fieldLabel } from '../fields.ts';
import { MappingTable } from './recipients/MappingTable.tsx';
import { RejectionList } from './recipients/RejectionList.tsx';
import { RecipientTable } from './recipients/RecipientTable.tsx';
import { FormalitySetting } from './recipients/Formality.tsx';
import type { StepProps } from './steps.ts';

/** Enough of a file to show its first rows; cut after a line feed, which no CP932 or UTF-8 character contains. */
const PREVIEW_BYTES = 256 * 1024;

async function headOf(file: File): Promise<{ blob: Blob; partial: boolean }> {
  if (file.size <= PREVIEW_BYTES) return { blob: file, partial: false };
  const bytes = new Uint8Array(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const lf = bytes.lastIndexOf(0x0a);
  return { blob: new Blob([lf > 0 ? bytes.subarray(0, lf + 1) : bytes]), partial: true };
}

const ENCODING_KEYS: Record<string, Key> = { 'utf-8': 'encoding.utf8', 'utf-8-bom': 'encoding.utf8bom', cp932: 'encoding.cp932' };

export function StepRecipients({ campaign, reload, stepPath }: StepProps) {
  const { t, lang, pick, label } = useI18n();
  const { can } = useSession();
  const editable = can('operator') && campaign.status === 'draft';
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [adding, setAdding] = useState(false);
  /** The chosen file replaces the whole list (PUT) instead of adding to it. */
  const [replacing, setReplacing] = useState(false);
  const [replaced, setReplaced] = useState(false);
  const [listVersion, setListVersion] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const runPreview = async (f: File, mapping: Record<string, string>) => {
    setError(null);
    try {
      const { blob, partial } = await headOf(f);
      const query = { partial: partial ? 'true' : undefined, mapping: Object.keys(mapping).length ? JSON.stringify(mapping) : undefined };
      setPreview(await postFile('/api/v1/csv/preview', blob, 'text/csv', query));
    } catch (e) {
      setPreview(null);
      setError(e);
    }
  };

  const choose = (f: File | null) => {
    setFile(f);
    setOverrides({});
    setResult(null);
    setPreview(null);
    setReplaced(false);
    if (f) void runPreview(f, {});
    else {
      setAdding(false);
      setReplacing(false);
    }
  };

  const startImport = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const query = { mapping: Object.keys(overrides).length ? JSON.stringify(overrides) : undefined };
      const r = await upload('/api/v1/campaigns/{campaign}/recipients', { ...inCampaign(campaign.id), query }, file, setProgress, 'text/csv', replacing ? 'PUT' : 'POST').done;
      setResult(r);
      setReplaced(replacing);
      setListVersion((v) => v + 1);
      setFile(null);
      setPreview(null);
      setAdding(false);
      setReplacing(false);
      if (input.current) input.current.value = '';
      await reload();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  const blocking = preview?.problems.filter((p) => p.severity === 'error') ?? [];
  const hasRecipients = campaign.acceptedCount + campaign.rejectedCount > 0;
  const showPicker = editable && (!hasRecipients || adding || replacing || file !== null);

  return (
    <div className="step">
      <h2>{t('wizard.step.recipients')}</h2>
      <ErrorMessage error={error} />
      {hasRecipients && (
        <div className="card">
          <h3>{t('recipients.imported')}</h3>
          <dl className="figures">
            <div>
              <dt>{t('recipients.accepted')}</dt>
              <dd>{num(campaign.acceptedCount, lang)}</dd>
            </div>
            <div>
              <dt>{t('recipients.rejected')}</dt>
              <dd>{num(campaign.rejectedCount, lang)}</dd>
            </div>
            <div>
              <dt>{t('recipients.encoding')}</dt>
              <dd>{campaign.encoding ? t(ENCODING_KEYS[campaign.encoding] ?? 'encoding.utf8') : '—'}</dd>
            </div>
          </dl>
          <p className="muted small">{t('recipients.columns')}: {campaign.columns.map((c) => `${c.header} → ${fieldLabel(c.field, t)}`).join('、')}</p>
          {result && result.warnings.length > 0 && (
            <Alert kind="warning">
              <ul>
                {result.warnings.map((w, i) => (
                  <li key={i}>{pick(w.message, w.message_en)}</li>
                ))}
              </ul>
            </Alert>
          )}
          {result && Object.entries(result.byReason).some(([, n]) => n > 0) && (
            <ul className="reasons">
              {Object.entries(result.byReason)
                .filter(([, n]) => n > 0)
                .map(([reason, n]) => (
                  <li key={reason}>
                    {label(REJECT_REASON_LABELS, reason)}: {num(n, lang)}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
      {replaced && <Alert kind="ok">{t('recipients.replaced')}</Alert>}
      {hasRecipients && <RejectionList campaignId={campaign.id} count={campaign.rejectedCount} personal={can('operator')} />}
      {can('operator') && <FormalitySetting campaign={campaign} editable={editable} onChanged={reload} />}
      {campaign.acceptedCount > 0 && can('operator') && <RecipientTable campaign={campaign} editable={editable} version={listVersion} onChanged={reload} />}

      {hasRecipients && editable && !showPicker && (
        <p className="row wrap">
          <button type="button" onClick={() => setReplacing(true)}>
            {t('recipients.replace')}
          </button>
          <button type="button" onClick={() => setAdding(true)}>
            {t('recipients.addMore')}
          </button>
        </p>
      )}

      {showPicker && (
        <div className="card">
          <h3>{replacing ? t('recipients.replace') : hasRecipients ? t('recipients.addMore') : t('recipients.choose')}</h3>
          <p className="muted">{replacing ? t('recipients.replaceHelp') : t('recipients.help')}</p>
          <label className="file-drop">
            <span>{t('recipients.file')}</span>
            <input ref={input} type="file" accept=".csv,text/csv" onChange={(e) => choose(e.target.files?.[0] ?? null)} disabled={progress !== null} />
          </label>
          {file && (
            <p className="muted small">
              {file.name} — {num(Math.ceil(file.size / 1024), lang)} KB
              {preview && <> · {t('recipients.detected', { encoding: t(ENCODING_KEYS[preview.encoding] ?? 'encoding.utf8') })}</>}
            </p>
          )}
        </div>
      )}

      {preview && (
        <div className="card">
          <h3>{t('recipients.mapping')}</h3>
          <p className="muted">{t('recipients.mappingHelp')}</p>
          {preview.problems.map((p, i) => (
            <Alert key={i} kind={p.severity === 'error' ? 'error' : 'warning'}>
              {pick(p.message, p.message_en)}
            </Alert>
          ))}
          <MappingTable
            preview={preview}
            overrides={overrides}
            disabled={progress !== null}
            onChange={(next) => {
              setOverrides(next);
              if (file) void runPreview(file, next);
            }}
          />
          {preview.more && <p className="muted small">{t('recipients.firstRowsOnly')}</p>}
          {progress !== null && <ProgressBar value={progress} label={progress < 1 ? t('recipients.uploading') : t('recipients.checking')} />}
          <div className="row">
            <button type="button" className="primary" disabled={blocking.length > 0 || progress !== null} onClick={() => void startImport()}>
              {replacing ? t('recipients.replaceImport') : t('recipients.import')}
            </button>
            <button type="button" disabled={progress !== null} onClick={() => choose(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}

      <div className="step-nav">
        {campaign.acceptedCount > 0 ? (
          <Link className="button primary" to={stepPath('template')}>
            {t('wizard.next')}: {t('wizard.step.template')}
          </Link>
        ) : (
          <p className="muted">{t('recipients.needOne')}</p>
        )}
      </div>
    </div>
  );
}
