// The routes this worker runs, as the routes table says: each enabled route gets its connection and its
// dispatcher; a change in the table (an administrator's edit) is picked up within seconds. Within a
// sender profile, a route stands by while a route of higher priority (lower number) is healthy.
import type { Logger } from '../log.ts';
import type { Route, RouteEvents } from '../routes/route.ts';
import type { RouteRecord } from '../core/route-record.ts';
import type { DispatchPort, RouteTablePort } from './ports.ts';
import type { Vault } from '../core/vault.ts';
import type { Composer } from '../campaign/compose.ts';
import { Dispatcher, type DispatcherDeps } from './dispatcher.ts';
import { RouteHealth } from './health.ts';
import { toError } from '../core/errors.ts';
import type { PolicyOverrides } from '../core/policy/overrides.ts';

export type RouteFactory = (record: RouteRecord) => Route;

interface Running {
  record: RouteRecord;
  route: Route;
  dispatcher: Dispatcher;
  health: RouteHealth;
}

export interface RouteSetDeps {
  store: DispatchPort & RouteTablePort;
  vault: Vault;
  composer: Composer;
  workerId: string;
  log: Logger;
  create: RouteFactory;
  events: (routeName: string) => RouteEvents;
  reloadMs?: number;
  /** The clock handed to every dispatcher and route health (epoch ms). */
  now: () => number;
  policyOverrides?: PolicyOverrides;
  /** Submit counts and latencies for /metrics (src/ops/metrics.ts). */
  metrics?: DispatcherDeps['metrics'];
}

export class RouteSet {
  private readonly running = new Map<string, Running>();
  private version = '';
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RouteSetDeps) {}

  async start(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => {
      this.syncing = this.syncing.then(() => this.sync()).catch((err) => this.deps.log.error({ err: toError(err) }, 'route reload failed'));
    }, this.deps.reloadMs ?? 3000);
  }

  routes(): Route[] {
    return [...this.running.values()].map((r) => r.route);
  }

  /** Ready when at least one route is bound (or there is no route to run). */
  ready(): boolean {
    return this.running.size === 0 || [...this.running.values()].some((r) => r.route.ready());
  }

  /** Whether this process runs the route and has it bound; null when it doesn't run it. */
  bound(name: string): boolean | null {
    const r = this.running.get(name);
    return r ? r.route.ready() : null;
  }

  poke(): void {
    for (const r of this.running.values()) r.dispatcher.poke();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.syncing;
    await Promise.all([...this.running.keys()].map((name) => this.stopOne(name)));
  }

  private async sync(): Promise<void> {
    const version = await this.deps.store.routes.version();
    if (version === this.version) return;
    this.version = version;
    const wanted = new Map((await this.deps.store.routes.list()).filter((r) => r.enabled).map((r) => [r.name, r]));
    for (const [name, r] of this.running) {
      const w = wanted.get(name);
      if (!w || w.updatedAt !== r.record.updatedAt) await this.stopOne(name);
    }
    for (const [name, record] of wanted) {
      if (!this.running.has(name)) await this.startOne(record);
    }
  }

  private async startOne(record: RouteRecord): Promise<void> {
    const { store, vault, composer, workerId, log } = this.deps;
    let route: Route;
    try {
      route = this.deps.create(record);
    } catch (err) {
      log.error({ err: toError(err), route: record.name }, 'route settings are not valid; route not started');
      return;
    }
    const health = new RouteHealth(this.deps.now);
    const dispatcher = new Dispatcher({
      store,
      vault,
      composer,
      route,
      profile: record.profile,
      ratePerSecond: record.ratePerSecond,
      health,
      standBy: () => this.preferredIsHealthy(record),
      hasAlternative: () => this.alternativeExists(record),
      workerId,
      sender: record.sender,
      log,
      now: this.deps.now,
      ...(this.deps.policyOverrides ? { policyOverrides: this.deps.policyOverrides } : {}),
      ...(this.deps.metrics ? { metrics: this.deps.metrics } : {}),
    });
    this.running.set(record.name, { record, route, dispatcher, health });
    // Binding may take a while (a carrier that is down): the dispatcher waits for ready() meanwhile.
    route.start(this.deps.events(record.name)).catch((err) => log.error({ err: toError(err), route: record.name }, 'route failed to start'));
    dispatcher.start();
    log.info({ route: record.name, kind: record.kind, profile: record.profile }, 'route started');
  }

  private async stopOne(name: string): Promise<void> {
    const r = this.running.get(name);
    if (!r) return;
    this.running.delete(name);
    // Together: the route's close wakes submits waiting out a throttle (they answer CLOSING at once), so
    // the dispatcher records every outcome instead of leaving them to recovery.
    await Promise.all([r.dispatcher.stop(), r.route.close()]);
    this.deps.log.info({ route: name }, 'route stopped');
  }

  private alternativeExists(record: RouteRecord): boolean {
    for (const other of this.running.values()) {
      if (other.record.profile === record.profile && other.record.name !== record.name && other.route.ready() && other.health.healthy()) return true;
    }
    return false;
  }

  private preferredIsHealthy(record: RouteRecord): boolean {
    for (const other of this.running.values()) {
      const o = other.record;
      // Routes of equal priority share the traffic; a preferred one that is down or refusing does not hold this one back.
      if (o.profile === record.profile && o.priority < record.priority && other.route.ready() && other.health.healthy()) return true;
    }
    return false;
  }
}
