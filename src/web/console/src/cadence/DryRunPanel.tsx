// The dry run (ドライラン): for a sample of the list, which steps each person would get and when (Japan
// time), and for the steps they would not get, why (their conditions, no due date, a time before the
// start, or an exit such as a payment). Nothing is queued. It tries what is in the editor, saved or not;
// once the cadence runs, the saved one from its real start, with the steps already sent.
import { useState } from 'react';
import { inCampaign, post } from '../api/client.ts';
import type { Campaign } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useAction } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { dateTime, num, tokyoLocalNow, tokyoLocalToIso } from '../ui/format.ts';
import { toBody, type Draft } from './draft.ts';
import type { Cadence, DryRun, DryRunStep } from './types.ts';

const SAMPLES = [5, 10, 20, 50] as const;

function StepCell({ s }: { s: DryRunStep }) {
  const { t, lang, pick } = useI18n();
  const why = s.reasonText ? pick(s.reasonText.ja, s.reasonText.en) : '';
  return (
    <td className={`dry-${s.outcome}`} data-outcome={s.outcome}>
      <span className="dry-outcome">{t(`cadence.outcome.${s.outcome}` as Key)}</span>
      {s.at && (s.outcome === 'planned' || s.outcome === 'sent') && (
        <>
          {' '}
          <time dateTime={s.at}>{dateTime(s.at, lang)}</time>
        </>
      )}
      {s.conditional && <span className="small muted"> {t('cadence.conditional')}</span>}
      {why && <span className="small dry-why"> {why}</span>}
    </td>
  );
}

export function DryRunPanel({ campaign, draft, cadence }: { campaign: Campaign; draft: Draft | null; cadence: Cadence | null }) {
  const { t, lang, pick } = useI18n();
  const [sample, setSample] = useState<number>(10);
  const [startAt, setStartAt] = useState(() => tokyoLocalNow(5));
  const [result, setResult] = useState<DryRun | null>(null);
  /** The steps the result was planned for: another edit since makes it out of date. */
  const [ranWith, setRanWith] = useState<string | null>(null);
  const current = draft ? JSON.stringify(toBody(draft)) : null;
  const action = useAction();
  const started = cadence && cadence.state !== 'draft' && !draft;
  const run = async () => {
    const body = draft ? { sample, definition: toBody(draft), startAt: tokyoLocalToIso(startAt) } : { sample };
    const r = await action.run(() => post('/api/v1/campaigns/{campaign}/cadence/dry-run', { params: inCampaign(campaign.id), body }));
    if (r) {
      setResult(r);
      setRanWith(current);
    }
  };
  const steps = result?.steps ?? [];
  return (
    <section className="card dry-run" aria-labelledby="dry-run-h">
      <h2 id="dry-run-h">{t('cadence.dryRun')}</h2>
      <p className="muted small">{started ? t('cadence.dryRunRunning') : t('cadence.dryRunHelp')}</p>
      <div className="row wrap">
        <label>
          {t('cadence.sample')}
          <select value={sample} onChange={(e) => setSample(Number(e.target.value))}>
            {SAMPLES.map((n) => (
              <option key={n} value={n}>
                {t('cadence.samplePeople', { n })}
              </option>
            ))}
          </select>
        </label>
        {!started && (
          <label>
            {t('cadence.startAt')}
            <input type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} required />
          </label>
        )}
        <button type="button" className="primary" onClick={() => void run()} disabled={action.busy || (draft !== null && draft.steps.length === 0)}>
          {action.busy ? t('common.working') : t('cadence.dryRunButton')}
        </button>
      </div>
      <ErrorMessage error={action.error} />
      {result && ranWith !== current && <Alert kind="warning">{t('cadence.dryRunStale')}</Alert>}
      {result && (
        <div aria-live="polite">
          <p className="small">
            {t('cadence.dryRunOf', { n: num(result.people.length, lang), total: num(result.total, lang), at: dateTime(result.startAt, lang) })}
          </p>
          <table className="table dry-totals">
            <caption className="sr-only">{t('cadence.dryRunTotals')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cadence.step')}</th>
                <th scope="col" className="num">{t('cadence.outcome.planned')}</th>
                <th scope="col" className="num">{t('cadence.outcome.sent')}</th>
                <th scope="col" className="num">{t('cadence.outcome.skipped')}</th>
                <th scope="col" className="num">{t('cadence.outcome.after_exit')}</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.number}>
                  <th scope="row">
                    {s.number}. {s.name}
                  </th>
                  <td className="num">{num(s.planned, lang)}</td>
                  <td className="num">{num(s.sent, lang)}</td>
                  <td className="num">{num(s.skipped, lang)}</td>
                  <td className="num">{num(s.afterExit, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('cadence.dryRunPeople')}</h3>
          <ol className="dry-people">
            {result.people.map((p) => (
              <li key={p.recipientId}>
                <table className="table">
                  <caption>
                    <strong>{p.name || t('cadence.noName')}</strong> <span className="muted small">{t('cadence.lineN', { n: p.line })} · {t('field.due_date')} {p.dueDate ?? '—'}</span>
                  </caption>
                  <tbody>
                    {p.steps.map((s) => (
                      <tr key={s.number}>
                        <th scope="row">
                          {s.number}. {s.name}
                        </th>
                        <StepCell s={s} />
                      </tr>
                    ))}
                  </tbody>
                </table>
                {p.exit && (
                  <p className="small dry-exit">
                    {t('cadence.exit')}: {pick(p.exit.reasonText.ja, p.exit.reasonText.en)}
                    {p.exit.at && ` (${dateTime(p.exit.at, lang)})`}
                  </p>
                )}
              </li>
            ))}
          </ol>
          <p className="muted small">{t('cadence.dryRunNote', { zone: result.timeZone })}</p>
        </div>
      )}
    </section>
  );
}
