// `todoku cadence create CAMPAIGN FILE.yaml|FILE.json` (or --builtin renotice_unopened), `todoku cadence
// start|pause|resume|stop CAMPAIGN`, `todoku cadence status CAMPAIGN` (the funnel per step and who left why)
// and `todoku cadence dry-run CAMPAIGN` (for a sample of people: which steps and when, or why not).
// The file format: docs/cadences.md. YAML is sent as it is (text/yaml); the server reads and checks it.
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Option, type Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { answer } from '../api.ts';
import { campaignRef } from '../campaigns.ts';
import { userError } from '../errors.ts';
import { table } from '../output.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import type { Schema } from '../../api-client/client.ts';
import { BUILTIN_CADENCE_IDS, BUILTIN_CADENCES, type BuiltinCadenceId } from '../../core/cadence/builtin.ts';

type Cadence = Schema<'Cadence'>;
const CAMPAIGN = 'キャンペーン名またはID / campaign name or id';

export function registerCadence(program: Command): void {
  const cadence = program.command('cadence').description('督促シナリオ（期日前後の段階的な督促）/ cadences: steps that stop on their own');
  cadence
    .command('create')
    .description('督促シナリオをファイル（YAML・JSON）から作成・置換する / create or replace a cadence from a file')
    .argument('<campaign>', CAMPAIGN)
    .argument('[file]', 'シナリオのファイル（.yaml / .yml / .json）/ the cadence file')
    .addOption(new Option('--builtin <id>', '組み込みのシナリオを使う / use a built-in cadence: renotice_unopened（未開封者への再通知）').choices(BUILTIN_CADENCE_IDS))
    .action(withCli(create));
  for (const [action, ja, en] of [
    ['start', '開始する（宛先リストの全員が対象になります）', 'start it: everyone on the list joins'],
    ['pause', '一時停止する（送信待ちのステップも止めます）', 'pause it (queued steps wait)'],
    ['resume', '再開する', 'resume it'],
    ['stop', '停止する（送信待ちのステップは取り消します）', 'stop it for good (queued steps are called off)'],
  ] as const) {
    cadence
      .command(action)
      .description(`督促シナリオを${ja} / ${en}`)
      .argument('<campaign>', CAMPAIGN)
      .action(withCli((cli: Cli, name: string) => move(cli, name, action)));
  }
  cadence
    .command('status')
    .description('ステップごとの送信・開封・入金と、離脱の理由 / the funnel per step and why people left')
    .argument('<campaign>', CAMPAIGN)
    .action(withCli(status));
  cadence
    .command('dry-run')
    .description('何も送らずに、見本の宛先が受け取るステップと日時を表示する / show for a sample which steps they would get and when (nothing is sent)')
    .argument('<campaign>', CAMPAIGN)
    .option('--sample <n>', '見本の人数 / how many people', '10')
    .option('--file <file>', '保存前のシナリオのファイルで試す / try an unsaved cadence file')
    .action(withCli(dryRun));
}

function readDefinition(file: string): { body: string; type: string } {
  let text: string;
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
    text = readFileSync(file, 'utf8');
  } catch {
    throw userError('NO_FILE', `ファイルが見つかりません: ${file}`, `file not found: ${file}`);
  }
  const json = extname(file).toLowerCase() === '.json';
  return { body: text.replace(/^\uFEFF/u, ''), type: json ? 'application/json' : 'text/yaml' };
}

const when = (cli: Cli, iso: string | null) => (iso === null ? '' : new Date(iso).toLocaleString(cli.out.t('ja-JP', 'en-GB'), { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' }));

function show(cli: Cli, c: Cadence): void {
  const { out } = cli;
  out.say(`督促シナリオ「${c.name}」（${c.campaignName}）: ${c.stateText.ja}`, `Cadence "${c.name}" (${c.campaignName}): ${c.stateText.en}`);
  const m = c.members;
  out.say(
    `対象 ${m.total}人: 進行中 ${m.active}・約束で保留 ${m.paused}・離脱 ${m.left}・全ステップ終了 ${m.done}（未開始 ${c.notStarted}）`,
    `${m.total} people: ${m.active} active, ${m.paused} paused by a promise, ${m.left} left, ${m.done} done (${c.notStarted} not yet at a step)`,
  );
  out.lines(
    table(
      ['#', out.t('ステップ', 'step'), out.t('時期', 'when'), out.t('到達', 'reached'), out.t('送信待ち', 'queued'), out.t('送信', 'sent'), out.t('配達', 'delivered'), out.t('開封', 'opened'), out.t('認証', 'verified'), out.t('入金', 'paid'), out.t('対象外', 'skipped')],
      c.steps.map((s) => [
        String(s.number),
        s.name,
        out.t(s.atText.ja, s.atText.en) + (s.whenText.length ? ` (${s.whenText.map((w) => out.t(w.ja, w.en)).join(', ')})` : ''),
        String(s.counts.reached),
        String(s.counts.queued),
        String(s.counts.sent),
        String(s.counts.delivered),
        String(s.counts.opened),
        String(s.counts.verified),
        String(s.counts.paid),
        String(s.counts.skipped),
      ]),
    ),
  );
  const left = Object.entries(c.left).filter(([, n]) => n > 0);
  if (left.length > 0) {
    const words: Record<string, [string, string]> = {
      paid: ['入金', 'paid'],
      opted_out: ['配信停止', 'opted out'],
      disputed: ['異議', 'disputed'],
      not_me: ['宛先違い', 'not me'],
      wrong_number: ['宛先不明', 'wrong number'],
      operator: ['担当者が停止', 'by an operator'],
    };
    out.say(`離脱: ${left.map(([r, n]) => `${words[r]?.[0] ?? r} ${n}`).join('・')}`, `Left: ${left.map(([r, n]) => `${words[r]?.[1] ?? r} ${n}`).join(', ')}`);
  }
  out.data(c);
}

async function create(cli: Cli, campaign: string, file: string | undefined, opts: { builtin?: BuiltinCadenceId }): Promise<void> {
  if (!file && !opts.builtin) throw userError('NO_FILE', 'シナリオのファイルか --builtin を指定してください', 'give a cadence file or --builtin');
  const init = { params: campaignRef(campaign) };
  const c = answer(
    opts.builtin
      ? await cli.api.http.POST('/api/v1/campaigns/{campaign}/cadence', { ...init, body: BUILTIN_CADENCES[opts.builtin].definition })
      : await (() => {
          const { body, type } = readDefinition(file!);
          return cli.api.http.POST('/api/v1/campaigns/{campaign}/cadence', { ...init, body: body as never, bodySerializer: (b: unknown) => b as string, headers: { 'content-type': type } });
        })(),
  );
  cli.out.say(`督促シナリオ「${c.name}」を保存しました（${c.steps.length}ステップ、${c.stateText.ja}）`, `Saved cadence "${c.name}" (${c.steps.length} steps, ${c.stateText.en.toLowerCase()})`);
  if (c.state === 'draft') cli.out.note(`開始するには: todoku cadence start ${campaign}`, `To start it: todoku cadence start ${campaign}`);
  show(cli, c);
}

async function move(cli: Cli, campaign: string, action: 'start' | 'pause' | 'resume' | 'stop'): Promise<void> {
  const init = { params: campaignRef(campaign) };
  const http = cli.api.http;
  const c = answer(
    action === 'start'
      ? await http.POST('/api/v1/campaigns/{campaign}/cadence/start', init)
      : action === 'pause'
        ? await http.POST('/api/v1/campaigns/{campaign}/cadence/pause', init)
        : action === 'resume'
          ? await http.POST('/api/v1/campaigns/{campaign}/cadence/resume', init)
          : await http.POST('/api/v1/campaigns/{campaign}/cadence/stop', init),
  );
  const done: Record<typeof action, [string, string]> = { start: ['開始しました', 'Started'], pause: ['一時停止しました', 'Paused'], resume: ['再開しました', 'Resumed'], stop: ['停止しました', 'Stopped'] };
  cli.out.say(`督促シナリオ「${c.name}」を${done[action][0]}`, `${done[action][1]} cadence "${c.name}"`);
  show(cli, c);
}

async function status(cli: Cli, campaign: string): Promise<void> {
  show(cli, answer(await cli.api.http.GET('/api/v1/campaigns/{campaign}/cadence', { params: campaignRef(campaign) })));
}

async function dryRun(cli: Cli, campaign: string, opts: { sample: string; file?: string }): Promise<void> {
  const sample = Number(opts.sample);
  if (!Number.isInteger(sample) || sample < 1 || sample > 200) throw userError('BAD_SAMPLE', '--sample は 1〜200 で指定してください', '--sample must be 1 to 200');
  let definition: unknown;
  if (opts.file) {
    const { body, type } = readDefinition(opts.file);
    definition = type === 'application/json' ? (JSON.parse(body) as unknown) : parseYaml(body);
  }
  const d = answer(await cli.api.http.POST('/api/v1/campaigns/{campaign}/cadence/dry-run', { params: campaignRef(campaign), body: { sample, ...(definition ? { definition: definition as never } : {}) } }));
  const { out } = cli;
  out.say(`見本 ${d.people.length}人（全${d.total}人）の予定。開始 ${when(cli, d.startAt)}`, `Plan for ${d.people.length} of ${d.total} people; start ${when(cli, d.startAt)}`);
  out.lines(
    table(
      [out.t('行', 'line'), out.t('氏名', 'name'), out.t('期日', 'due'), ...d.steps.map((s) => `#${s.number}`), out.t('終了', 'exit')],
      d.people.map((p) => [
        String(p.line),
        p.name,
        p.dueDate ?? '',
        ...p.steps.map((s) =>
          s.outcome === 'planned' || s.outcome === 'sent'
            ? `${s.outcome === 'sent' ? out.t('送信済 ', 'sent ') : ''}${when(cli, s.at)}${s.conditional ? '*' : ''}`
            : s.reasonText
              ? `– ${out.t(s.reasonText.ja, s.reasonText.en)}`
              : '–',
        ),
        p.exit ? out.t(p.exit.reasonText.ja, p.exit.reasonText.en) : '',
      ]),
    ),
  );
  if (d.people.some((p) => p.steps.some((s) => s.conditional))) out.note('* 条件（未開封など）は送信時に判定します', '* conditions (not opened …) are read when the step is due');
  out.data(d);
}
