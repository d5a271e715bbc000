// Following a campaign until nothing is left in flight (or Ctrl-C): polls the campaign and draws
// a bar of messages in a final state out of those accepted.
import { isFinal, MESSAGE_STATES } from '../core/message.ts';
import { getCampaign, type CampaignView } from './campaigns.ts';
import { startBar } from './progress.ts';
import type { Cli } from './context.ts';

/** States in which a message may still change without anyone acting: `status --watch` waits for these. */
const ACTIVE_STATES: readonly string[] = MESSAGE_STATES.filter((s) => !isFinal(s));

const POLL_MS = 500;
/** After this long without a message reaching a final state, say so (the dispatcher or route may be down). */
const STALL_MS = 30_000;

export function inFlight(c: CampaignView): number {
  return ACTIVE_STATES.reduce((n, s) => n + (c.counts[s] ?? 0), 0);
}

export function finished(c: CampaignView): number {
  return Object.entries(c.counts).reduce((n, [state, k]) => n + (ACTIVE_STATES.includes(state) ? 0 : k), 0);
}

function sleep(ms: number, onWake: (wake: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    onWake(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Resolves with the last view of the campaign, and whether the person pressed Ctrl-C. */
export async function watchCampaign(cli: Cli, id: number): Promise<{ campaign: CampaignView; interrupted: boolean }> {
  const { out } = cli;
  let campaign = await getCampaign(cli, id);
  if (inFlight(campaign) === 0) return { campaign, interrupted: false };

  let interrupted = false;
  let wake = () => {};
  const onInterrupt = () => {
    interrupted = true;
    wake();
  };
  process.once('SIGINT', onInterrupt);
  const total = () => Math.max(campaign.acceptedCount, finished(campaign) + inFlight(campaign));
  const bar = startBar(out, `${out.t('配信状況', 'Progress')} |{bar}| {percentage}% {value}/{total} {note}`, total(), { note: '' });
  let done = finished(campaign);
  let changedAt = Date.now();
  let warned = false;
  try {
    while (!interrupted && inFlight(campaign) > 0) {
      if (finished(campaign) !== done) [done, changedAt] = [finished(campaign), Date.now()];
      let note = campaign.status === 'paused' ? out.t('（一時停止中）', '(paused)') : '';
      if (campaign.status === 'sending' && Date.now() - changedAt > STALL_MS) {
        note = out.t('（30秒以上進んでいません。サーバーの送信処理と回線を確認してください）', '(no progress for 30 s: check the server’s dispatcher and route)');
        if (!warned && !out.interactive) out.note(note);
        warned = true;
      }
      bar.setTotal(total());
      bar.update(done, { note });
      await sleep(POLL_MS, (w) => (wake = w));
      if (!interrupted) campaign = await getCampaign(cli, id);
    }
    bar.setTotal(total());
    bar.update(finished(campaign), { note: '' });
  } finally {
    bar.stop();
    process.removeListener('SIGINT', onInterrupt);
  }
  return { campaign, interrupted };
}
