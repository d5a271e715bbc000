// A small, bounded, wrk-style HTTP load generator: N keep-alive connections (node:http Agent), each
// sending its next request as soon as the last answer is read, for a fixed time after a warm-up.
// Runs in its own process so that it does not share the server's event loop.
// Usage: node --import tsx bench/load-generator.ts <targets.json> <connections> <seconds> [warmup seconds]
//   targets.json: {"origin": "http://127.0.0.1:PORT", "requests": [{"path": "/l/…", "cookie": "…"}]}
// Prints one JSON line: requests, per second, latency percentiles (ms), errors, bytes.
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';

interface Target {
  path: string;
  cookie?: string;
}

const [file, connArg = '32', secondsArg = '10', warmupArg = '2'] = process.argv.slice(2);
const { origin, requests } = JSON.parse(readFileSync(file!, 'utf8')) as { origin: string; requests: Target[] };
const connections = Number(connArg);
const seconds = Number(secondsArg);
const warmup = Number(warmupArg);
const url = new URL(origin);
const agent = new Agent({ keepAlive: true, maxSockets: connections });

// Latencies in 10 µs buckets up to 5 s, then one overflow bucket: bounded memory however long it runs.
const BUCKET_US = 10;
const buckets = new Uint32Array(500_000 + 1);
let measuring = false;
let stopping = false;
let done = 0;
let errors = 0;
let bytes = 0;
let maxMs = 0;
let next = 0;

function once(t: Target): Promise<{ status: number; size: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, hostname: url.hostname, port: url.port, path: t.path, method: 'GET', headers: t.cookie ? { cookie: t.cookie } : {} },
      (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => (size += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, size }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function worker(): Promise<void> {
  while (!stopping) {
    const target = requests[next++ % requests.length]!;
    const t0 = performance.now();
    try {
      const r = await once(target);
      const ms = performance.now() - t0;
      if (!measuring) continue;
      if (r.status !== 200) errors++;
      done++;
      bytes += r.size;
      if (ms > maxMs) maxMs = ms;
      buckets[Math.min(buckets.length - 1, Math.floor((ms * 1000) / BUCKET_US))]! += 1;
    } catch {
      if (measuring) errors++;
    }
  }
}

function percentile(p: number): number {
  const wanted = Math.ceil(done * p);
  let seen = 0;
  for (let i = 0; i < buckets.length; i++) {
    seen += buckets[i]!;
    if (seen >= wanted) return ((i + 1) * BUCKET_US) / 1000;
  }
  return maxMs;
}

const workers = Array.from({ length: connections }, () => worker());
await new Promise((r) => setTimeout(r, warmup * 1000));
measuring = true;
const t0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
measuring = false;
const elapsed = (performance.now() - t0) / 1000;
stopping = true;
await Promise.all(workers);
agent.destroy();
console.log(
  JSON.stringify({
    connections,
    seconds: elapsed,
    requests: done,
    perSecond: done / elapsed,
    p50Ms: percentile(0.5),
    p90Ms: percentile(0.9),
    p99Ms: percentile(0.99),
    maxMs,
    errors,
    meanBytes: done ? bytes / done : 0,
  }),
);
