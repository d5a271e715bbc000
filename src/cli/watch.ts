// Following a campaign until nothing is left in flight (or Ctrl-C): polls the campaign and draws
// a bar of messages in a final state out of those accepted.
import { campaignPath } from './api.ts';
import { ACTIVE_STATES } from './labels.ts';
import { startBar } from './progress.ts';
import type { Cli } from './context.ts';
import type { CampaignView } from './api-types.ts';

const POLL_MS = 500;

export function inFlight(c: CampaignView): number {
  return ACTIVE_STATES.reduce((n, s) => n + (c.counts[s] ?? 0), 0);
}

export function finished(c: CampaignView): number {
  return Object.entries(c.counts).reduce((n, [state, k]) => n + ((ACTIVE_STATES as readonly string[]).includes(state) ? 0 : k), 0);
}

/** Resolves with the last view of the campaign, and whether the person pressed Ctrl-C. */
export async function watchCampaign(cli: Cli, id: number): Promise<{ campaign: CampaignView; interrupted: boolean }> {
  let interrupted = false;
  let wake = () => {};
  const onInterrupt = () => {
    interrupted = true;
    wake();
  };
  const path = campaignPath(String(id));
  let campaign = await cli.api.get<CampaignView>(path);
  if (inFlight(campaign) === 0) return { campaign, interrupted: false };
  process.once('SIGINT', onInterrupt);
  const total = () => Math.max(campaign.acceptedCount, finished(campaign) + inFlight(campaign));
  const bar = startBar(cli.out, `${cli.out.t('配信状況', 'Progress')} |{bar}| {percentage}% {value}/{total} {note}`, total(), { note: '' });
  try {
    while (!interrupted && inFlight(campaign) > 0) {
      bar.setTotal(total());
      bar.update(finished(campaign), { note: campaign.status === 'paused' ? cli.out.t('（一時停止中）', '(paused)') : '' });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!interrupted) campaign = await cli.api.get<CampaignView>(path);
    }
    bar.setTotal(total());
    bar.update(finished(campaign), { note: '' });
  } finally {
    bar.stop();
    process.removeListener('SIGINT', onInterrupt);
  }
  return { campaign, interrupted };
}
