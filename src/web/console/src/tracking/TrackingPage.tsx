// Live tracking of one campaign (トラッキング): the funnel updating over Server-Sent Events, message
// states, a chart over time, survey tallies, the recipient table with each message's timeline, and the
// controls and exports.
import { useEffect, useRef, useState } from 'react';
import { get, inCampaign, orNone } from '../api/client.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Link, navigate } from '../router.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { StateBadge } from '../ui/StateBadge.tsx';
import { dateTime, num } from '../ui/format.ts';
import { Funnel } from './Funnel.tsx';
import { TimelineChart } from './TimelineChart.tsx';
import { RecipientTable } from './RecipientTable.tsx';
import { CampaignActions } from './CampaignActions.tsx';
import { SurveyTally } from './SurveyTally.tsx';
import { useFunnelStream } from './useFunnelStream.ts';
import { WaitingNotice } from './WaitingNotice.tsx';
import { CampaignTabs } from '../cadence/CampaignTabs.tsx';

const BUCKETS = ['auto', 'minute', '5min', 'hour', 'day'] as const;

/** Re-reads something when the live figures change, at most every `everyMs`. */
function useThrottledKey(key: string, everyMs: number): string {
  const [shown, setShown] = useState(key);
  const last = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, last.current + everyMs - Date.now());
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(key);
    }, wait);
    return () => clearTimeout(timer);
  }, [key, everyMs]);
  return shown;
}

export function TrackingPage({ campaignId }: { campaignId: string }) {
  const { t, lang } = useI18n();
  const campaign = useLoad(() => get('/api/v1/campaigns/{campaign}', { params: inCampaign(campaignId) }), [campaignId]);
  const c = campaign.data;
  const { reading, live } = useFunnelStream(c?.id);
  const [bucket, setBucket] = useState<(typeof BUCKETS)[number]>('auto');
  const figuresKey = reading ? JSON.stringify([reading.status, reading.funnel, reading.states]) : '';
  const slowKey = useThrottledKey(figuresKey, 3000);
  const timeline = useLoad(() => (c ? get('/api/v1/campaigns/{campaign}/timeline', { params: { ...inCampaign(c.id), query: { bucket } } }) : Promise.resolve(undefined)), [c?.id, bucket, slowKey]);
  const survey = useLoad(
    () =>
      c
        ? orNone(get('/api/v1/campaigns/{campaign}/survey/results', { params: inCampaign(c.id) }))
        : Promise.resolve(undefined),
    [c?.id, slowKey],
  );

  // The campaign's own state follows the stream (completed, paused …).
  useEffect(() => {
    if (c && reading && reading.status !== c.status) void campaign.reload();
  }, [reading?.status]);

  if (campaign.error) return <ErrorMessage error={campaign.error} />;
  if (!c) return <p>{t('common.loading')}</p>;
  if (c.status === 'draft') {
    navigate(`/campaigns/${c.id}/setup`, { replace: true });
    return null;
  }
  const status = reading ? reading.status : c.status;
  const states = reading?.states ?? c.counts;
  return (
    <section className="page tracking">
      <p className="breadcrumbs">
        <Link to="/">{t('nav.campaigns')}</Link> / {c.name}
      </p>
      <div className="title-row">
        <h1>
          {c.name} <StateBadge of="campaign" state={status} />
        </h1>
        <p className={live ? 'live on' : 'live'} role="status">
          <span aria-hidden="true">●</span> {live ? t('tracking.live') : t('tracking.reconnecting')}
        </p>
      </div>
      <CampaignTabs campaign={c} current="campaign" />
      <p className="muted small">
        {c.sendRequestedAt && t('tracking.sentAt', { at: dateTime(c.sendRequestedAt, lang) })}
        {c.scheduledAt && ` · ${t('tracking.scheduledAt', { at: dateTime(c.scheduledAt, lang) })}`}
        {c.completedAt && ` · ${t('tracking.completedAt', { at: dateTime(c.completedAt, lang) })}`}
      </p>
      <CampaignActions campaign={{ ...c, status }} hasSurvey={!!survey.data} onChanged={() => void campaign.reload()} />
      <WaitingNotice campaign={c} queued={states.queued ?? 0} refreshKey={slowKey} />

      <div className="two-col">
        <section className="card" aria-labelledby="funnel-h">
          <h2 id="funnel-h">{t('funnel.title')}</h2>
          {reading ? <Funnel funnel={reading.funnel} /> : <p>{t('common.loading')}</p>}
          <h3>{t('tracking.states')}</h3>
          <ul className="state-counts">
            {Object.entries(states)
              .sort((a, b) => b[1] - a[1])
              .map(([s, n]) => (
                <li key={s}>
                  <StateBadge of="message" state={s} /> <span data-testid={`state-${s}`}>{num(n, lang)}</span>
                </li>
              ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="chart-h">
          <div className="title-row">
            <h2 id="chart-h">{t('chart.title')}</h2>
            <label className="inline small">
              {t('chart.bucket')}
              <select value={bucket} onChange={(e) => setBucket(e.target.value as (typeof BUCKETS)[number])}>
                {BUCKETS.map((b) => (
                  <option key={b} value={b}>
                    {t(`chart.bucketOption.${b}` as Key)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <ErrorMessage error={timeline.error} />
          {timeline.data && <TimelineChart timeline={timeline.data} />}
        </section>
      </div>
      {survey.data && <SurveyTally results={survey.data} />}
      <RecipientTable campaign={c} refreshKey={slowKey} />
    </section>
  );
}
