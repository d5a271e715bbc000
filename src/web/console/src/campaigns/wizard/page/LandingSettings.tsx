// The recipient's page: how people prove who they are (birth date, last digits of a number, postal
// code or PIN, from a column of the list), the page's expiry (開封期限), the notice (Markdown with merge
// fields) and whom to contact.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, inCampaign, put } from '../../../api/client.ts';
import type { Campaign, VerificationMethod } from '../../../api/schemas.ts';
import { useI18n, type Key } from '../../../i18n/index.tsx';
import { Alert, ErrorMessage } from '../../../ui/Alert.tsx';
import { useAction } from '../../../ui/useLoad.ts';
import { fieldLabel } from '../../fields.ts';
import { TextField } from '../../../ui/Field.tsx';
import { SelfServiceSettings } from './SelfServiceSettings.tsx';

const METHODS: VerificationMethod[] = ['birth_date', 'id_suffix', 'postal_code', 'pin'];
const DEFAULT_COLUMN: Record<VerificationMethod, string> = { birth_date: 'birth_date', id_suffix: 'external_id', postal_code: 'postal_code', pin: 'pin' };

/** ISO → the value of a datetime-local input in Tokyo time. */
const toLocal = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(0, 16) : '');

export function LandingSettings({ campaign, editable, onSaved }: { campaign: Campaign; editable: boolean; onSaved(): void }) {
  const { t } = useI18n();
  const columns = campaign.columns.filter((c) => c.field !== 'phone');
  const [method, setMethod] = useState<VerificationMethod>('birth_date');
  const [column, setColumn] = useState('');
  const [digits, setDigits] = useState(4);
  const [expires, setExpires] = useState('');
  const [notice, setNotice] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [contactHours, setContactHours] = useState('');
  const [exists, setExists] = useState<boolean | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  useEffect(() => {
    get('/api/v1/campaigns/{campaign}/landing', { params: inCampaign(campaign.id) }).then(
      (l) => {
        setMethod(l.verification.method);
        setColumn(l.verification.column);
        setDigits(l.verification.digits ?? 4);
        setExpires(toLocal(l.expiresAt));
        setNotice(l.notice);
        setContactName(l.contact?.name ?? '');
        setContactPhone(l.contact?.phone ?? '');
        setContactHours(l.contact?.hours ?? '');
        setExists(true);
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 404) {
          setExists(false);
          const defaultColumn = columns.find((c) => c.field === DEFAULT_COLUMN.birth_date) ? 'birth_date' : '';
          setColumn(defaultColumn);
        } else setLoadError(e);
      },
    );
    // Loaded once per campaign; the form is the source of truth afterwards.
  }, [campaign.id]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await action.run(() =>
      put('/api/v1/campaigns/{campaign}/landing', {
        params: inCampaign(campaign.id),
        body: {
        verification: { method, ...(column ? { column } : {}), ...(method === 'id_suffix' ? { digits } : {}) },
        expiresAt: expires ? `${expires}:00+09:00` : null,
        notice,
        contact: contactPhone.trim() ? { name: contactName.trim() || null, phone: contactPhone.trim(), hours: contactHours.trim() } : null,
        },
      }),
    );
    if (r !== undefined) {
      setSaved(true);
      setExists(true);
      onSaved();
    }
  };

  return (
    <>
    <form className="card" onSubmit={submit} aria-labelledby="landing-h">
      <h3 id="landing-h">{t('page.landing')}</h3>
      <p className="muted small">{t('page.landingHelp')}</p>
      <ErrorMessage error={loadError} />
      {exists === false && <Alert kind="info">{t('page.noLandingYet')}</Alert>}
      {/* Not before the saved settings are in: what one typed would be overwritten by them. */}
      {exists === null && !loadError && <p>{t('common.loading')}</p>}
      <fieldset disabled={!editable} hidden={exists === null}>
        <div className="row wrap">
          <label>
            {t('page.method')}
            <select
              value={method}
              onChange={(e) => {
                const m = e.target.value as VerificationMethod;
                setMethod(m);
                if (columns.some((c) => c.field === DEFAULT_COLUMN[m])) setColumn(DEFAULT_COLUMN[m]);
              }}
            >
              {METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`method.${m}` as Key)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('page.column')}
            <select value={column} onChange={(e) => setColumn(e.target.value)} required>
              <option value="">{t('page.chooseColumn')}</option>
              {columns.map((c) => (
                <option key={c.field} value={c.field}>
                  {c.header} — {fieldLabel(c.field, t)}
                </option>
              ))}
            </select>
          </label>
          {method === 'id_suffix' && (
            <label>
              {t('page.digits')}
              <input type="number" min={2} max={8} value={digits} onChange={(e) => setDigits(Number(e.target.value))} className="short" />
            </label>
          )}
          <label>
            {t('page.expires')}
            <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
        </div>
        <label>
          {t('page.notice')}
          <textarea rows={8} value={notice} onChange={(e) => setNotice(e.target.value)} placeholder={t('page.noticePlaceholder')} required />
        </label>
        <p className="muted small">{t('page.noticeHelp')}</p>
        <div className="row wrap">
          <TextField grow label={t('page.contactName')} value={contactName} onChange={setContactName} maxLength={100} />
          <TextField label={t('page.contactPhone')} value={contactPhone} onChange={setContactPhone} maxLength={40} />
          <TextField grow label={t('page.contactHours')} value={contactHours} onChange={setContactHours} maxLength={200} />
        </div>
        <ErrorMessage error={action.error} />
        {saved && <Alert kind="ok">{t('common.saved')}</Alert>}
        <button type="submit" className="primary" disabled={action.busy}>
          {t('page.saveLanding')}
        </button>
      </fieldset>
    </form>
    {/* What people may ask for on the page: its own form, editable after sending too. */}
    {exists && <SelfServiceSettings campaignId={campaign.id} />}
    </>
  );
}
