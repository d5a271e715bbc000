// Progress bars on stderr (cli-progress), drawn only when a person is watching: never with --json
// or when stderr is not a terminal, where a do-nothing bar stands in so callers need not check.
import cliProgress from 'cli-progress';
import type { Output } from './output.ts';

export interface Bar {
  update(value: number, payload?: Record<string, string | number>): void;
  setTotal(total: number): void;
  stop(): void;
}

const SILENT: Bar = { update() {}, setTotal() {}, stop() {} };

/** format: cli-progress tokens, e.g. '{bar} {percentage}% {value}/{total}', plus any payload keys. */
export function startBar(out: Output, format: string, total: number, payload: Record<string, string | number> = {}): Bar {
  if (!out.interactive) return SILENT;
  const bar = new cliProgress.SingleBar(
    { format, stream: out.errStream, hideCursor: true, barsize: 30, etaBuffer: 20, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(1, total), 0, payload);
  let stopped = false;
  return {
    update: (value, extra) => bar.update(value, extra),
    setTotal: (n) => bar.setTotal(Math.max(1, n)),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
