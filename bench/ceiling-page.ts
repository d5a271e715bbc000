// The landing page's ceiling: a static Fastify page of the same size (the same bytes every time, no
// database, no session, no template), served by this process and loaded by the same generator
// (bench/load-generator.ts, another process) with the same connections. Verified landing-page views/s
// are measured as a ratio to this figure.
// Usage: node --import tsx bench/ceiling-page.ts [page bytes] [connections, comma-separated] [seconds]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { peakRssMb } from './machine.ts';

const bytes = Number(process.argv[2] ?? 32_000);
const connectionCounts = (process.argv[3] ?? '32').split(',');
const seconds = process.argv[4] ?? '10';
// Japanese text like the notice's (3 bytes a character in UTF-8), padded to the exact size.
const text = Buffer.from(`<!doctype html><html lang="ja"><meta charset="utf-8"><title>お知らせ</title><main>${'本学は学則に基づき督促の手続きを行います。'.repeat(Math.ceil(bytes / 60))}`);
let cut = Math.min(text.length, bytes - '</main>'.length);
while (cut > 0 && (text[cut]! & 0xc0) === 0x80) cut -= 1; // never inside a character
const html = `${text.subarray(0, cut).toString()}${' '.repeat(bytes - '</main>'.length - cut)}</main>`;
const app = Fastify({ logger: false });
app.get('/l/:code', async (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const dir = mkdtempSync(join(tmpdir(), 'todoku-bench-page-'));
try {
  const targets = join(dir, 'targets.json');
  writeFileSync(targets, JSON.stringify({ origin, requests: Array.from({ length: 200 }, (_, i) => ({ path: `/l/${String(i).padStart(11, '0')}` })) }));
  const runs: Record<string, number>[] = [];
  for (const connections of connectionCounts) {
    const cpu0 = process.cpuUsage();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts', targets, connections, seconds, '2'], { encoding: 'utf8' });
    const load = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
    const cpu = process.cpuUsage(cpu0);
    runs.push({ ...load, serverCpuMsPerView: (cpu.user + cpu.system) / 1000 / Math.max(1, load.requests! * (1 + 2 / Number(seconds))) });
  }
  console.log(JSON.stringify({ pageBytes: Buffer.byteLength(html), runs, peakRssMb: peakRssMb() }));
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
