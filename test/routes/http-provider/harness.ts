// Test harness for the HTTP provider route over real HTTP on 127.0.0.1: one Fastify server that serves
// both the fake provider (/sim/twilio) and our callback endpoints (/hooks/providers/…), a route pointed
// at it, and events that record what the route hands to the dispatcher.
import type { TestContext } from 'node:test';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { errorHandler } from '../../../src/web/api/problem.ts';
import { providerCallbackRoutes } from '../../../src/web/api/provider-callbacks.ts';
import { ProviderRouteRegistry } from '../../../src/routes/http-provider/registry.ts';
import { HttpProviderRoute } from '../../../src/routes/http-provider/client.ts';
import type { HttpProviderOptions } from '../../../src/routes/http-provider/config.ts';
import { sign } from '../../../src/routes/http-provider/signature.ts';
import { HttpProviderSimulator, httpProviderSimulatorRoutes, type HttpProviderSimOptions } from '../../../src/routes/simulator/http-provider.ts';
import type { InboundSms, Receipt } from '../../../src/core/carrier.ts';
import type { RouteEvents } from '../../../src/routes/route.ts';

export const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
export const TOKEN = 'test-auth-token-0123456789';
export const SENDER = '+815012340000';

export class RecordingEvents implements RouteEvents {
  readonly receipts: Receipt[] = [];
  readonly inbounds: InboundSms[] = [];

  async receipt(r: Receipt): Promise<void> {
    this.receipts.push(r);
  }

  async inbound(m: InboundSms): Promise<void> {
    this.inbounds.push(m);
  }

  final(smscId: string): Receipt | undefined {
    return this.receipts.find((r) => r.smscId === smscId && r.status !== 'accepted');
  }
}

export interface ProviderWorld {
  url: string;
  simulator: HttpProviderSimulator;
  registry: ProviderRouteRegistry;
  /** A started route named `twilio` (unless named otherwise), sending to the simulator. */
  route(options?: Partial<HttpProviderOptions>, events?: RecordingEvents): Promise<{ route: HttpProviderRoute; events: RecordingEvents }>;
  /** Posts a form to one of our callback endpoints, signed with `token` unless `signature` is given or null. */
  callback(path: string, params: [string, string][], init?: { token?: string; signature?: string | null; timestamp?: string }): Promise<{ status: number; body: any; type: string }>;
}

export async function providerWorld(t: TestContext, sim: Partial<HttpProviderSimOptions> = {}): Promise<ProviderWorld> {
  const registry = new ProviderRouteRegistry();
  const simulator = new HttpProviderSimulator({ accounts: { [ACCOUNT]: TOKEN }, callbackDelayMs: 5, ...sim });
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(providerCallbackRoutes(registry));
  await app.register(httpProviderSimulatorRoutes(simulator), { prefix: '/sim/twilio' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const routes: HttpProviderRoute[] = [];
  t.after(async () => {
    await Promise.all(routes.map((r) => r.close()));
    await simulator.stop();
    await app.close();
  });
  return {
    url,
    simulator,
    registry,
    async route(options = {}, events = new RecordingEvents()) {
      const route = new HttpProviderRoute(
        { name: 'twilio', baseUrl: `${url}/sim/twilio`, accountSid: ACCOUNT, authToken: TOKEN, sender: SENDER, publicBaseUrl: url, ...options },
        { callbacks: registry },
      );
      routes.push(route);
      await route.start(events);
      return { route, events };
    },
    async callback(path, params, init = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      const signature = init.signature === undefined ? sign(init.token ?? TOKEN, url + path, params, init.timestamp) : init.signature;
      if (signature !== null) headers['x-twilio-signature'] = signature;
      if (init.timestamp !== undefined) headers['x-todoku-timestamp'] = init.timestamp;
      const r = await fetch(url + path, { method: 'POST', headers, body: new URLSearchParams(params) });
      const type = r.headers.get('content-type') ?? '';
      const text = await r.text();
      return { status: r.status, type, body: type.includes('json') ? JSON.parse(text) : text };
    },
  };
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sms = (ref: string, to = '+819012345678', text = '山田様 未納のお知らせです') => ({ ref, to, from: 'TODOKU', text });

/** A status callback's fields as Twilio posts them. */
export function statusFields(sid: string, status: string, extra: [string, string][] = [], to = '+819012345678'): [string, string][] {
  return [
    ['MessageSid', sid],
    ['SmsSid', sid],
    ['AccountSid', ACCOUNT],
    ['From', SENDER],
    ['To', to],
    ['MessageStatus', status],
    ['SmsStatus', status],
    ['ApiVersion', '2010-04-01'],
    ...extra,
  ];
}
