// The built-in stand-ins for carriers, started when TODOKU_SIMULATOR is on: the SMSC simulator (real
// SMPP on its own port) and a fake Twilio-shaped HTTP provider (served by our web server under /sim/twilio).
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { SmscSimulator } from '../routes/simulator/simulator.ts';
import { HttpProviderSimulator, randomSimulatorAccount } from '../routes/simulator/http-provider.ts';

export interface Simulators {
  smsc: SmscSimulator;
  http: HttpProviderSimulator;
  /** The fake provider's credentials (random per process, so nobody else can make it post callbacks). */
  httpAccount: { accountSid: string; authToken: string };
  stop(): Promise<void>;
}

export async function startSimulators(config: Config, log: Logger): Promise<Simulators | null> {
  if (!config.simulator.enabled) return null;
  const smsc = new SmscSimulator({
    port: config.simulator.port,
    host: '127.0.0.1',
    receiptDelayMs: config.simulator.receiptDelayMs,
    deliverWindow: 100,
    ...config.simulator.settings,
  });
  await smsc.start();
  log.info({ port: smsc.port }, 'SMSC simulator listening');
  const httpAccount = randomSimulatorAccount();
  const http = new HttpProviderSimulator({ accounts: { [httpAccount.accountSid]: httpAccount.authToken }, log });
  return {
    smsc,
    http,
    httpAccount,
    async stop() {
      await http.stop();
      await smsc.stop();
    },
  };
}
