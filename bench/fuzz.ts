/**
 * Fuzzing at scale: N mutated corpus files (default 100,000) through the
 * parser and printer, checking the same invariants as test/syntax/fuzz.test.ts.
 * Prints cases per second, the slowest case and the peak heap; exits 1 if
 * any case fails. Run:
 *
 *   node --import ./scripts/register-ts.mjs bench/fuzz.ts [cases] [seed]
 *
 * A failing case is replayed alone with `fuzzCases(corpus, seed, 1, index)`.
 */
import { getHeapStatistics } from 'node:v8';
import { readCorpus } from '../test/support/corpus.js';
import { fuzzCases } from '../test/support/fuzz-cases.js';
import { checkParseInvariants } from '../test/support/parse-invariants.js';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 1);
if (!Number.isInteger(count) || count <= 0 || !Number.isInteger(seed)) {
  console.error('usage: bench/fuzz.ts [cases] [seed]');
  process.exit(2);
}

const corpus = readCorpus();
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
let failures = 0;
let printed = 0;
let peakHeap = 0;
let slowest = { ms: 0, label: '' };
const start = performance.now();
for (const c of fuzzCases(corpus, seed, count)) {
  const t0 = performance.now();
  let problems: string[];
  try {
    const report = checkParseInvariants(c.source);
    problems = report.problems;
    if (report.printed) printed++;
  } catch (err) {
    problems = [`threw ${(err as Error).stack ?? String(err)}`];
  }
  const ms = performance.now() - t0;
  const label = `case ${c.index} (${c.kind} of ${c.base}, ${c.source.text.length} chars)`;
  if (ms > slowest.ms) slowest = { ms, label };
  if (problems.length > 0) {
    failures++;
    if (failures <= 10) console.log(`FAIL ${label}: ${problems[0]!.slice(0, 1000)}`);
  }
  if (c.index % 64 === 0) peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  if (c.index > 0 && c.index % 10_000 === 0) console.log(`  ${c.index} cases...`);
}
const seconds = (performance.now() - start) / 1000;
peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
console.log(`${count} cases (seed ${seed}) in ${seconds.toFixed(1)} s: ${Math.round(count / seconds)} cases/s`);
console.log(`${printed} parsed without errors and were printed and re-parsed; ${failures} failed`);
console.log(`slowest: ${slowest.ms.toFixed(1)} ms, ${slowest.label}`);
console.log(`peak heap (sampled): ${mib(peakHeap)}`);
process.exitCode = failures > 0 ? 1 : 0;
