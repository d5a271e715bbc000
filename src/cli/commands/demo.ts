// `todoku demo [--count N]`: a first campaign end to end for a newcomer, on the built-in simulator
// only: makes a list of fictional people, imports it, sets up their recipient page (identity check by
// birth date, a notice, a one-question survey), sends a collections notice with each person's link
// without asking, follows delivery, then shows what the simulated phones received and how to open a link.
import type { Command } from 'commander';
import { answer } from '../api.ts';
import { campaignRef } from '../campaigns.ts';
import { positiveInt } from '../arguments.ts';
import { CliError, userError } from '../errors.ts';
import { DEMO_MAX, DEMO_SURVEY, DEMO_TEMPLATE, demoBirthDate, demoCsv, demoLanding, demoName } from '../demo-list.ts';
import { bufferSource, printImportResult, uploadRecipients } from '../upload.ts';
import { showPreview } from './send.ts';
import { printStatus } from './status.ts';
import { lastReceived, printReceived } from './simulator.ts';
import { watchCampaign } from '../watch.ts';
import { withCli } from '../run.ts';
import { localTime } from '../output.ts';
import type { Cli } from '../context.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('シミュレータで最初のキャンペーンを試す / try a whole campaign on the built-in simulator')
    .option('--count <n>', `宛先の人数（最大${DEMO_MAX}）/ how many fictional recipients`, positiveInt, 20)
    .action(withCli((cli: Cli, opts: { count: number }) => runDemo(cli, opts.count)));
}

/** Refuses unless the server runs the SMSC simulator: a demo must never reach a real carrier. */
async function requireSimulator(cli: Cli): Promise<void> {
  await cli.api.http.GET('/api/v1/campaigns');
  try {
    await cli.api.http.GET('/api/v1/simulator/received', { params: { query: { limit: 1 } } });
  } catch (err) {
    if (!(err instanceof CliError) || err.status !== 404) throw err;
    throw userError(
      'DEMO_NEEDS_SIMULATOR',
      'このサーバーでは組み込みSMSCシミュレータが動いていないため、デモを中止しました（実際の回線に架空の番号で送らないため）。シミュレータ付きで起動してください: TODOKU_SIMULATOR=1 npm start',
      'the server does not run the built-in SMSC simulator, so the demo stopped (it never sends to a real carrier); start one with the simulator: TODOKU_SIMULATOR=1 npm start',
    );
  }
}

async function runDemo(cli: Cli, count: number): Promise<void> {
  if (count > DEMO_MAX) throw userError('DEMO_COUNT', `--count は${DEMO_MAX}以下にしてください`, `--count must be at most ${DEMO_MAX}`);
  const { out } = cli;
  await requireSimulator(cli);

  const now = new Date();
  // Fictional numbers on the simulator: no contact policy, so the demo works at any hour.
  const campaign = answer(await cli.api.http.POST('/api/v1/campaigns', { body: { name: demoName(now), policyPack: 'none' } }));
  out.say(`1. キャンペーン「${campaign.name}」を作成しました`, `1. Created campaign "${campaign.name}"`);

  out.say(`2. 架空の${count}人の名簿（氏名,携帯電話番号,請求金額,支払期限,生年月日）を取り込みます`, `2. Importing a list of ${count} fictional people (氏名,携帯電話番号,請求金額,支払期限,生年月日)`);
  const imported = await uploadRecipients(cli, String(campaign.id), bufferSource(Buffer.from(demoCsv(count, now), 'utf8')));
  printImportResult(cli, imported);

  // The page each SMS links to: without it {{url}} would open onto nothing (and the send is refused).
  const params = campaignRef(campaign.id);
  const landing = answer(await cli.api.http.PUT('/api/v1/campaigns/{campaign}/landing', { params, body: demoLanding(now) }));
  await cli.api.http.PUT('/api/v1/campaigns/{campaign}/survey', { params, body: DEMO_SURVEY });
  out.say(
    `3. 受信者ページを設定しました: 生年月日で本人確認 → お知らせ → アンケート1問（${localTime(landing.expiresAt)}まで開けます）`,
    `3. Set up the recipient page: identity check by birth date → the notice → a one-question survey (open until ${localTime(landing.expiresAt)})`,
  );

  out.say(`4. 本文: ${DEMO_TEMPLATE}`, `4. Template: ${DEMO_TEMPLATE}`);
  const preview = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/preview', { params, body: { template: DEMO_TEMPLATE, limit: 1 } }));
  showPreview(cli, preview);
  // No confirmation: this is the simulator, checked above.
  const sent = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/send', { params, body: { template: DEMO_TEMPLATE } }));
  out.say(`5. 送信を開始しました（${sent.queued}件）。配達を待っています…`, `5. Sending ${sent.queued} messages; waiting for delivery…`);

  const watched = await watchCampaign(cli, campaign.id);
  printStatus(cli, watched.campaign);
  const received = await lastReceived(cli, imported.accepted);
  out.say('6. シミュレータが受け取ったSMS:', '6. What the simulated phones received:');
  printReceived(cli, received);
  const tryIt = demoLink(received);
  if (tryIt) {
    out.say(
      `7. リンクを開いてみてください: ${tryIt.url}  本人確認の生年月日: ${tryIt.birthDate}（${tryIt.to} の人）`,
      `7. Open a link: ${tryIt.url}  birth date for the identity check: ${tryIt.birthDate} (the person at ${tryIt.to})`,
    );
  }
  out.say(
    `次は自分のCSVで: todoku import 名簿.csv --campaign 名前 → todoku send 名前 --template "…" → todoku status 名前 --watch`,
    `Next, with your own CSV: todoku import list.csv --campaign NAME → todoku send NAME --template "…" → todoku status NAME --watch`,
  );
  out.data({ campaign: watched.campaign, import: imported, landing, send: sent, received: received.received, tryIt });
}

/** The first received SMS's link, with the birth date its page asks for (row i has number 090-1000-000i). */
function demoLink(page: { received: { to: string; text?: string | null }[] }): { url: string; to: string; birthDate: string } | null {
  for (const m of page.received) {
    const url = /https?:\/\/\S+/u.exec(m.text ?? '')?.[0];
    const row = /^\+81901000(\d{4})$/u.exec(m.to)?.[1];
    if (url && row) return { url, to: m.to, birthDate: demoBirthDate(Number(row)) };
  }
  return null;
}
