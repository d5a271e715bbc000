// Step 4, sending: the sender and contact policy, now or at a chosen time, and a confirmation that says
// plainly how many people, how many SMS parts, when, and what the policy holds back (21:00–08:00 …).
// Where the organisation requires approval the confirmation asks for it instead (SendApproval.tsx, with
// the latest request's state); a test send to the organisation's own numbers is always there.
import { useEffect, useState } from 'react';
import { inCampaign, patch, post } from '../../api/client.ts';
import type { Preview } from '../../api/schemas.ts';
import { useI18n, type Key } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { Link, navigate } from '../../router.tsx';
import { Alert, ErrorMessage } from '../../ui/Alert.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { useAction } from '../../ui/useLoad.ts';
import { dateTime, num, tokyoLocalNow, tokyoLocalToIso, yen } from '../../ui/format.ts';
import { usePricePerPart } from './usePricePerPart.ts';
import type { StepProps } from './steps.ts';
import { TextField } from '../../ui/Field.tsx';
import { ApprovalStatusCard, requestApproval, useApproval } from './SendApproval.tsx';
import { TestSendCard } from './TestSendCard.tsx';

const POLICIES = ['jp_money_lending', 'us_fdcpa_reg_f', 'none'] as const;

/** The hour (0–23) now in a time zone. */
function hourIn(timeZone: string): number {
  try {
    return Number(new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hour12: false, timeZone }).format(new Date())) % 24;
  } catch {
    return new Date().getHours();
  }
}

const inQuietHours = (policy: string, timeZone: string) => policy !== 'none' && (hourIn(timeZone) >= 21 || hourIn(timeZone) < 8);

export function StepSend({ campaign, reload, stepPath }: StepProps) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const editable = can('operator') && campaign.status === 'draft';
  const [sender, setSender] = useState(campaign.sender ?? '');
  const [policy, setPolicy] = useState(campaign.policyPack);
  const [timeZone, setTimeZone] = useState(campaign.timeZone);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [at, setAt] = useState(tokyoLocalNow(60));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const approval = useApproval(campaign);
  const needsApproval = approval.data?.approvalRequired ?? false;
  const [price] = usePricePerPart();
  const settings = useAction();
  const sending = useAction();
  const load = useAction();

  // The preview is an operator's tool (it renders personal data): a viewer sees the settings only.
  useEffect(() => {
    if (!campaign.template || !can('operator')) return;
    void load.run(async () => setPreview(await post('/api/v1/campaigns/{campaign}/preview', { params: inCampaign(campaign.id), body: { limit: 1 } })));
  }, [campaign.id, campaign.template]);

  const changed = sender !== (campaign.sender ?? '') || policy !== campaign.policyPack || timeZone !== campaign.timeZone;
  const saveSettings = async () => {
    const r = await settings.run(() => patch('/api/v1/campaigns/{campaign}', { params: inCampaign(campaign.id), body: { ...(sender ? { sender } : {}), policyPack: policy, timeZone } }));
    if (r) await reload();
  };

  const scheduledIso = when === 'later' ? tokyoLocalToIso(at) : undefined;
  const send = async () => {
    if (needsApproval) {
      const asked = await sending.run(() => requestApproval(campaign, scheduledIso, note));
      if (asked !== undefined) {
        setConfirming(false);
        setNote('');
        await approval.reload();
      }
      return;
    }
    const r = await sending.run(() => post('/api/v1/campaigns/{campaign}/send', { params: inCampaign(campaign.id), body: scheduledIso ? { scheduledAt: scheduledIso } : {} }));
    if (r !== undefined) {
      setConfirming(false);
      navigate(`/campaigns/${campaign.id}`);
    }
  };

  // Confirmed only on figures just computed: the dialog must say exactly how many parts go out.
  const ready = !!campaign.template && campaign.acceptedCount > 0 && preview !== null && preview.rowsWithIssues === 0 && preview.missingColumns.length === 0 && preview.blockers.length === 0;
  const blocked = preview?.lint.some((l) => l.severity === 'block') ?? false;
  const quietNow = when === 'now' && inQuietHours(campaign.policyPack, campaign.timeZone);
  const whenText = scheduledIso ? dateTime(scheduledIso, lang) : t('send.now');

  return (
    <div className="step">
      <h2>{t('wizard.step.send')}</h2>
      <div className="card">
        <h3>{t('send.settings')}</h3>
        <fieldset disabled={!editable}>
          <div className="row wrap">
            <TextField label={t('send.sender')} value={sender} onChange={setSender} maxLength={20} placeholder={t('send.senderDefault')} />
            <label className="grow">
              {t('send.policy')}
              <select value={policy} onChange={(e) => setPolicy(e.target.value as typeof policy)}>
                {POLICIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`policy.${p}` as Key)}
                  </option>
                ))}
              </select>
            </label>
            <TextField label={t('send.timeZone')} value={timeZone} onChange={setTimeZone} maxLength={60} />
          </div>
          <p className="muted small">{t(`policy.${policy}.rule` as Key)}</p>
          <ErrorMessage error={settings.error} />
          {editable && (
            <button type="button" onClick={() => void saveSettings()} disabled={!changed || settings.busy}>
              {t('common.save')}
            </button>
          )}
        </fieldset>
      </div>

      <div className="card">
        <h3>{t('send.when')}</h3>
        <fieldset disabled={!editable} className="radios">
          <legend className="sr-only">{t('send.when')}</legend>
          <label className="inline">
            <input type="radio" name="when" checked={when === 'now'} onChange={() => setWhen('now')} /> {t('send.now')}
          </label>
          <label className="inline">
            <input type="radio" name="when" checked={when === 'later'} onChange={() => setWhen('later')} /> {t('send.later')}
          </label>
          {when === 'later' && (
            <label className="inline">
              {t('send.at')}
              <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
            </label>
          )}
        </fieldset>
        {quietNow && <Alert kind="warning">{t('send.quietNow')}</Alert>}
      </div>

      <div className="card">
        <h3>{t('send.summary')}</h3>
        <ErrorMessage error={load.error} />
        <dl className="figures">
          <div>
            <dt>{t('template.recipients')}</dt>
            <dd>{num(preview?.recipients ?? campaign.acceptedCount, lang)}</dd>
          </div>
          <div>
            <dt>{t('template.totalParts')}</dt>
            <dd>{preview ? num(preview.totalParts, lang) : '—'}</dd>
          </div>
          <div>
            <dt>{t('template.cost')}</dt>
            <dd>{preview ? yen(preview.totalParts * price, lang) : '—'}</dd>
          </div>
          <div>
            <dt>{t('send.when')}</dt>
            <dd className="small-dd">{whenText}</dd>
          </div>
        </dl>
        {!campaign.template && <Alert kind="error">{t('send.noTemplate')}</Alert>}
        {preview && (preview.rowsWithIssues > 0 || preview.missingColumns.length > 0) && <Alert kind="error">{t('send.fixRows')}</Alert>}
        {blocked && <Alert kind="error">{t('send.blocked')}</Alert>}
        {/* What the server would refuse besides rows and wording (e.g. {{url}} with no recipient page), named with its fix. */}
        {preview?.blockers.map((b) => (
          <Alert key={b.code} kind="error">
            {lang === 'en' ? b.message_en : b.message}
          </Alert>
        ))}
        {preview && preview.lint.length > 0 && !blocked && <Alert kind="warning">{t('send.lintWarnings', { n: preview.lint.length })}</Alert>}
      </div>

      <ApprovalStatusCard approval={approval} />
      <TestSendCard campaign={campaign} />

      <div className="step-nav">
        <Link className="button" to={stepPath('page')}>
          {t('wizard.back')}
        </Link>
        {editable && (
          <button type="button" className="primary" disabled={!ready || blocked || changed} onClick={() => setConfirming(true)}>
            {needsApproval ? t('approval.requestButton') : t('send.review')}
          </button>
        )}
      </div>
      {changed && editable && <p className="muted small right">{t('send.saveFirst')}</p>}

      <Dialog
        open={confirming}
        title={needsApproval ? t('approval.requestTitle') : t('send.confirmTitle')}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <button type="button" onClick={() => setConfirming(false)} disabled={sending.busy}>
              {t('common.cancel')}
            </button>
            <button type="button" className="primary danger" onClick={() => void send()} disabled={sending.busy}>
              {needsApproval ? t('approval.sendRequest') : scheduledIso ? t('send.confirmSchedule') : t('send.confirmNow')}
            </button>
          </>
        }
      >
        <p className="confirm-line">
          {t(scheduledIso ? 'send.confirmTextAt' : 'send.confirmTextNow', {
            people: num(preview?.recipients ?? campaign.acceptedCount, lang),
            parts: num(preview?.totalParts ?? 0, lang),
            when: whenText,
          })}
        </p>
        <ul>
          <li>{t('send.confirmCampaign', { name: campaign.name })}</li>
          <li>{t('send.confirmSender', { sender: campaign.sender || t('send.senderDefault') })}</li>
          <li>{t(`policy.${campaign.policyPack}.rule` as Key)}</li>
          {preview && <li>{t('send.confirmCost', { cost: yen(preview.totalParts * price, lang), price: String(price) })}</li>}
          {campaign.rejectedCount > 0 && <li>{t('send.confirmRejected', { n: num(campaign.rejectedCount, lang) })}</li>}
        </ul>
        {quietNow && <Alert kind="warning">{t('send.quietNow')}</Alert>}
        {needsApproval && (
          <>
            <Alert kind="info">{t('approval.requestText', { people: num(preview?.recipients ?? campaign.acceptedCount, lang), parts: num(preview?.totalParts ?? 0, lang), when: whenText })}</Alert>
            <label>
              {t('approval.noteLabel')}
              <textarea rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
          </>
        )}
        <ErrorMessage error={sending.error} />
      </Dialog>
    </div>
  );
}
