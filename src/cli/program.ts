// The `todoku` command: global options and the list of commands, each defined in commands/.
import { Command, Option } from 'commander';
import { registerImport } from './commands/import.ts';
import { registerSend } from './commands/send.ts';
import { registerStatus } from './commands/status.ts';
import { registerExport } from './commands/export.ts';
import { registerControl } from './commands/control.ts';
import { registerSimulator } from './commands/simulator.ts';
import { registerApiKey } from './commands/apikey.ts';
import { registerDemo } from './commands/demo.ts';
import { registerAdmin } from './commands/admin.ts';
import { registerSuppress } from './commands/suppress.ts';
import { registerPayments } from './commands/payments.ts';
import { registerResend } from './commands/resend.ts';
import { registerCampaign } from './commands/campaign.ts';
import { registerEvidence } from './commands/evidence.ts';
import { registerApprove } from './commands/approve.ts';
import { registerCadence } from './commands/cadence.ts';
import { localiseError, localiseHelp } from './lang.ts';
import type { Lang } from './output.ts';

/** `lang`: what detectLang (lang.ts) chose from --lang and the locale; help and errors speak only it. */
export function buildProgram(lang: Lang = 'ja'): Command {
  const program = new Command('todoku')
    .description('Todoku（届く）: 督促・緊急通知SMSの取り込み・送信・状況確認・書き出し / import, send, track and export SMS campaigns')
    .version('0.1.0', '-V, --version', lang === 'ja' ? 'バージョンを表示' : 'output the version number')
    .option('--server <url>', 'サーバーのURL / server URL (default: $TODOKU_SERVER or http://127.0.0.1:$PORT|3000)')
    .option('--api-key <key>', 'APIキー / API key (default: $TODOKU_API_KEY or $TODOKU_DATA_DIR|./data/dev-api-key)')
    .option('--json', '機械向けのJSONだけを標準出力へ / machine-readable JSON only on stdout')
    .addOption(new Option('--lang <lang>', '表示言語（既定: 日本語、LANG が英語なら英語）/ language of messages (default: Japanese; English when LANG is English)').choices(['ja', 'en']).default(lang))
    .configureOutput({ outputError: (text, write) => write(localiseError(text, lang)) })
    .showHelpAfterError(lang === 'ja' ? '（使い方: --help）' : '(add --help for usage)');

  registerImport(program);
  registerSend(program);
  registerStatus(program);
  registerExport(program);
  registerControl(program);
  registerSimulator(program);
  registerApiKey(program);
  registerDemo(program);
  registerAdmin(program);
  registerSuppress(program);
  registerPayments(program);
  registerResend(program);
  registerCampaign(program);
  registerEvidence(program);
  registerApprove(program);
  registerCadence(program);
  localiseHelp(program, lang);
  program.helpCommand('help [command]', lang === 'ja' ? 'コマンドのヘルプを表示' : 'display help for command');
  return program;
}
