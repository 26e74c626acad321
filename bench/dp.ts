/**
 * Solve time of the DP planner (@rddl/planner-dp): the goal-based wealth
 * benchmarks (REFERENCE.md 1-2; goal: the single-goal Das grid in under a
 * second) and the exact-mode corpus instances.
 *
 *   node --import ./scripts/register-ts.mjs bench/dp.ts [case ...] [--repeat N]
 *
 * Cases: gbwm-das gbwm gbwm-1000 mgwm-das mgwm exact-navigation
 * exact-skillteaching exact-hanoi exact-gameoflife exact-sysadmin (default:
 * all); a prefix selects several (`exact`). Each case runs in its own child
 * process: the first solve there is "cold" (it includes compiling the
 * model's step and the JIT warming up), then the median of N more ("warm").
 * Times are CPU seconds of the process (process.cpuUsage) and wall seconds;
 * on a busy machine the wall time also counts waiting for a CPU.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CompiledModel } from '@rddl/compiler';
import { solveDp, type DpOptions } from '@rddl/planner-dp';
import { compileFiles } from './handwritten/load.js';

const CORPUS = '../shared/corpus/rddlrepository';

interface Case {
  readonly id: string;
  readonly label: string;
  readonly files: readonly string[];
  readonly options: Partial<DpOptions>;
}

const corpus = (path: string): string[] => [`${CORPUS}/${path.replace(/[^/]+$/, 'domain.rddl')}`, `${CORPUS}/${path}`];

const cases: Case[] = [
  { id: 'gbwm-das', label: 'gbwm, Das grid (200 points)', files: ['domains/gbwm.rddl', 'instances/gbwm_1.rddl'], options: { grid: 'das' } },
  { id: 'gbwm', label: 'gbwm, default grid (401 aligned points)', files: ['domains/gbwm.rddl', 'instances/gbwm_1.rddl'], options: {} },
  { id: 'gbwm-1000', label: 'gbwm, 1000 aligned points', files: ['domains/gbwm.rddl', 'instances/gbwm_1.rddl'], options: { points: 1000, workLimit: 1e9 } },
  { id: 'mgwm-das', label: 'mgwm_1, Das grid', files: ['domains/mgwm.rddl', 'instances/mgwm_1.rddl'], options: { grid: 'das' } },
  { id: 'mgwm', label: 'mgwm_1, default grid', files: ['domains/mgwm.rddl', 'instances/mgwm_1.rddl'], options: {} },
  { id: 'exact-navigation', label: 'Navigation MDP 1 (exact)', files: corpus('competitions/IPPC2011/Navigation/MDP/instance1.rddl'), options: {} },
  { id: 'exact-skillteaching', label: 'SkillTeaching MDP 1 (exact)', files: corpus('competitions/IPPC2011/SkillTeaching/MDP/instance1.rddl'), options: {} },
  { id: 'exact-hanoi', label: 'TowerOfHanoi 0 (exact)', files: corpus('arcade/TowerOfHanoi/instance0.rddl'), options: {} },
  { id: 'exact-gameoflife', label: 'GameOfLife MDP 1 (exact)', files: corpus('competitions/IPPC2011/GameOfLife/MDP/instance1.rddl'), options: {} },
  { id: 'exact-sysadmin', label: 'SysAdmin MDP 1 (exact)', files: corpus('competitions/IPPC2011/SysAdmin/MDP/instance1.rddl'), options: {} },
];

function timed(compiled: CompiledModel, options: Partial<DpOptions>) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const s = solveDp(compiled, options);
  const used = process.cpuUsage(cpu);
  return { s, cpu: (used.user + used.system) / 1e6, wall: (performance.now() - wall) / 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** In the child: solve one case and print one JSON line. */
function runCase(id: string, repeat: number): void {
  const c = cases.find((x) => x.id === id)!;
  const compiled = compileFiles(c.files);
  const cold = timed(compiled, c.options);
  const warm = Array.from({ length: repeat }, () => timed(compiled, c.options));
  console.log(
    JSON.stringify({
      value: cold.s.initialValue,
      states: cold.s.stats.states,
      actions: cold.s.actions.length,
      work: cold.s.stats.outcomeEvaluations,
      coldCpu: cold.cpu,
      coldWall: cold.wall,
      warmCpu: median(warm.map((w) => w.cpu)),
      warmWall: median(warm.map((w) => w.wall)),
    }),
  );
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--repeat');
  const repeat = at >= 0 ? Number(args[at + 1]) : 3;
  const child = args.indexOf('--child');
  if (child >= 0) {
    runCase(args[child + 1]!, repeat);
    return;
  }
  const names = args.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  const chosen = names.length === 0 ? cases : cases.filter((c) => names.some((n) => c.id.startsWith(n)));
  const fmt = (x: number, d = 3) => x.toFixed(d).padStart(8);
  console.log(`${'case'.padEnd(42)} ${'value'.padStart(12)} ${'states'.padStart(7)} ${'evals'.padStart(10)}   cold cpu/wall s   warm cpu/wall s (median of ${repeat})`);
  for (const c of chosen) {
    const run = spawnSync(process.execPath, ['--import', './scripts/register-ts.mjs', fileURLToPath(import.meta.url), '--child', c.id, '--repeat', String(repeat)], { encoding: 'utf8' });
    if (run.status !== 0) {
      console.log(`${c.label.padEnd(42)} failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
      continue;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number>;
    console.log(
      `${c.label.padEnd(42)} ${r['value']!.toPrecision(7).padStart(12)} ${String(r['states']).padStart(7)} ${r['work']!.toExponential(2).padStart(10)}  ${fmt(r['coldCpu']!)} ${fmt(r['coldWall']!)}  ${fmt(r['warmCpu']!)} ${fmt(r['warmWall']!)}`,
    );
  }
}

main();
