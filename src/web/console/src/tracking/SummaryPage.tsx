// A printable campaign summary (print CSS: no navigation, no buttons, A4): what was sent, to how many,
// the funnel, message states, the chart and survey tallies.
import { get, inCampaign, orNone } from '../api/client.ts';
import { CAMPAIGN_STATUS_LABELS } from '../../../../core/labels.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { dateTime, num, percent } from '../ui/format.ts';
import { TimelineChart } from './TimelineChart.tsx';
import { SurveyTally } from './SurveyTally.tsx';
import { DataTable } from '../ui/DataTable.tsx';

const STAGES = ['targeted', 'sent', 'delivered', 'failed', 'opened', 'verified', 'locked', 'downloaded', 'answered', 'paid', 'replied', 'optedOut'] as const;

export function SummaryPage({ campaignId }: { campaignId: string }) {
  const { t, lang, label } = useI18n();
  const data = useLoad(async () => {
    const c = await get('/api/v1/campaigns/{campaign}', { params: inCampaign(campaignId) });
    const [funnel, timeline, survey] = await Promise.all([
      get('/api/v1/campaigns/{campaign}/funnel', { params: inCampaign(c.id) }),
      get('/api/v1/campaigns/{campaign}/timeline', { params: { ...inCampaign(c.id), query: { bucket: 'auto' } } }),
      orNone(get('/api/v1/campaigns/{campaign}/survey/results', { params: inCampaign(c.id) })),
    ]);
    return { c, funnel, timeline, survey };
  }, [campaignId]);
  if (data.error) return <ErrorMessage error={data.error} />;
  if (!data.data) return <p className="loading">{t('common.loading')}</p>;
  const { c, funnel, timeline, survey } = data.data;
  const f = funnel.funnel;
  return (
    <main className="summary" id="main">
      <div className="no-print row">
        <Link className="button" to={`/campaigns/${c.id}`}>
          {t('common.back')}
        </Link>
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('summary.print')}
        </button>
      </div>
      <header>
        <p className="brand">
          届く <span>Todoku</span>
        </p>
        <h1>{t('summary.title', { name: c.name })}</h1>
        <p className="muted">{t('summary.generated', { at: dateTime(new Date().toISOString(), lang) })}</p>
      </header>
      <table className="table kv">
        <tbody>
          <tr>
            <th scope="row">{t('campaigns.status')}</th>
            <td>{label(CAMPAIGN_STATUS_LABELS, funnel.status)}</td>
          </tr>
          <tr>
            <th scope="row">{t('tracking.sentAtLabel')}</th>
            <td>{dateTime(c.sendRequestedAt, lang)}</td>
          </tr>
          <tr>
            <th scope="row">{t('tracking.completedAtLabel')}</th>
            <td>{dateTime(c.completedAt, lang)}</td>
          </tr>
          <tr>
            <th scope="row">{t('send.policy')}</th>
            <td>{t(`policy.${c.policyPack}` as Key)}</td>
          </tr>
          <tr>
            <th scope="row">{t('template.body')}</th>
            <td className="pre">{c.template}</td>
          </tr>
          <tr>
            <th scope="row">{t('recipients.rejected')}</th>
            <td>{num(c.rejectedCount, lang)}</td>
          </tr>
        </tbody>
      </table>
      <h2>{t('funnel.title')}</h2>
      <DataTable
        rows={STAGES}
        rowKey={(s) => s}
        columns={[
          { header: t('summary.stage'), rowHeader: true, cell: (s) => t(`funnel.${s}` as Key) },
          { header: t('summary.count'), num: true, cell: (s) => num(f[s], lang) },
          { header: t('summary.share'), num: true, cell: (s) => (s === 'targeted' ? '' : percent(f[s], f.targeted)) },
        ]}
      />
      <h2>{t('chart.title')}</h2>
      <TimelineChart timeline={timeline} />
      {survey && <SurveyTally results={survey} />}
    </main>
  );
}
