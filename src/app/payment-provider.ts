// Which payment provider takes the recipients' money, chosen once from the config: Stripe Checkout, the
// built-in simulator (whose checkout pages this process then serves), or none (no pay button).
import type { Config } from '../config.ts';
import type { Vault } from '../security/vault.ts';
import type { PaymentProvider } from '../payments/provider.ts';
import { stripeProvider } from '../payments/stripe/adapter.ts';
import { simulatorProvider, simulatorSecrets, type SimulatorSecrets } from '../payments/simulator/provider.ts';

export interface ChosenPaymentProvider {
  provider: PaymentProvider | null;
  /** Set while the simulator is the provider: the web server serves its checkout pages with these. */
  simulator: SimulatorSecrets | null;
}

export function choosePaymentProvider(p: Config['payments'], vault: Vault, now: () => number): ChosenPaymentProvider {
  if (p.provider === 'stripe') {
    return { provider: stripeProvider({ secretKey: p.secretKey, webhookSecret: p.webhookSecret, apiBase: p.apiBase ?? undefined }), simulator: null };
  }
  if (p.provider === 'simulator') {
    const simulator = simulatorSecrets(vault);
    return { provider: simulatorProvider(simulator, now), simulator };
  }
  return { provider: null, simulator: null };
}
