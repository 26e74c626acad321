import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

export interface Progress {
  update(done: number, info?: string): void;
  stop(): void;
}

/** Seconds between progress lines when stderr is not a terminal. */
const LOG_INTERVAL_SECONDS = 30;

/**
 * A progress bar on stderr when it is a terminal. Otherwise (logs, CI, pipes)
 * a plain line at most every 30 s, so short commands print nothing extra and
 * long ones still show they are alive and how long is left.
 */
export function startProgress(io: CliIo, label: string, total: number): Progress {
  if (!io.interactive) return logProgress(io, label, total);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} | {info} | eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { info: '' });
  return {
    update: (done, info = '') => bar.update(done, { info }),
    stop: () => bar.stop(),
  };
}

function logProgress(io: CliIo, label: string, total: number): Progress {
  const start = performance.now();
  let last = start;
  return {
    update(done, info = '') {
      const now = performance.now();
      if (now - last < LOG_INTERVAL_SECONDS * 1000 || done <= 0) return;
      last = now;
      const elapsed = (now - start) / 1000;
      const left = done < total ? ` · about ${formatSeconds((elapsed / done) * (total - done))} left` : '';
      io.stderr(`${label} ${done}/${total}${info ? ` · ${info}` : ''} · ${formatSeconds(elapsed)} elapsed${left}\n`);
    },
    stop() {},
  };
}

function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
