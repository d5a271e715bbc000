// Loaded with NODE_OPTIONS=--import (where --cpu-prof is not allowed) into a child process a bench starts:
// profiles the whole process and writes a .cpuprofile into BENCH_CPU_PROFILE_DIR when it exits.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // A session in the same thread answers synchronously, so this completes inside the exit handler.
  process.on('exit', () => {
    session.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(join(dir, `worker-${process.pid}.cpuprofile`), JSON.stringify(res.profile));
    });
  });
}
