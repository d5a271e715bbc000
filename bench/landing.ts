// Landing page benchmark: one process as `npm start` runs it (SQLite, web server, dispatcher, SMSC
// simulator), a campaign of N recipients sent, every link verified once (birth date), then verified
// page views (the 10,830-character notice merged for each recipient, the open recorded) under a
// wrk-style keep-alive load from a separate process on 127.0.0.1. Prints views/s and latency.
// Usage: node --import tsx bench/landing.ts [recipients] [connections, comma-separated] [seconds]
// Prints one JSON line with a result per connection count.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { startApp } from '../src/app.ts';
import { peakRssMb } from './machine.ts';

const count = Number(process.argv[2] ?? 200);
const connectionCounts = (process.argv[3] ?? '8,32').split(',');
const seconds = process.argv[4] ?? '10';
const dir = mkdtempSync(join(tmpdir(), 'todoku-bench-landing-'));
const app = await startApp(
  loadConfig({ PORT: '0', TODOKU_DATA_DIR: dir, TODOKU_SIMULATOR_PORT: '0', TODOKU_SIMULATOR_RECEIPT_DELAY_MS: '10', TODOKU_LOG_LEVEL: 'warn', TODOKU_DEFAULT_POLICY: 'none' }),
);
try {
  const api = async <T>(method: string, path: string, body?: unknown, type = 'application/json'): Promise<T> => {
    const r = await fetch(`${app.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${app.devApiKey}`, ...(body === undefined ? {} : { 'content-type': type }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<T>;
  };

  let notice = '# 授業料未納のお知らせ\n\n{{name}} 様\n\n| 項目 | 内容 |\n|---|---|\n| 未納額 | {{amount|yen}} |\n| 期限 | {{due_date|date}} |\n\n';
  for (let n = 1; [...notice].length < 10_830; n++) {
    notice += `### 第${n}条\n\n本学は、学則の定めに基づき、所定の期日までに授業料が納付されない場合、督促の手続きを行うことがあります。納付が困難な場合は学生課へご相談ください。\n\n`;
  }
  await api('PUT', '/organisation', { name: '東都大学 学生課', contact: { phone: '03-1234-5678', hours: '平日 9:00〜17:00' }, officialSenders: ['0120-000-111'] });
  const { id } = await api<{ id: number }>('POST', '/campaigns', { name: 'bench-landing', template: '{{name}}様 お知らせ {{url}}', policyPack: 'none' });
  const csv = ['name,phone,amount,due_date,birth_date', ...Array.from({ length: count }, (_, i) => `利用者${i},0902${String(i).padStart(7, '0')},${1000 + i},2026/12/01,1990/01/${String((i % 28) + 1).padStart(2, '0')}`)].join('\n');
  await api('POST', `/campaigns/${id}/recipients`, csv, 'text/csv');
  await api('PUT', `/campaigns/${id}/landing`, { verification: { method: 'birth_date' }, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), notice });
  await api('POST', `/campaigns/${id}/send`, {});
  let messages: { text: string | null; state: string }[] = [];
  for (;;) {
    messages = (await api<{ messages: typeof messages }>('GET', `/campaigns/${id}/messages?limit=1000`)).messages;
    if (messages.length === count && messages.every((m) => m.text && m.state !== 'queued' && m.state !== 'submitting')) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  // Verify every link once, as each recipient would, and keep the session cookies.
  const requests: { path: string; cookie: string }[] = [];
  for (const m of messages) {
    const path = new URL(/https?:\/\/\S+\/l\/[0-9A-Za-z]{11}/u.exec(m.text!)![0]).pathname;
    const i = Number(/^利用者(\d+)様/u.exec(m.text!)![1]);
    const form = await fetch(`${app.url}${path}`);
    const nonce = /tdk_c=([^;]+)/u.exec(form.headers.getSetCookie().join('\n'))![1]!;
    const csrf = /name="_csrf" value="([^"]+)"/u.exec(await form.text())![1]!;
    const verified = await fetch(`${app.url}${path}/verify`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `tdk_c=${nonce}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, answer: `1990-01-${String((i % 28) + 1).padStart(2, '0')}` }).toString(),
    });
    const session = /tdk_s=([^;]+)/u.exec(verified.headers.getSetCookie().join('\n'))?.[1];
    if (verified.status !== 303 || !session) throw new Error(`verification failed for ${path}: ${verified.status}`);
    requests.push({ path, cookie: `tdk_c=${nonce}; tdk_s=${session}` });
  }
  const check = await fetch(`${app.url}${requests[0]!.path}`, { headers: { cookie: requests[0]!.cookie } });
  const page = await check.text();
  if (!page.includes('利用者') || !page.includes('第1条')) throw new Error('the verified page did not show the notice');

  const targets = join(dir, 'targets.json');
  writeFileSync(targets, JSON.stringify({ origin: app.url, requests }));
  const runs: Record<string, number>[] = [];
  for (const connections of connectionCounts) {
    const cpu0 = process.cpuUsage();
    // Asynchronously: the server answering the load lives in this process's event loop.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/load-generator.ts', targets, connections, seconds, '2'], { encoding: 'utf8' });
    const load = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, number>;
    const cpu = process.cpuUsage(cpu0);
    // This process's CPU time per view (the warm-up's views included): a figure a shared machine does not blur.
    const viewsServed = load.requests! * (1 + 2 / Number(seconds));
    // User time apart: the kernel's share (mostly sending the bytes over loopback) is the same for any server.
    runs.push({ ...load, serverCpuMsPerView: (cpu.user + cpu.system) / 1000 / Math.max(1, viewsServed), serverUserCpuMsPerView: cpu.user / 1000 / Math.max(1, viewsServed) });
  }
  const opens = await app.store.db.kysely
    .selectFrom('landing_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'open')
    .executeTakeFirstOrThrow();
  console.log(JSON.stringify({ recipients: count, pageBytes: Buffer.byteLength(page), noticeCharacters: [...notice].length, opensRecorded: Number(opens.n), runs, peakRssMb: peakRssMb() }));
} finally {
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
}
