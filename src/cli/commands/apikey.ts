// `todoku apikey create NAME | list | revoke ID`: API keys for scripts and integrations. A new key
// is shown once, when it is created; the server keeps only its hash.
import { Option, type Command } from 'commander';
import { localTime, table } from '../output.ts';
import { positiveInt } from '../arguments.ts';
import { withCli } from '../run.ts';
import type { Cli } from '../context.ts';
import { answer } from '../api.ts';
import type { Schema } from '../../api-client/client.ts';

type Role = Schema<'ApiKey'>['role'];
const ROLES: readonly Role[] = ['viewer', 'operator', 'approver', 'admin'];

export function registerApiKey(program: Command): void {
  const apikey = program.command('apikey').description('APIキーの作成・一覧・失効 / create, list and revoke API keys');
  apikey
    .command('create')
    .description('APIキーを作成する（キーはこの一度だけ表示）/ create a key (shown only once)')
    .argument('<name>', '用途がわかる名前 / a name saying what it is for')
    .addOption(new Option('--role <role>', '権限（閲覧者・オペレーター・承認者・管理者）/ what the key may do').choices(ROLES).default('operator'))
    .action(withCli(create));
  apikey.command('list').description('APIキーの一覧 / list keys').action(withCli(list));
  apikey
    .command('revoke')
    .description('APIキーを失効させる / revoke a key')
    .argument('<id>', 'キーのID（apikey list で確認）/ key id (see apikey list)', positiveInt)
    .action(withCli(revoke));
}

async function create(cli: Cli, name: string, opts: { role: Role }): Promise<void> {
  const created = answer(await cli.api.http.POST('/api/v1/api-keys', { body: { name, role: opts.role } }));
  const { out } = cli;
  out.say(`APIキー「${created.name}」（ID ${created.id}、権限 ${created.role}）を作成しました:`, `Created API key "${created.name}" (id ${created.id}, role ${created.role}):`);
  out.lines(['', `  ${created.key}`, '']);
  out.say(
    '※ このキーは今だけ表示されます。安全な場所に保存してください（サーバーはハッシュしか保存しません）',
    'Note: the key is shown only now. Store it somewhere safe (the server keeps only its hash)',
  );
  out.data(created);
}

async function list(cli: Cli): Promise<void> {
  const { keys } = answer(await cli.api.http.GET('/api/v1/api-keys'));
  const { out } = cli;
  const rows = keys.map((k) => [String(k.id), k.name, `${k.prefix}…`, k.role, localTime(k.createdAt), localTime(k.lastUsedAt), k.revokedAt ? out.t(`失効 ${localTime(k.revokedAt)}`, `revoked ${localTime(k.revokedAt)}`) : out.t('有効', 'active')]);
  out.lines(table(['ID', out.t('名前', 'name'), out.t('先頭', 'prefix'), out.t('権限', 'role'), out.t('作成', 'created'), out.t('最終利用', 'last used'), out.t('状態', 'state')], rows));
  out.data({ keys });
}

async function revoke(cli: Cli, id: number): Promise<void> {
  await cli.api.http.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } });
  cli.out.say(`APIキー ${id} を失効させました。このキーはもう使えません`, `Revoked API key ${id}; it can no longer be used`);
  cli.out.data({ id, revoked: true });
}
