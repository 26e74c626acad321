import test from 'ava';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResults } from '@rddl/bench';
import { repoRoot } from '../support/corpus.js';

const cli = ['--import', './scripts/register-ts.mjs', 'packages/cli/src/main.ts'];

function bench(out: string): ReturnType<typeof spawn> {
  return spawn(process.execPath, [...cli, 'bench', '--config', 'test/fixtures/bench/tiny.json', '--out', out, '--workers', '1'], { cwd: repoRoot, stdio: 'ignore' });
}

function finishedLines(path: string): number {
  return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').length : 0;
}

test('a benchmark killed halfway resumes without repeating or losing finished runs', async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'rddl-bench-'));
  t.teardown(() => rmSync(out, { recursive: true, force: true }));
  const results = join(out, 'results.jsonl');

  // First attempt: kill it (SIGKILL, no clean-up) once two runs have finished.
  const first = bench(out);
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (finishedLines(results) >= 2) {
        clearInterval(timer);
        first.kill('SIGKILL');
      }
    }, 20);
    first.on('exit', () => {
      clearInterval(timer);
      resolve();
    });
    first.on('error', reject);
  });
  const before = parseResults(readFileSync(results, 'utf8'));
  t.true(before.length >= 2, 'two runs finished before the kill');
  t.true(before.length < 8, 'the kill came before the end');

  // Second attempt: finishes the rest.
  const code = await new Promise<number | null>((resolve) => bench(out).on('exit', resolve));
  t.is(code, 0);
  const after = parseResults(readFileSync(results, 'utf8'));
  t.is(after.length, 8, 'every run of 4 planners × 2 seeds is recorded');
  t.is(new Set(after.map((r) => r.id)).size, 8, 'no run is recorded twice');
  for (const r of before) {
    const same = after.find((a) => a.id === r.id)!;
    t.is(same.finishedAt, r.finishedAt, `run ${r.id} was not repeated`);
    t.deepEqual(same.returns, r.returns);
  }
  t.true(after.every((r) => r.status === 'ok'));
  t.true(existsSync(join(out, 'report.html')));
  t.true(readFileSync(join(out, 'summary.md'), 'utf8').includes('| tiny | myopic |'));
});
