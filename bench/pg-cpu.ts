// The PostgreSQL server's CPU on this machine, from /proc: every live postgres process's user + system
// time plus what the postmaster has collected of the backends that exited (cutime + cstime). A bench
// takes it before and after its run; the difference includes whatever else used the server meanwhile.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

function stat(pid: string): { comm: string; ppid: number; own: number; children: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    const f = text.slice(text.lastIndexOf(') ') + 2).split(' ');
    return { comm, ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** Total CPU ms of the PostgreSQL server so far, or null where /proc shows none. */
export function pgServerCpuMs(): number | null {
  let total = 0;
  let found = false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const s = stat(pid);
    if (!s || s.comm !== 'postgres') continue;
    found = true;
    total += s.own;
    // The postmaster (its parent is not postgres) holds the time of the backends it reaped.
    if (stat(String(s.ppid))?.comm !== 'postgres') total += s.children;
  }
  return found ? total : null;
}
