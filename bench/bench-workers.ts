/**
 * Parallel speed-up of `rddl bench`: the same multi-run benchmark with 1 and
 * with 2 worker threads, timed end to end (wall clock), and the ratio.
 * Run: node --import ./scripts/register-ts.mjs bench/bench-workers.ts [config]
 * (default test/fixtures/bench/workers.json: 8 runs of the same size, about
 * 7 s each, so the ratio measures the pool rather than an unbalanced last run).
 * The machine should be otherwise idle: the ratio is meaningless under load.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const config = process.argv[2] ?? 'test/fixtures/bench/workers.json';

function timeBench(workers: number): number {
  const out = mkdtempSync(join(tmpdir(), `rddl-bench-w${workers}-`));
  try {
    const start = performance.now();
    const r = spawnSync(process.execPath, ['--import', './scripts/register-ts.mjs', 'packages/cli/src/main.ts', 'bench', '--config', config, '--out', out, '--workers', String(workers)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`bench with ${workers} workers exited ${r.status}`);
    return (performance.now() - start) / 1000;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

console.log(`config ${config}; load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const one = timeBench(1);
const two = timeBench(2);
console.log(`1 worker:  ${one.toFixed(1)} s`);
console.log(`2 workers: ${two.toFixed(1)} s`);
console.log(`speed-up:  ${(one / two).toFixed(2)}x (goal >= 1.7x)`);
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
