// Builds a running Route from a routes-table record, by kind. A new kind of route is one more case here.
import type { Logger } from '../log.ts';
import type { Route } from './route.ts';
import type { RouteRecord } from '../store/routes.ts';
import { SmppRoute } from './smpp/client.ts';
import { smppRouteConfigSchema } from './smpp/config.ts';
import { TodokuError } from '../core/errors.ts';

export const ROUTE_KINDS = ['smpp', 'simulator'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

export interface FactoryDeps {
  log: Logger;
  /** Where the built-in SMSC simulator listens (for 'simulator' routes). */
  simulatorPort: () => number;
}

/** Checks a route's settings before they are saved, with the same schema the route will use. */
export function validateRouteConfig(kind: string, name: string, sender: string, config: Record<string, unknown>): void {
  if (kind === 'simulator') return;
  if (kind === 'smpp') {
    const parsed = smppRouteConfigSchema.safeParse({ ...config, name, sender });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new TodokuError('TODOKU_E_ROUTE_CONFIG', { ja: `ルート設定が正しくありません: ${issues.join('; ')}`, en: `invalid route settings: ${issues.join('; ')}` }, { issues });
    }
    return;
  }
  throw new TodokuError('TODOKU_E_ROUTE_CONFIG', { ja: `未対応のルート種別です: ${kind}`, en: `unknown route kind: ${kind}` });
}

export function createRoute(record: RouteRecord, deps: FactoryDeps): Route {
  switch (record.kind) {
    case 'smpp':
      return new SmppRoute({ ...record.config, name: record.name, sender: record.sender } as never, { log: deps.log });
    case 'simulator':
      return new SmppRoute(
        { window: 50, ...record.config, name: record.name, sender: record.sender, host: '127.0.0.1', port: deps.simulatorPort(), systemId: 'todoku', password: 'todoku' },
        { log: deps.log },
      );
    default:
      throw new Error(`unknown route kind ${record.kind}`);
  }
}
