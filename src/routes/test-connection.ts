// "Test the connection" for an administrator: bind with the route's settings, report, unbind.
import type { Route } from './route.ts';
import { toError } from '../core/errors.ts';

export async function testRoute(route: Route, timeoutMs = 5000): Promise<string | null> {
  // Receipts and replies that arrive during the test are refused by not storing them: the route acks only
  // after the handler resolves, so use handlers that throw to leave them with the carrier.
  const refusing = {
    receipt: () => Promise.reject(new Error('connection test: not stored')),
    inbound: () => Promise.reject(new Error('connection test: not stored')),
  };
  try {
    const started = route.start(refusing);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const result = await Promise.race([started.then(() => 'bound' as const), timeout]);
    if (result === 'timeout') return `${timeoutMs / 1000}秒以内に接続できませんでした / could not bind within ${timeoutMs / 1000} s`;
    return route.ready() ? null : '接続後に準備ができていません / bound but not ready';
  } catch (err) {
    return toError(err).message;
  } finally {
    await route.close().catch(() => undefined);
  }
}
