import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { RunRecord, RunSpec } from '@rddl/bench';

/** The module hooks that let a worker thread load the TypeScript sources. */
const hooks = fileURLToPath(new URL('../../../../scripts/register-ts.mjs', import.meta.url));
const workerFile = fileURLToPath(new URL('./bench-worker.ts', import.meta.url));

export interface PoolOptions {
  readonly workers: number;
  readonly timeLimitSeconds: number;
  readonly cwd: string;
  readonly onFinished: (record: RunRecord) => void;
}

/**
 * Runs benchmark runs in parallel worker threads (one run per thread at a
 * time). A run that exceeds its time limit is stopped (its thread is
 * terminated) and recorded as a timeout; a thread that crashes is recorded as
 * an error; the others go on.
 */
export async function runAll(specs: readonly RunSpec[], options: PoolOptions): Promise<void> {
  const pool = new Piscina({
    filename: workerFile,
    execArgv: ['--import', hooks],
    minThreads: Math.max(1, Math.min(options.workers, specs.length)),
    maxThreads: Math.max(1, Math.min(options.workers, availableParallelism() * 4)),
    idleTimeout: 1000,
  });
  try {
    await Promise.all(
      specs.map(async (spec) => {
        const controller = new AbortController();
        const started = performance.now();
        const timer = setTimeout(() => controller.abort(), options.timeLimitSeconds * 1000);
        try {
          const record = (await pool.run({ spec, cwd: options.cwd }, { signal: controller.signal })) as RunRecord;
          options.onFinished(record);
        } catch (err) {
          const timedOut = controller.signal.aborted;
          options.onFinished({
            id: spec.id,
            instance: spec.instance.label,
            planner: spec.planner.label,
            plannerKind: spec.planner.planner,
            seed: spec.seed,
            episodes: spec.episodes,
            status: timedOut ? 'timeout' : 'error',
            error: timedOut ? `exceeded the time limit of ${options.timeLimitSeconds} s` : `the run crashed: ${(err as Error).message}`,
            wallSeconds: (performance.now() - started) / 1000,
            finishedAt: new Date().toISOString(),
          });
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}
