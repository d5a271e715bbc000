// `npm start`: read the environment, take the SQLite data directory's lock, start everything asked
// for, print where the console is, stop gracefully on SIGTERM / SIGINT. Failures people can fix (a
// variable, a port in use, a second server on the same data) are one line each, never a stack trace.
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startApp } from './app.ts';
import { exitGracefullyOnSignals } from './ops/shutdown.ts';
import { DataDirLocked, lockDataDir } from './app/data-lock.ts';

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

/** EADDRINUSE names the variable that chose the port. */
function portInUse(err: unknown, config: Config): string | null {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code !== 'EADDRINUSE') return null;
  const variable = e.port === config.simulator.port && e.port !== config.port ? 'TODOKU_SIMULATOR_PORT' : 'PORT';
  const port = e.port ?? (variable === 'PORT' ? config.port : config.simulator.port);
  return `ポート ${port} は既に使われています。${variable} で別のポートを指定してください（例: ${variable}=${port + 1} npm start）/ port ${port} is already in use: set ${variable} to another port (e.g. ${variable}=${port + 1} npm start)`;
}

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

// PostgreSQL is shared by design (web and worker processes); a SQLite file belongs to one server.
if (config.database.kind === 'sqlite') {
  try {
    lockDataDir(config.dataDir);
  } catch (err) {
    if (err instanceof DataDirLocked) fail(err.message);
    throw err;
  }
}

let app;
try {
  app = await startApp(config, undefined, { firstAdministrator: config.web, processMetrics: true });
} catch (err) {
  const line = portInUse(err, config);
  if (line) fail(line);
  throw err;
}

if (app.url) {
  console.log(
    [
      '',
      `  Todoku: ${app.url}`,
      `  コンソール / console: ${app.url}/console/`,
      `  API: ${app.url}/api/v1 (OpenAPI: ${app.url}/api/v1/openapi.json)`,
      ...(app.simulator ? [`  SMSC simulator: smpp://127.0.0.1:${app.simulator.port}`] : []),
      '  Try: npx todoku demo',
      '',
    ].join('\n'),
  );
}
if (app.firstAdministrator) {
  // The only time this password exists in clear: the database keeps its argon2id hash.
  console.log(
    [
      '  管理者アカウントを作成しました / An administrator account was created:',
      `    ログインID / login:               ${app.firstAdministrator.login}`,
      `    仮パスワード / one-time password: ${app.firstAdministrator.password}`,
      '  初回ログイン時に変更が必要です。この表示は一度だけです / change it at first login; it is shown only this once.\n',
    ].join('\n'),
  );
}

const running = app;
exitGracefullyOnSignals({ stop: () => running.stop(), log: running.log, timeoutMs: config.shutdownTimeoutMs });
