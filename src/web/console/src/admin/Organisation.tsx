// The organisation as recipients see it: name, colours, contact, official sender numbers and further
// official link addresses (what the anti-smishing page /verify vouches for) and an example message; the
// sender's legal identity (法人名, 所在地, 登録番号など: every page's footer, /verify, certificates); and how
// long personal data not kept as evidence is kept.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, put } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { TextField } from '../ui/Field.tsx';

export function OrganisationForm() {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [primary, setPrimary] = useState('#1d4ed8');
  const [accent, setAccent] = useState('#0f766e');
  const [phone, setPhone] = useState('');
  const [hours, setHours] = useState('');
  const [senders, setSenders] = useState('');
  const [linkBases, setLinkBases] = useState('');
  const [shortNames, setShortNames] = useState('');
  const [sample, setSample] = useState('');
  const [legalName, setLegalName] = useState('');
  const [address, setAddress] = useState('');
  const [registrations, setRegistrations] = useState('');
  const [retentionDays, setRetentionDays] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const [saved, setSaved] = useState(false);
  const action = useAction();

  useEffect(() => {
    get('/api/v1/organisation').then(
      (o) => {
        setName(o.name);
        setNameEn(o.nameEn ?? '');
        setPrimary(o.colours.primary);
        setAccent(o.colours.accent);
        setPhone(o.contact?.phone ?? '');
        setHours(o.contact?.hours ?? '');
        setSenders(o.officialSenders.join('\n'));
        setLinkBases(o.officialLinkBases.join('\n'));
        setShortNames(o.shortNames.join('\n'));
        setSample(o.sampleMessage ?? '');
        setLegalName(o.legalName ?? '');
        setAddress(o.address ?? '');
        setRegistrations(o.registrationNumbers.join('\n'));
        setRetentionDays(o.retentionDays === null ? '' : String(o.retentionDays));
        setLoaded(true);
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.status === 404) setLoaded(true);
        else setLoadError(e);
      },
    );
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const r = await action.run(() =>
      put('/api/v1/organisation', {
        body: {
        name: name.trim(),
        nameEn: nameEn.trim() || null,
        colours: { primary, accent },
        contact: phone.trim() ? { phone: phone.trim(), hours: hours.trim() } : null,
        officialSenders: senders
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        officialLinkBases: linkBases
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        shortNames: shortNames
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        sampleMessage: sample.trim() || null,
        legalName: legalName.trim() || null,
        address: address.trim() || null,
        registrationNumbers: registrations
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        retentionDays: retentionDays.trim() ? Number(retentionDays) : null,
        },
      }),
    );
    if (r !== undefined) setSaved(true);
  };

  return (
    <form className="card" onSubmit={submit}>
      <h2>{t('org.title')}</h2>
      <p className="muted small">{t('org.help')}</p>
      <ErrorMessage error={loadError} />
      {!loaded && !loadError && <p>{t('common.loading')}</p>}
      <fieldset hidden={!loaded}>
        <div className="row wrap">
          <TextField grow label={t('org.name')} required value={name} onChange={setName} maxLength={100} />
          <TextField grow label={t('org.nameEn')} value={nameEn} onChange={setNameEn} maxLength={100} />
          <label>
            {t('org.primary')}
            <input type="color" value={primary} onChange={(e) => setPrimary(e.target.value)} />
          </label>
          <label>
            {t('org.accent')}
            <input type="color" value={accent} onChange={(e) => setAccent(e.target.value)} />
          </label>
        </div>
        <div className="row wrap">
          <TextField label={t('page.contactPhone')} value={phone} onChange={setPhone} maxLength={40} />
          <TextField grow label={t('page.contactHours')} value={hours} onChange={setHours} maxLength={200} />
        </div>
        <div className="row wrap">
          <label className="grow">
            {t('org.senders')}
            <textarea rows={3} value={senders} onChange={(e) => setSenders(e.target.value)} />
          </label>
          <label className="grow">
            {t('org.shortNames')}
            <textarea rows={3} value={shortNames} onChange={(e) => setShortNames(e.target.value)} placeholder="さくら債権回収" aria-describedby="org-short-names-hint" />
            <span className="muted small" id="org-short-names-hint">
              {t('org.shortNamesHint')}
            </span>
          </label>
          <label className="grow">
            {t('org.linkBases')}
            <textarea rows={3} value={linkBases} onChange={(e) => setLinkBases(e.target.value)} placeholder="https://old.example" aria-describedby="org-link-bases-hint" />
            <span className="muted small" id="org-link-bases-hint">
              {t('org.linkBasesHint')}
            </span>
          </label>
          <label className="grow">
            {t('org.sample')}
            <textarea rows={3} value={sample} onChange={(e) => setSample(e.target.value)} maxLength={700} />
          </label>
        </div>
        <h3>{t('org.identity')}</h3>
        <p className="muted small">{t('org.identityHelp')}</p>
        <div className="row wrap">
          <TextField grow label={t('org.legalName')} value={legalName} onChange={setLegalName} maxLength={200} placeholder="さくら債権回収株式会社" />
          <TextField grow label={t('org.address')} value={address} onChange={setAddress} maxLength={300} placeholder="東京都千代田区丸の内1-2-3" />
        </div>
        <label>
          {t('org.registrationNumbers')}
          <textarea rows={3} value={registrations} onChange={(e) => setRegistrations(e.target.value)} aria-describedby="org-registrations-hint" />
          <span className="muted small" id="org-registrations-hint">
            {t('org.registrationNumbersHint')}
          </span>
        </label>
        <h3>{t('org.retention')}</h3>
        <label>
          {t('org.retentionDays')}
          <input type="number" min={1} max={36500} step={1} value={retentionDays} onChange={(e) => setRetentionDays(e.target.value)} aria-describedby="org-retention-hint" />
          <span className="muted small" id="org-retention-hint">
            {t('org.retentionHint')}
          </span>
        </label>
        <ErrorMessage error={action.error} />
        {saved && <Alert kind="ok">{t('common.saved')}</Alert>}
        <button type="submit" className="primary" disabled={action.busy || !name.trim()}>
          {t('common.save')}
        </button>
      </fieldset>
    </form>
  );
}
