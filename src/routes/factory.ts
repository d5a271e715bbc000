// Builds a running Route from a routes-table record, by kind. A new kind of route is one more case here.
import type { Logger } from '../log.ts';
import type { Route } from './route.ts';
import type { RouteRecord } from '../core/route-record.ts';
import { SmppRoute } from './smpp/client.ts';
import { smppRouteConfigSchema } from './smpp/config.ts';
import { HttpProviderRoute } from './http-provider/client.ts';
import { httpProviderConfigSchema } from './http-provider/config.ts';
import type { ProviderRouteRegistry } from './http-provider/registry.ts';
import { TodokuError } from '../core/errors.ts';

export { ROUTE_KINDS, type RouteKind } from '../core/route-record.ts';

export interface RouteEnvironment {
  log: Logger;
  /** Where the built-in SMSC simulator listens. */
  simulatorPort: () => number;
  /** Running HTTP-provider routes, so the callback endpoints find them. */
  providerRoutes: ProviderRouteRegistry;
  /** The built-in fake HTTP provider, when this process runs it and its web server listens. */
  httpSimulator: () => { baseUrl: string; publicBaseUrl: string; accountSid: string; authToken: string } | null;
}

function configError(issues: string[]): TodokuError {
  return new TodokuError('TODOKU_E_ROUTE_CONFIG', { ja: `ルート設定が正しくありません: ${issues.join('; ')}`, en: `invalid route settings: ${issues.join('; ')}` }, { issues });
}

/** Checks a route's settings before they are saved, with the same schema the route will use. */
export function validateRouteConfig(kind: string, name: string, sender: string, config: Record<string, unknown>): void {
  const schema = kind === 'smpp' ? smppRouteConfigSchema : kind === 'http' ? httpProviderConfigSchema : null;
  if (kind === 'simulator' || kind === 'http-simulator') return;
  if (!schema) throw new TodokuError('TODOKU_E_ROUTE_CONFIG', { ja: `未対応のルート種別です: ${kind}`, en: `unknown route kind: ${kind}` });
  const parsed = schema.safeParse({ ...config, name, sender });
  if (!parsed.success) throw configError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
}

export function createRoute(record: RouteRecord, env: RouteEnvironment): Route {
  const named = { ...record.config, name: record.name, sender: record.sender };
  switch (record.kind) {
    case 'smpp':
      return new SmppRoute(named as never, { log: env.log });
    case 'simulator':
      // Each simulator route binds with its own system_id: an SMSC returns receipts to the account that
      // submitted, so two routes on one account would receive each other's receipts.
      return new SmppRoute(
        { window: 50, ...named, host: '127.0.0.1', port: env.simulatorPort(), systemId: record.name.slice(0, 15), password: 'todoku' },
        { log: env.log },
      );
    case 'http':
      return new HttpProviderRoute(named as never, { log: env.log, callbacks: env.providerRoutes });
    case 'http-simulator': {
      const sim = env.httpSimulator();
      if (!sim) throw new Error('the built-in HTTP provider simulator is not running in this process');
      return new HttpProviderRoute({ ...named, ...sim, requireTimestamp: true }, { log: env.log, callbacks: env.providerRoutes });
    }
    default:
      throw new Error(`unknown route kind ${record.kind}`);
  }
}
