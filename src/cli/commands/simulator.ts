// `todoku simulator received [--limit N]`: what the built-in SMSC simulator received (the phone's
// view of a campaign sent offline), newest last. `todoku simulator settings [--refuse-rate 0.1 …]`:
// its knobs, shown or changed while it runs; `todoku simulator disconnect`: a staged carrier outage.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { positiveInt } from '../arguments.ts';
import { parseShares, type SimulatorSettings, type SimulatorSettingsPatch } from '../../routes/simulator/settings.ts';
import { localTime, table } from '../output.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import { answer } from '../api.ts';
import type { Schema } from '../../api-client/client.ts';

type ReceivedPage = Schema<'ReceivedPage'>;

export function registerSimulator(program: Command): void {
  const simulator = program.command('simulator').description('組み込みSMSCシミュレータ / the built-in SMSC simulator');
  simulator
    .command('received')
    .description('シミュレータが受け取ったSMS（新しい順にN件まで）/ SMS the simulator received (the last N)')
    .option('--limit <n>', '表示する件数 / how many, newest last', positiveInt, 100)
    .action(withCli((cli: Cli, opts: { limit: number }) => runReceived(cli, opts.limit)));

  const settings = simulator
    .command('settings')
    .description('シミュレータの設定を表示・変更（指定した項目だけ変わります）/ show or change the knobs (only those given change)');
  for (const knob of KNOBS) {
    const option = new Option(knob.flag, `${knob.ja} / ${knob.en}`).argParser(knob.parse);
    settings.addOption(knob.choices ? option.choices(knob.choices) : option);
  }
  settings.action(withCli((cli: Cli, opts: Record<string, unknown>) => runSettings(cli, opts)));

  simulator
    .command('disconnect')
    .description('接続中のクライアントをすべて切断（回線障害の再現）/ drop every client connection, as a carrier outage would')
    .action(withCli((cli: Cli) => runDisconnect(cli)));
}

interface Knob {
  flag: string;
  key: keyof SimulatorSettingsPatch;
  ja: string;
  en: string;
  parse(value: string): unknown;
  choices?: string[];
  show(s: SimulatorSettings): string;
}

function number(min: number, max: number, integer: boolean): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
      throw new InvalidArgumentError(`${min}〜${max}の${integer ? '整数' : '数値'}を指定してください / expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    return n;
  };
}

function shares(value: string): Record<string, number> {
  try {
    return parseShares(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

const ms = number(0, 86_400_000, true);
const rate = number(0, 1, false);
const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
const list = (r: Record<string, number | undefined>) => Object.entries(r).map(([k, v]) => `${k}=${v}`).join(', ');

const KNOBS: Knob[] = [
  { flag: '--latency-ms <ms>', key: 'submitLatencyMs', ja: '応答遅延', en: 'submit answer latency', parse: ms, show: (s) => `${s.submitLatencyMs} ms` },
  { flag: '--latency-jitter-ms <ms>', key: 'submitLatencyJitterMs', ja: '応答遅延のゆらぎ', en: 'extra random latency', parse: ms, show: (s) => `0〜${s.submitLatencyJitterMs} ms` },
  { flag: '--refuse-rate <0..1>', key: 'refuseRate', ja: '送信拒否の割合', en: 'share of submits refused', parse: rate, show: (s) => percent(s.refuseRate) },
  { flag: '--refuse-status <NAME[=w],…>', key: 'refuseStatuses', ja: '拒否ステータス', en: 'refusal statuses (weighted)', parse: shares, show: (s) => list(s.refuseStatuses) },
  { flag: '--throttle-above <n>', key: 'throttleAbove', ja: 'スロットリング（毎秒、0=なし）', en: 'throttle above n/s (0 = never)', parse: number(0, 1_000_000, true), show: (s) => (s.throttleAbove ? `${s.throttleAbove}/s` : '—') },
  { flag: '--receipt-delay-ms <ms>', key: 'receiptDelayMs', ja: '配信通知までの時間', en: 'receipt delay', parse: ms, show: (s) => `${s.receiptDelayMs} ms` },
  { flag: '--receipt-jitter-ms <ms>', key: 'receiptDelayJitterMs', ja: '配信通知のゆらぎ', en: 'extra random receipt delay', parse: ms, show: (s) => `0〜${s.receiptDelayJitterMs} ms` },
  { flag: '--outcomes <STAT=share,…>', key: 'outcomes', ja: '配信結果の内訳', en: 'receipt outcome mix', parse: shares, show: (s) => list(s.outcomes) },
  { flag: '--receipts-as <pdu>', key: 'receiptsAs', ja: '配信通知のPDU', en: 'receipt PDU', parse: (v) => v, choices: ['deliver_sm', 'data_sm'], show: (s) => s.receiptsAs },
  { flag: '--receipt-before-response <on|off>', key: 'receiptBeforeResponse', ja: '応答より先に配信通知', en: 'receipt before the submit answer', parse: onOff, show: (s) => (s.receiptBeforeResponse ? 'on' : 'off') },
  { flag: '--disconnect-rate <0..1>', key: 'disconnectRate', ja: '応答前に切断する割合', en: 'share of submits dropped before the answer', parse: rate, show: (s) => percent(s.disconnectRate) },
  { flag: '--mo-rate <0..1>', key: 'moRate', ja: '返信する割合', en: 'share of delivered messages replied to', parse: rate, show: (s) => percent(s.moRate) },
  { flag: '--mo-delay-ms <ms>', key: 'moDelayMs', ja: '返信までの時間', en: 'reply delay', parse: ms, show: (s) => `${s.moDelayMs} ms` },
];

function onOff(value: string): boolean {
  if (['on', 'true', '1', 'yes'].includes(value)) return true;
  if (['off', 'false', '0', 'no'].includes(value)) return false;
  throw new InvalidArgumentError('on か off を指定してください / expected on or off');
}

async function runSettings(cli: Cli, opts: Record<string, unknown>): Promise<void> {
  const patch = Object.fromEntries(KNOBS.flatMap((k) => (opts[optionName(k.flag)] === undefined ? [] : [[k.key, opts[optionName(k.flag)]]])));
  const settings =
    Object.keys(patch).length === 0
      ? answer(await cli.api.http.GET('/api/v1/simulator/settings'))
      : answer(await cli.api.http.PUT('/api/v1/simulator/settings', { body: patch as SimulatorSettingsPatch }));
  if (Object.keys(patch).length > 0) cli.out.say(`${Object.keys(patch).length}項目を変更しました`, `changed ${Object.keys(patch).length} setting(s)`);
  const rows = KNOBS.map((k) => [cli.out.t(k.ja, k.en), k.flag.split(' ')[0] ?? '', k.show(settings)]);
  cli.out.lines(table([cli.out.t('設定', 'setting'), cli.out.t('オプション', 'option'), cli.out.t('値', 'value')], rows));
  const scripted = Object.keys(settings.moScript).length;
  if (scripted > 0) cli.out.say(`番号別の返信シナリオ: ${scripted}件（APIで設定）`, `scripted replies for ${scripted} number(s) (set through the API)`);
  cli.out.data(settings);
}

/** Commander's attribute name for a flag: --refuse-rate → refuseRate. */
function optionName(flag: string): string {
  return (flag.split(' ')[0] ?? '').replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

async function runDisconnect(cli: Cli): Promise<void> {
  const { dropped } = answer(await cli.api.http.POST('/api/v1/simulator/disconnect'));
  cli.out.say(`${dropped}件の接続を切断しました（クライアントは再接続します）`, `dropped ${dropped} connection(s); clients will bind again`);
  cli.out.data({ dropped });
}

/** The last `limit` messages the simulator received, oldest of them first. */
export async function lastReceived(cli: Cli, limit: number): Promise<ReceivedPage> {
  const first = answer(await cli.api.http.GET('/api/v1/simulator/received', { params: { query: { limit: 1 } } }));
  const offset = Math.max(0, first.total - limit);
  return answer(await cli.api.http.GET('/api/v1/simulator/received', { params: { query: { offset, limit: Math.min(limit, 10000) } } }));
}

export function printReceived(cli: Cli, page: ReceivedPage): void {
  const { out } = cli;
  if (page.received.length === 0) {
    out.say('シミュレータはまだSMSを受け取っていません', 'The simulator has not received any SMS yet');
    return;
  }
  const rows = page.received.map((m) => [localTime(m.receivedAt), m.to, (m.text ?? '—').replace(/\r?\n/g, ' ⏎ ')]);
  out.lines(table([out.t('受信日時', 'received at'), out.t('宛先', 'to'), out.t('本文', 'text')], rows));
  out.say(`（全${page.total}件中 ${page.received.length}件を表示）`, `(${page.received.length} of ${page.total})`);
}

async function runReceived(cli: Cli, limit: number): Promise<void> {
  const page = await lastReceived(cli, limit);
  printReceived(cli, page);
  cli.out.data(page);
}
