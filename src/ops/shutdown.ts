// Graceful shutdown. On SIGTERM or SIGINT the app stops in order (see app.ts: the web server stops
// accepting and finishes its requests, the dispatcher stops claiming, the route waits for the answers
// to in-flight PDUs and unbinds, outcomes are written, the database closes) and the process exits 0;
// if that takes longer than the bound, or a second signal comes, it exits 1 at once. What was in
// flight then is recovered by the next start (maintenance), so even that loses nothing.
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';

export interface ShutdownOptions {
  stop: () => Promise<void>;
  log: Logger;
  timeoutMs: number;
  exit?: (code: number) => void;
  signals?: readonly NodeJS.Signals[];
}

export function exitGracefullyOnSignals(options: ShutdownOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let received = 0;
  for (const signal of options.signals ?? (['SIGINT', 'SIGTERM'] as const)) {
    process.on(signal, () => {
      if (++received > 1) {
        options.log.warn({ signal }, 'second signal: exiting without waiting');
        exit(1);
        return;
      }
      options.log.info({ signal, timeoutMs: options.timeoutMs }, 'shutting down: draining in-flight messages');
      const timer = setTimeout(() => {
        options.log.error({ timeoutMs: options.timeoutMs }, 'shutdown took too long; exiting (the next start recovers what was in flight)');
        exit(1);
      }, options.timeoutMs);
      timer.unref();
      options.stop().then(
        () => {
          clearTimeout(timer);
          options.log.info('stopped');
          exit(0);
        },
        (err: unknown) => {
          clearTimeout(timer);
          options.log.error({ err }, 'shutdown failed');
          exit(1);
        },
      );
    });
  }
}

/**
 * Closes the web server: no new connections, requests in progress finish. Connections that stay open
 * (a live-tracking event stream) are cut after `graceMs`, so they cannot hold the shutdown forever.
 */
export async function closeWebServer(app: FastifyInstance, graceMs: number): Promise<void> {
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
  cut.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
  }
}
