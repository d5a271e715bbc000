// The campaign's own pages as tabs: its setup (a draft) or its live tracking, and its cadence
// (督促シナリオ). Shown at the top of each, so the cadence is one click from the campaign.
import type { Campaign } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

export function CampaignTabs({ campaign, current }: { campaign: Pick<Campaign, 'id' | 'status'>; current: 'campaign' | 'cadence' }) {
  const { t } = useI18n();
  const here = (tab: typeof current) => (tab === current ? { 'aria-current': 'page' as const } : {});
  const draft = campaign.status === 'draft';
  return (
    <nav className="tabs" aria-label={t('cadence.tabs')}>
      <Link to={draft ? `/campaigns/${campaign.id}/setup` : `/campaigns/${campaign.id}`} {...here('campaign')}>
        {draft ? t('cadence.tabSetup') : t('cadence.tabTracking')}
      </Link>
      <Link to={`/campaigns/${campaign.id}/cadence`} {...here('cadence')}>
        {t('cadence.title')}
      </Link>
    </nav>
  );
}
