// `npm start`: read the environment, start everything asked for, stop gracefully on SIGTERM / SIGINT.
import { ConfigError, loadConfig } from './config.ts';
import { startApp } from './app.ts';
import { exitGracefullyOnSignals } from './ops/shutdown.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const app = await startApp(config, undefined, { firstAdministrator: config.web, processMetrics: true });
if (app.url) {
  console.log(`\n  Todoku is running: ${app.url}\n  API: ${app.url}/api/v1 (OpenAPI: ${app.url}/api/v1/openapi.json)`);
  if (app.simulator) console.log(`  SMSC simulator: smpp://127.0.0.1:${app.simulator.port}`);
  console.log(`  Try: npx todoku demo\n`);
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

exitGracefullyOnSignals({ stop: () => app.stop(), log: app.log, timeoutMs: config.shutdownTimeoutMs });
