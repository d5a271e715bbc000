// A campaign's cadence (督促シナリオ): the editor with its dry run while it is a draft (or paused), and once
// it runs, the tracking per step (the funnel of each step, who is where, who left and why) with the
// controls to pause, resume or stop it. The editor's unsaved work lives here, so the dry run tries
// exactly what is on screen and the start waits until it is saved.
import { useEffect, useState } from 'react';
import { get, inCampaign, orNone } from '../api/client.ts';
import { CADENCE_STATE_LABELS } from '../../../../core/labels.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { Link, queryParam, useLocation } from '../router.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { CampaignTabs } from './CampaignTabs.tsx';
import { CadenceControls } from './CadenceControls.tsx';
import { CadenceEditor } from './CadenceEditor.tsx';
import { DryRunPanel } from './DryRunPanel.tsx';
import { StepTracking } from './StepTracking.tsx';
import { MemberList, type MemberFilter } from './MemberList.tsx';
import { emptyDraft, fromDefinition, sameCadence, type Draft } from './draft.ts';
import type { Cadence } from './types.ts';
import './cadence.css';

const TONE: Record<Cadence['state'], string> = { draft: 'muted', running: 'info', paused: 'warn', stopped: 'muted', completed: 'ok' };
/** How often the figures of a running cadence are read again. */
const REFRESH_MS = 5000;

export function CadenceBadge({ state }: { state: Cadence['state'] }) {
  const { label } = useI18n();
  return <span className={`badge ${TONE[state]}`}>{label(CADENCE_STATE_LABELS, state)}</span>;
}

type View = 'edit' | 'track';

/** One screen per campaign: moving to another campaign's cadence starts its editor afresh. */
export function CadencePage({ campaignId }: { campaignId: string }) {
  return <CadenceScreen key={campaignId} campaignId={campaignId} />;
}

function CadenceScreen({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  const location = useLocation();
  const operator = can('operator');
  const campaign = useLoad(() => get('/api/v1/campaigns/{campaign}', { params: inCampaign(campaignId) }), [campaignId]);
  const cadence = useLoad(() => (operator ? orNone(get('/api/v1/campaigns/{campaign}/cadence', { params: inCampaign(campaignId) })) : Promise.resolve(null)), [campaignId, operator]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [filter, setFilter] = useState<MemberFilter>({});
  const saved = cadence.data;

  // The editor starts from the saved cadence, or from one empty step.
  useEffect(() => {
    if (cadence.data !== undefined && draft === null) setDraft(cadence.data ? fromDefinition(cadence.data.definition) : emptyDraft());
  }, [cadence.data]);

  const running = saved && saved.state !== 'draft';
  useEffect(() => {
    if (saved?.state !== 'running') return;
    const timer = setInterval(() => void cadence.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [saved?.state]);

  const c = campaign.data;
  if (campaign.error) return <ErrorMessage error={campaign.error} />;
  if (!c) return <p>{t('common.loading')}</p>;

  const asked = queryParam(location, 'view');
  const view: View = asked === 'edit' || asked === 'track' ? asked : running ? 'track' : 'edit';
  const editable = operator && (!saved || saved.state === 'draft' || saved.state === 'paused');
  const dirty = !!draft && (saved ? !sameCadence(draft, fromDefinition(saved.definition)) : true);
  const onSaved = (next: Cadence) => {
    cadence.set(next);
    setDraft(fromDefinition(next.definition));
  };
  const showMembers = (f: MemberFilter) => {
    setFilter(f);
    document.getElementById('members-h')?.scrollIntoView({ block: 'start' });
  };

  return (
    <section className="page cadence">
      <p className="breadcrumbs">
        <Link to="/">{t('nav.campaigns')}</Link> / <Link to={c.status === 'draft' ? `/campaigns/${c.id}/setup` : `/campaigns/${c.id}`}>{c.name}</Link> / {t('cadence.title')}
      </p>
      <h1>
        {t('cadence.title')} <span className="muted h-sub">{c.name}</span> {saved && <CadenceBadge state={saved.state} />}
      </h1>
      <CampaignTabs campaign={c} current="cadence" />
      {!operator && <Alert kind="info">{t('cadence.operatorsOnly')}</Alert>}
      <ErrorMessage error={cadence.error} />
      {operator && cadence.data !== undefined && draft && (
        <>
          <p className="muted">{t('cadence.intro')}</p>
          {saved && <CadenceControls campaign={c} cadence={saved} dirty={dirty} onChanged={onSaved} />}
          {running && (
            <nav className="tabs sub" aria-label={t('cadence.views')}>
              <Link to={`/campaigns/${c.id}/cadence?view=track`} {...(view === 'track' ? { 'aria-current': 'page' as const } : {})}>
                {t('cadence.viewTrack')}
              </Link>
              <Link to={`/campaigns/${c.id}/cadence?view=edit`} {...(view === 'edit' ? { 'aria-current': 'page' as const } : {})}>
                {saved.state === 'paused' ? t('cadence.viewEdit') : t('cadence.viewSteps')}
              </Link>
            </nav>
          )}
          {view === 'edit' || !saved ? (
            <div className="cadence-edit">
              <CadenceEditor campaign={c} saved={saved ?? null} draft={draft} setDraft={setDraft} editable={editable} dirty={dirty} onSaved={onSaved} />
              <DryRunPanel campaign={c} draft={editable ? draft : null} cadence={saved ?? null} />
            </div>
          ) : (
            <>
              <StepTracking cadence={saved} onShow={showMembers} />
              <MemberList campaign={c} cadence={saved} filter={filter} setFilter={setFilter} onChanged={() => void cadence.reload()} />
            </>
          )}
        </>
      )}
      {operator && cadence.data === undefined && !cadence.error && <p>{t('common.loading')}</p>}
      {c.status === 'draft' && operator && saved && saved.state === 'draft' && (
        <Alert kind="info">
          {t('cadence.campaignDraft')} <Link to={`/campaigns/${c.id}/setup/send`}>{t('cadence.toSend')}</Link>
        </Alert>
      )}
    </section>
  );
}
