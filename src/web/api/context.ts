// What the API handlers are given: the store and the few collaborators they call.
import type { Store } from '../../store/index.ts';
import type { Composer } from '../../campaign/compose.ts';
import type { RouteLimits } from '../../core/segments.ts';
import type { Vault } from '../../security/vault.ts';
import type { ReceivedSms } from '../../routes/simulator/simulator.ts';
import type { LintSettings } from '../../campaign/lint.ts';
import type { WebhookService } from '../../webhooks/service.ts';
import type { SimulatorSettings, SimulatorSettingsPatch } from '../../routes/simulator/settings.ts';

/** What the API shows of a message the simulator received. */
export type ReceivedSmsView = ReceivedSms;

export interface SimulatorView {
  received(): readonly ReceivedSmsView[];
  clear(): void;
  /** The knobs (src/routes/simulator/settings.ts), read and changed at runtime. */
  settings(): SimulatorSettings;
  configure(patch: SimulatorSettingsPatch): SimulatorSettings;
  /** Drops every client connection; answers how many. */
  dropConnections(): number;
}

export interface ApiContext {
  store: Store;
  vault: Vault;
  composer: Composer;
  limits: RouteLimits;
  lint: LintSettings;
  /** The contact policy a new campaign gets unless it names one. */
  defaultPolicyPack?: string;
  /** Tells local dispatchers there is new work (others find it on their next look). */
  poke(): void;
  /** The clock the use cases read (the composition root passes the one clock). */
  now: () => number;
  /** Subscribing, changing, rotating and retrying outbound webhooks. */
  webhookService: WebhookService;
  simulator: SimulatorView | null;
  /** Counts imported rows for /metrics (src/ops/metrics.ts). */
  metrics?: { imported(accepted: number, rejected: number): void };
}
