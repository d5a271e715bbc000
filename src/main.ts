// `npm start`: read the environment, start everything asked for, stop gracefully on SIGTERM / SIGINT.
import { ConfigError, loadConfig } from './config.ts';
import { startApp } from './app.ts';

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

const app = await startApp(config);
if (app.url) {
  console.log(`\n  Todoku is running: ${app.url}\n  API: ${app.url}/api/v1 (OpenAPI: ${app.url}/api/v1/openapi.json)`);
  if (app.simulator) console.log(`  SMSC simulator: smpp://127.0.0.1:${app.simulator.port}`);
  console.log(`  Try: npx todoku demo\n`);
}

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1);
    app.log.info({ signal }, 'shutting down: draining in-flight messages');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
