// The bundles to download: the whole ledger for a hand-over (administrators) and each campaign's own
// (operators and up: a bundle reveals numbers and texts, as the results export does). A viewer is told
// why there is nothing to download.
import { get } from '../api/client.ts';
import type { Campaign } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { StateBadge } from '../ui/StateBadge.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { dateTime } from '../ui/format.ts';

export const campaignBundleHref = (id: number) => `/api/v1/campaigns/${id}/evidence.zip`;

function CampaignBundles() {
  const { t, lang } = useI18n();
  const list = useLoad(() => get('/api/v1/campaigns', { params: { query: { archived: '1' } } }), []);
  const campaigns = [...(list.data?.campaigns ?? [])].sort((a, b) => b.id - a.id);
  const columns: Column<Campaign>[] = [
    { header: t('campaigns.name'), cell: (c) => c.name },
    { header: t('campaigns.status'), cell: (c) => <StateBadge of="campaign" state={c.status} /> },
    { header: t('campaigns.created'), className: 'nowrap', cell: (c) => dateTime(c.createdAt, lang) },
    {
      header: t('common.actions'),
      cell: (c) => (
        <a className="button small" href={campaignBundleHref(c.id)} download aria-label={`${t('evidence.campaignBundle')}: ${c.name}`}>
          {t('evidence.campaignBundle')}
        </a>
      ),
    },
  ];
  return (
    <>
      <h3>{t('evidence.campaignBundles')}</h3>
      <ErrorMessage error={list.error} />
      {list.data && <DataTable caption={t('evidence.campaignBundles')} rows={campaigns} columns={columns} rowKey={(c) => c.id} empty={t('evidence.noCampaigns')} />}
    </>
  );
}

export function EvidenceDownloads() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <section className="card" aria-labelledby="evidence-downloads-h">
      <h2 id="evidence-downloads-h">{t('evidence.downloads')}</h2>
      {can('admin') && (
        <>
          <p>{t('evidence.handoverText')}</p>
          <a className="button primary" href="/api/v1/evidence.zip" download>
            {t('evidence.handover')}
          </a>
        </>
      )}
      {can('operator') ? <CampaignBundles /> : <p className="muted">{t('evidence.downloadsRole')}</p>}
    </section>
  );
}
