// One server per SQLite data directory: a second `npm start` on the same directory would share the
// database file with the first and both would dispatch the same queue. A lock file in the directory
// holds the running server's pid; it is removed when that process exits. A lock left by a process that
// no longer exists (a crash, a SIGKILL) is taken over, so a machine that lost power starts again.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'todoku.lock';

export class DataDirLocked extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `データディレクトリ ${dir} は別のTodoku（pid ${pid}）が使用中のため起動しません。先に起動したサーバーを止めるか、TODOKU_DATA_DIR で別のディレクトリを指定してください / ` +
        `the data directory ${dir} is in use by another Todoku (pid ${pid}): stop that server first, or set TODOKU_DATA_DIR to another directory`,
    );
    this.name = 'DataDirLocked';
  }
}

export interface DataLock {
  file: string;
  release(): void;
}

/** Whether a process with this pid exists (a process of another user counts: EPERM). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the directory's lock for `pid`, or throws DataDirLocked naming the live process that holds it. */
export function lockDataDir(dir: string, pid: number = process.pid): DataLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx': created only if absent, so two starts at the same instant cannot both win.
      writeFileSync(file, `${pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(err, dir, file);
      const other = holder(file);
      if (other !== null && other !== pid && alive(other)) throw new DataDirLocked(dir, other);
      // Stale (its process is gone) or unreadable: take it over, then create it afresh.
      unlinkSync(file);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Only our own lock: never one a later server took over.
    if (holder(file) === pid) unlinkSync(file);
  };
  process.once('exit', release);
  return { file, release };
}

function lockError(err: unknown, dir: string, file: string): Error {
  if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
    const other = holder(file);
    return other !== null ? new DataDirLocked(dir, other) : (err as Error);
  }
  return err as Error;
}
