// `todoku admin create --email LOGIN [--name NAME] [--password-stdin]` and `todoku admin reset-password
// --email LOGIN`: administrators made on the server's own machine. Unlike the other commands these talk
// to the DATABASE directly (same environment as `npm start`: DATABASE_URL, TODOKU_DATA_DIR,
// TODOKU_SECRET_KEY), because before the first administrator exists nobody can call the API. A
// generated one-time password is printed once and must be changed at first login.
import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../../config.ts';
import type { Accounts } from '../../accounts/accounts.ts';
import { normaliseLogin } from '../../accounts/credentials.ts';
import { TodokuError } from '../../core/errors.ts';
import { CliError } from '../errors.ts';
import { createOutput, type GlobalOptions } from '../context.ts';
import type { Output } from '../output.ts';

interface CreateOptions {
  email: string;
  name?: string;
  passwordStdin?: boolean;
}

export function registerAdmin(program: Command): void {
  const admin = program
    .command('admin')
    .description('管理者アカウント（サーバーのデータベースを直接操作）/ administrator accounts (works on the database directly)');
  admin
    .command('create')
    .description('管理者を作成する（仮パスワードを一度だけ表示）/ create an administrator (prints a one-time password once)')
    .requiredOption('--email <login>', 'ログインID（メールアドレスまたは名前）/ login: email address or name')
    .option('--name <name>', '表示名 / display name')
    .option('--password-stdin', 'パスワードを標準入力から読む（仮パスワードを作らない）/ read the password from stdin instead of generating one')
    .action(withDatabase((ctx, opts: CreateOptions) => create(ctx, opts)));
  admin
    .command('reset-password')
    .description('仮パスワードを発行し直す（ログインのロックも解除）/ issue a new one-time password (also lifts a login lock)')
    .requiredOption('--email <login>', 'ログインID / login')
    .action(withDatabase((ctx, opts: { email: string }) => reset(ctx, opts.email)));
}

interface DbContext {
  accounts: Accounts;
  out: Output;
  where: string;
  actor: string;
}

/** Opens the server's database (migrating it, as a start would), runs the action, closes it; errors become exit 1. */
function withDatabase<O>(fn: (ctx: DbContext, opts: O) => Promise<void>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const opts = command.optsWithGlobals<GlobalOptions & O>();
    const out = createOutput(opts);
    let close: (() => Promise<void>) | null = null;
    try {
      const config = loadConfig();
      // Loaded here, not with the command list: the database drivers, the store and argon2 take half a
      // second to load, which every other `todoku` command would pay at start.
      const [{ migrate, openDb }, { createStore }, { createVault, loadMasterKey }, { createAccounts }] = await Promise.all([
        import('../../store/db.ts'),
        import('../../store/index.ts'),
        import('../../security/vault.ts'),
        import('../../accounts/accounts.ts'),
      ]);
      const fresh = config.database.kind === 'sqlite' && !existsSync(config.database.file);
      const db = await openDb(config.database);
      close = () => db.close();
      await migrate(db);
      const vault = createVault(loadMasterKey(config.secretKey, config.dataDir));
      const store = createStore(db, vault);
      const where = describe(config) + (fresh ? out.t('（新規作成）', ' (created now)') : '');
      await fn({ accounts: createAccounts(store, vault), out, where, actor: `cli:${userInfo().username}` }, opts);
      process.exitCode ??= 0;
    } catch (err) {
      const error = toCliError(err);
      out.error(error);
      process.exitCode = error.exitCode;
    } finally {
      await close?.();
    }
  };
}

function describe(config: Config): string {
  return config.database.kind === 'sqlite' ? config.database.file : `PostgreSQL (schema ${config.database.schema})`;
}

function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  if (err instanceof TodokuError) return new CliError({ code: err.code, ja: err.ja, en: err.message });
  if (err instanceof ConfigError) return new CliError({ code: 'TODOKU_CLI_CONFIG', ja: '設定エラー', en: 'configuration error', lines: err.problems });
  const e = err instanceof Error ? err : new Error(String(err));
  return new CliError({ code: 'TODOKU_CLI_DATABASE', ja: `データベースを操作できませんでした: ${e.message}`, en: `could not work on the database: ${e.message}` });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The first line, as `echo secret | todoku …` or a password manager would give it.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function create({ accounts, out, where, actor }: DbContext, opts: CreateOptions): Promise<void> {
  const password = opts.passwordStdin ? await readStdin() : undefined;
  const { user, oneTimePassword } = await accounts.create(actor, {
    login: opts.email,
    role: 'admin',
    ...(opts.name ? { displayName: opts.name } : {}),
    ...(password !== undefined ? { password } : {}),
  });
  out.say(`管理者「${user.display_name}」（ログインID ${user.login}）を作成しました`, `Created administrator "${user.display_name}" (login ${user.login})`);
  out.say(`  データベース: ${where}`, `  database: ${where}`);
  if (oneTimePassword) printOneTimePassword(out, oneTimePassword);
  out.data({ user: { id: user.id, login: user.login, displayName: user.display_name, role: user.role }, oneTimePassword });
}

async function reset({ accounts, out, where, actor }: DbContext, email: string): Promise<void> {
  const login = normaliseLogin(email);
  const user = (await accounts.list()).find((u) => u.login === login);
  if (!user) throw new CliError({ code: 'TODOKU_E_NOT_FOUND', ja: `ログインID「${login}」のユーザーはいません（${where}）`, en: `no user with the login "${login}" (${where})` });
  const { oneTimePassword } = await accounts.resetPassword(actor, user.id);
  out.say(`「${user.login}」の仮パスワードを発行しました。ほかのセッションは終了しました`, `Issued a one-time password for "${user.login}"; their sessions ended`);
  printOneTimePassword(out, oneTimePassword);
  out.data({ user: { id: user.id, login: user.login }, oneTimePassword });
}

function printOneTimePassword(out: Output, password: string): void {
  out.lines(['', `  ${password}`, '']);
  out.say(
    '※ 仮パスワードは今だけ表示されます。初回ログイン時に変更が必要です（サーバーはハッシュしか保存しません）',
    'Note: the one-time password is shown only now and must be changed at first login (the server keeps only its hash)',
  );
}
