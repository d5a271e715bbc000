// Runs `npm start`'s entry point as a real child process (so a test can SIGKILL it), and talks to it;
// the carrier such processes send to is the SMSC simulator over real SMPP, in the test process itself,
// so it outlives every kill and counts what each number received.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SmscSimulator } from '../../src/routes/simulator/simulator.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  apiKey: string;
  output(): string;
  /** The same shape as TestApp's `api`, so the factories (factories.ts) work on either. */
  api<T = any>(method: string, path: string, body?: unknown, init?: { contentType?: string }): Promise<{ status: number; body: T }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `src/main.ts`; with `web: false` (a worker process) it only waits for the process to be running. */
export async function startServerProcess(env: Record<string, string>, dataDir: string, opts: { web?: boolean } = {}): Promise<ServerProcess> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    // Tests run at any hour: quiet hours are tested on their own (test/dispatch/policy.test.ts).
    env: { ...process.env, TODOKU_LOG_LEVEL: 'warn', TODOKU_DEFAULT_POLICY: 'none', ...env, PORT: String(port), TODOKU_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (opts.web === false) break;
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer /health within 30 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const apiKey = opts.web === false ? '' : readFileSync(join(dataDir, 'dev-api-key'), 'utf8').trim();
  return {
    child,
    url,
    apiKey,
    output: () => out,
    async api<T>(method: string, path: string, body?: unknown, init: { contentType?: string } = {}) {
      const contentType = init.contentType ?? 'application/json';
      const r = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
        ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) }),
      });
      const text = await r.text();
      return { status: r.status, body: (text && r.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      // Already gone (exited, or killed by a signal: then exitCode stays null and signalCode is set).
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await exited;
    },
  };
}

/** The carrier for server processes: started here, stopped by the test's `after`. */
export async function startCarrier(): Promise<SmscSimulator> {
  const simulator = new SmscSimulator({ port: 0, receiptDelayMs: 50, deliverWindow: 100 });
  await simulator.start();
  return simulator;
}

/** The environment that sends a server process's SMS to the carrier (its own simulator off), with a secret key of its own. */
export function carrierEnv(simulator: SmscSimulator, secretKeyByte: number): Record<string, string> {
  return {
    TODOKU_SIMULATOR: 'off',
    TODOKU_SMPP_URL: `smpp://todoku:todoku@127.0.0.1:${simulator.port}`,
    TODOKU_SMPP_WINDOW: '50',
    TODOKU_SECRET_KEY: Buffer.alloc(32, secretKeyByte).toString('base64'),
  };
}

/** How many messages each number received at the carrier: the exactly-once checks read it. */
export function receivedPerNumber(simulator: SmscSimulator): Map<string, number> {
  const perNumber = new Map<string, number>();
  for (const m of simulator.received()) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
  return perNumber;
}

export { until as waitFor } from './wait.ts';
