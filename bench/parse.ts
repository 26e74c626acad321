/**
 * Parsing speed over the whole corpus: lines per second and CPU time per
 * pass, cold (first pass, includes building the parser) and warm (median of
 * later passes). Run: node --import ./scripts/register-ts.mjs bench/parse.ts [corpus-dir] [passes]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpuUsage } from 'node:process';
import { SourceFile } from '@rddl/core';
import { parseRddl } from '@rddl/syntax';

const root = resolve(process.argv[2] ?? '../shared/corpus');
const passes = Number(process.argv[3] ?? 7);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name.endsWith('.rddl') ? [full] : [];
  });
}

const files = walk(root).map((path) => new SourceFile(path, readFileSync(path, 'utf8')));
const lines = files.reduce((n, f) => n + f.lineCount, 0);
const bytes = files.reduce((n, f) => n + f.text.length, 0);

function pass(): { wall: number; cpu: number; errors: number } {
  const c0 = cpuUsage();
  const t0 = performance.now();
  let errors = 0;
  for (const f of files) errors += parseRddl(f).diagnostics.filter((d) => d.severity === 'error').length;
  const wall = (performance.now() - t0) / 1000;
  const c = cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6, errors };
}

const cold = pass();
const warm = Array.from({ length: passes }, pass).sort((a, b) => a.cpu - b.cpu);
const median = warm[Math.floor(warm.length / 2)]!;
console.log(`corpus: ${files.length} files, ${lines} lines, ${(bytes / 1024).toFixed(0)} KiB (${root})`);
console.log(`cold pass: ${cold.wall.toFixed(3)} s wall, ${cold.cpu.toFixed(3)} s CPU, ${Math.round(lines / cold.wall)} lines/s`);
console.log(`warm pass (median of ${passes}): ${median.wall.toFixed(3)} s wall, ${median.cpu.toFixed(3)} s CPU, ${Math.round(lines / median.wall)} lines/s`);
console.log(`errors: ${median.errors}`);
console.log(median.cpu < 1 ? 'goal met: warm parse of the whole corpus under 1 s of CPU' : 'goal NOT met: warm parse takes 1 s of CPU or more');
