// What the API handlers are given: the store and the few collaborators they call.
import type { Store } from '../../store/index.ts';
import type { Composer } from '../../campaign/compose.ts';
import type { RouteLimits } from '../../core/segments.ts';
import type { Vault } from '../../security/vault.ts';

export interface ReceivedSmsView {
  smscId: string;
  systemId: string;
  from: string;
  to: string;
  text: string;
  dataCoding: number;
  parts: number;
  receivedAt: Date;
}

export interface SimulatorView {
  received(): readonly ReceivedSmsView[];
  clear(): void;
}

export interface ApiContext {
  store: Store;
  vault: Vault;
  composer: Composer;
  limits: RouteLimits;
  /** Tells local dispatchers there is new work (others find it on their next look). */
  poke(): void;
  simulator: SimulatorView | null;
}
