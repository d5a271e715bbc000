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

export function buildProgram(): Command {
  const program = new Command('todoku')
    .description('Todoku（届く）: 督促・緊急通知SMSの取り込み・送信・状況確認・書き出し / import, send, track and export SMS campaigns')
    .version('0.1.0')
    .option('--server <url>', 'サーバーのURL / server URL (default: $TODOKU_SERVER or http://127.0.0.1:$PORT|3000)')
    .option('--api-key <key>', 'APIキー / API key (default: $TODOKU_API_KEY or $TODOKU_DATA_DIR|./data/dev-api-key)')
    .option('--json', '機械向けのJSONだけを標準出力へ / machine-readable JSON only on stdout')
    .addOption(new Option('--lang <lang>', '表示言語 / language of messages').choices(['ja', 'en']).default('ja'))
    .showHelpAfterError();

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
  return program;
}
