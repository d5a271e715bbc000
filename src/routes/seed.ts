// The first route, from the environment, when the routes table is empty: the carrier named by
// TODOKU_SMPP_URL, else the built-in simulator. After that, administrators manage routes in the API.
import type { Config } from '../config.ts';
import type { Store } from '../store/index.ts';

export async function seedFirstRoute(store: Store, config: Config): Promise<void> {
  if ((await store.routes.list()).length > 0) return;
  const smpp = config.smpp;
  try {
    await store.routes.create(
      smpp
        ? {
            name: 'smpp',
            kind: 'smpp',
            profile: 'default',
            priority: 100,
            enabled: true,
            sender: config.sender,
            ratePerSecond: null,
            config: { host: smpp.host, port: smpp.port, systemId: smpp.systemId, password: smpp.password, window: smpp.window },
          }
        : {
            name: 'simulator',
            kind: 'simulator',
            profile: 'default',
            priority: 100,
            enabled: true,
            sender: config.sender,
            ratePerSecond: null,
            config: { window: config.smppWindow },
          },
    );
  } catch {
    // Another process seeded it at the same moment (unique name).
  }
}
