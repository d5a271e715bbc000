// Campaigns, newest first: state, how many people, how many delivered; a draft opens its wizard, the
// others their live tracking. Operators start a new one here, and archive a finished one (hidden from
// the list, kept for records; "show archived" brings them into view).
import { useState, type FormEvent } from 'react';
import { get, post } from '../api/client.ts';
import type { Campaign } from '../api/schemas.ts';
import { NOTICE_FORMALITY_LABELS, NOTICE_KIND_LABELS } from '../../../../core/labels.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { Link, navigate } from '../router.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Options } from '../ui/Field.tsx';
import { StateBadge } from '../ui/StateBadge.tsx';
import { dateTime, num, percent } from '../ui/format.ts';

type NoticeKind = keyof typeof NOTICE_KIND_LABELS;
// In the order of core's table: first notice, reminder, final notice.
const NOTICE_KINDS = Object.keys(NOTICE_KIND_LABELS) as NoticeKind[];
type Formality = keyof typeof NOTICE_FORMALITY_LABELS;
/** '' : an ordinary notice; otherwise 債権譲渡通知 or 正式な通知 (sent only with every recipient's consent recorded). */
export const FORMALITY_CHOICES = ['', ...(Object.keys(NOTICE_FORMALITY_LABELS) as Formality[])] as const;

export const campaignPath = (c: Pick<Campaign, 'id' | 'status'>) => (c.status === 'draft' ? `/campaigns/${c.id}/setup` : `/campaigns/${c.id}`);

function NewCampaign() {
  const { t, label } = useI18n();
  const [name, setName] = useState('');
  const [noticeKind, setNoticeKind] = useState<NoticeKind>('first');
  const [formality, setFormality] = useState<'' | Formality>('');
  const action = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = await action.run(() => post('/api/v1/campaigns', { body: { name: name.trim(), noticeKind, formality: formality || null } }));
    if (c) navigate(`/campaigns/${c.id}/setup/recipients`);
  };
  return (
    <form className="card new-campaign" onSubmit={submit} aria-labelledby="new-campaign-h">
      <h2 id="new-campaign-h">{t('campaigns.new')}</h2>
      <ErrorMessage error={action.error} />
      <div className="row wrap">
        <label className="grow">
          {t('campaigns.name')}
          <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('campaigns.namePlaceholder')} />
        </label>
        <label>
          {t('campaigns.noticeKind')}
          <select value={noticeKind} onChange={(e) => setNoticeKind(e.target.value as NoticeKind)}>
            <Options values={NOTICE_KINDS} label={(k) => label(NOTICE_KIND_LABELS, k)} />
          </select>
        </label>
        <label>
          {t('campaigns.formality')}
          <select value={formality} onChange={(e) => setFormality(e.target.value as '' | Formality)} title={t('campaigns.formalityHelp')}>
            <Options values={FORMALITY_CHOICES} label={(k) => (k ? label(NOTICE_FORMALITY_LABELS, k) : t('campaigns.formalityNone'))} />
          </select>
        </label>
        <button type="submit" className="primary" disabled={action.busy || !name.trim()}>
          {t('campaigns.create')}
        </button>
      </div>
    </form>
  );
}

export function CampaignList() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const [showArchived, setShowArchived] = useState(false);
  const list = useLoad(() => get('/api/v1/campaigns', { params: { query: { archived: showArchived ? '1' : '0' } } }), [showArchived]);
  const archiving = useAction();
  const setArchived = async (c: Campaign, on: boolean) => {
    const params = { params: { path: { campaign: String(c.id) } } };
    const done = await archiving.run(() => (on ? post('/api/v1/campaigns/{campaign}/archive', params) : post('/api/v1/campaigns/{campaign}/unarchive', params)));
    if (done) list.reload();
  };
  const campaigns = [...(list.data?.campaigns ?? [])].sort((a, b) => b.id - a.id);
  const delivered = (c: Campaign) => c.counts.delivered ?? 0;
  const columns: Column<Campaign>[] = [
    { header: t('campaigns.name'), cell: (c) => <Link to={campaignPath(c)}>{c.name}</Link> },
    {
      header: t('campaigns.status'),
      cell: (c) => (
        <>
          <StateBadge of="campaign" state={c.status} />
          {c.status === 'scheduled' && c.scheduledAt && <span className="muted small"> {dateTime(c.scheduledAt, lang)}</span>}
        </>
      ),
    },
    { header: t('campaigns.recipients'), num: true, cell: (c) => num(c.acceptedCount, lang) },
    { header: t('funnel.delivered'), num: true, cell: (c) => (c.status === 'draft' ? '—' : `${num(delivered(c), lang)} (${percent(delivered(c), c.acceptedCount)})`) },
    { header: t('campaigns.created'), cell: (c) => dateTime(c.createdAt, lang) },
    ...(can('operator')
      ? [
          {
            header: t('common.actions'),
            cell: (c: Campaign) =>
              c.archivedAt ? (
                <>
                  <span className="muted small">{t('campaigns.archivedMark')} </span>
                  <button type="button" className="small" disabled={archiving.busy} onClick={() => void setArchived(c, false)}>
                    {t('campaigns.unarchive')}
                  </button>
                </>
              ) : c.status === 'completed' || c.status === 'cancelled' ? (
                <button type="button" className="small" disabled={archiving.busy} onClick={() => void setArchived(c, true)}>
                  {t('campaigns.archive')}
                </button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <section className="page">
      <h1>{t('campaigns.title')}</h1>
      {can('operator') && <NewCampaign />}
      <label className="inline">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> {t('campaigns.showArchived')}
      </label>
      <ErrorMessage error={list.error ?? archiving.error} />
      {list.loading && !list.data && <p>{t('common.loading')}</p>}
      {list.data && campaigns.length === 0 && <p className="empty">{t('campaigns.empty')}</p>}
      {campaigns.length > 0 && <DataTable caption={t('campaigns.title')} rows={campaigns} columns={columns} rowKey={(c) => c.id} />}
    </section>
  );
}
