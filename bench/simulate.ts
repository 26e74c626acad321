/**
 * Simulation speed: steps per second of the compiled simulator (`Simulator`,
 * checked, one episode at a time; `BatchSimulator`, 64 episodes in lockstep)
 * next to hand-written TypeScript of the same dynamics (bench/handwritten/),
 * for asset allocation (2 and 50 assets), SysAdmin, Wildfire and Reservoir.
 * Goals (issue): compiled >= 100 x pyRDDLGym (REFERENCE.md 5) and within 3 x of
 * the hand-written code; a million steps without heap growth.
 *
 *   node --import ./scripts/register-ts.mjs bench/simulate.ts [case ...] [--same-process] [--quick]
 *
 * Cases: aa2 aa50 sysadmin1 sysadmin10 wildfire1 wildfire10 reservoir1
 * reservoir5 memory (default: all); a prefix selects several (`sysadmin`).
 * Each instance is measured in its own child process (compiled and
 * hand-written side by side in that process), so one instance's kernels do
 * not make another's call sites polymorphic; --same-process measures all in
 * this process instead. The memory check runs in a child started with
 * --expose-gc. Before timing, each case checks that the hand-written code is
 * the same dynamics: identical states and rewards step by step for the same
 * seed, and equal mean returns (within 4 standard errors) for independent seeds.
 *
 * Rates are steps per CPU-second of the process (process.cpuUsage), the
 * median of interleaved repetitions after a JIT warm-up; on a busy machine
 * wall-clock rates (printed too) also count time the process waited for a CPU.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CounterStream } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { BatchSimulator, Simulator } from '@rddl/sim';
import { AssetAllocation } from './handwritten/asset-allocation.js';
import { compileFiles, type Input } from './handwritten/load.js';
import { HandBatch, HandSimulator, simStream, type HandModel } from './handwritten/model.js';
import { Reservoir } from './handwritten/reservoir.js';
import { SysAdmin } from './handwritten/sysadmin.js';
import { Wildfire } from './handwritten/wildfire.js';

const CORPUS = '../shared/corpus/rddlrepository/competitions';
const BATCH = 64;
const CHECK_EPISODES = 200;

interface Case {
  readonly id: string;
  readonly label: string;
  readonly inputs: () => Input[];
  /** pyRDDLGym steps per wall second and, where REFERENCE.md 5 gives it, per CPU-second. */
  readonly pyrddlgym: number;
  readonly pyrddlgymCpu?: number;
  readonly hand: (compiled: CompiledModel, stream: CounterStream) => HandModel;
  /** The constant action every step (one value per ground action fluent). */
  readonly action: (compiled: CompiledModel) => Float64Array;
}

const noop = (c: CompiledModel) => c.defaultAction.slice();
/** A portfolio with weights proportional to 1, 2, ..., n (sums to 1 within the tolerance). */
const portfolio = (c: CompiledModel) => {
  const n = c.layout.action.size;
  return Float64Array.from({ length: n }, (_, i) => (2 * (i + 1)) / (n * (n + 1)));
};

/** instances/asset_allocation_4.rddl has 50 assets; if it is missing, 50 assets are generated in memory by the same rule. */
function fiftyAssets(): Input {
  const path = 'instances/asset_allocation_4.rddl';
  try {
    return compileFiles(['domains/asset_allocation.rddl', path]).layout.action.size === 50 ? path : generated();
  } catch {
    return generated();
  }
  function generated(): Input {
    const frac = (x: number) => x - Math.floor(x);
    const names = Array.from({ length: 50 }, (_, k) => `a${String(k + 1).padStart(2, '0')}`);
    const nf = names.map((a, k) => `mean(${a}) = ${(0.0002 + 0.0008 * frac(0.5 + k * 0.6180339887)).toPrecision(3)}; risk(${a}) = ${(0.004 + 0.012 * frac(0.5 + k * 0.4142135624)).toPrecision(3)};`);
    const init = names.map((a, k) => `weight(${a}) = 0.02; price(${a}) = ${(10 + 90 * frac(0.3 + k * 0.7548776662)).toFixed(2)};`);
    const text = `non-fluents nf_aa50 { domain = asset_allocation; objects { asset : { ${names.join(', ')} }; };
      non-fluents { REALLOCATION-PERIOD = 60; alpha_risk = 0.1; alpha_trans_cost = 0.001; ${nf.join(' ')} }; }
      instance aa50 { domain = asset_allocation; non-fluents = nf_aa50; init-state { ${init.join(' ')} };
      max-nondef-actions = pos-inf; horizon = 300; discount = 1.0; }`;
    return { path: 'generated/asset_allocation_50.rddl', text };
  }
}

const corpus = (dir: string, instance: string) => () => [`${CORPUS}/${dir}/domain.rddl`, `${CORPUS}/${dir}/${instance}.rddl`];
const CASES: readonly Case[] = [
  { id: 'aa2', label: 'asset allocation, 2 assets', inputs: () => ['domains/asset_allocation.rddl', 'instances/asset_allocation_1.rddl'], pyrddlgym: 862, pyrddlgymCpu: 1264, hand: (c, s) => new AssetAllocation(c, s), action: portfolio },
  { id: 'aa50', label: 'asset allocation, 50 assets', inputs: () => ['domains/asset_allocation.rddl', fiftyAssets()], pyrddlgym: 327, pyrddlgymCpu: 517, hand: (c, s) => new AssetAllocation(c, s), action: portfolio },
  { id: 'sysadmin1', label: 'SysAdmin 1', inputs: corpus('IPPC2011/SysAdmin/MDP', 'instance1'), pyrddlgym: 815, hand: (c, s) => new SysAdmin(c, s), action: noop },
  { id: 'sysadmin10', label: 'SysAdmin 10', inputs: corpus('IPPC2011/SysAdmin/MDP', 'instance10'), pyrddlgym: 942, hand: (c, s) => new SysAdmin(c, s), action: noop },
  { id: 'wildfire1', label: 'Wildfire 1', inputs: corpus('IPPC2014/Wildfire/MDP', 'instance1'), pyrddlgym: 593, hand: (c, s) => new Wildfire(c, s), action: noop },
  { id: 'wildfire10', label: 'Wildfire 10', inputs: corpus('IPPC2014/Wildfire/MDP', 'instance10'), pyrddlgym: 503, hand: (c, s) => new Wildfire(c, s), action: noop },
  // A constant release of 5 per reservoir (valid: 0 <= 5 <= TOP_RES) so the outflow network is exercised.
  { id: 'reservoir1', label: 'Reservoir 1', inputs: corpus('IPPC2023/Reservoir', 'instance1'), pyrddlgym: 839, hand: (c, s) => new Reservoir(c, s), action: (c) => new Float64Array(c.layout.action.size).fill(5) },
  { id: 'reservoir5', label: 'Reservoir 5', inputs: corpus('IPPC2023/Reservoir', 'instance5'), pyrddlgym: 519, hand: (c, s) => new Reservoir(c, s), action: (c) => new Float64Array(c.layout.action.size).fill(5) },
];

// ---------------------------------------------------------------- measuring one case

interface Rate {
  wall: number;
  cpu: number;
}

/** Median steps per second of the compiled and the hand-written simulator. */
interface Timing {
  compiled: Rate;
  hand: Rate;
}

interface CaseResult {
  id: string;
  compileMs: number;
  stateSize: number;
  actionSize: number;
  horizon: number;
  checks: string[];
  checksPass: boolean;
  /** Compiled single-episode steps/s in the first 200 ms of a fresh Simulator, and how long warm-up took. */
  coldSingle: number;
  warmMs: number;
  single: Timing;
  batch: Timing;
}

let sink = 0; // keeps results alive so nothing is optimised away

/** Discounted returns of episodes 0 .. count - 1 (compiled, checked). */
function compiledReturns(compiled: CompiledModel, seed: number, action: Float64Array, count: number): Float64Array {
  const sim = new Simulator(compiled, { seed });
  const out = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    sim.reset(e);
    let discount = 1;
    while (!sim.done) {
      out[e] += discount * sim.step(action).reward;
      discount *= compiled.discount;
    }
  }
  return out;
}

function handReturns(sim: HandSimulator, action: Float64Array, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let e = 0; e < count; e++) {
    sim.reset(e);
    let discount = 1;
    while (!sim.done) {
      out[e] += discount * sim.step(action);
      discount *= sim.model.discount;
    }
  }
  return out;
}

function meanSe(x: Float64Array): { mean: number; se: number } {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

/** The hand-written code against the compiled simulator: same trajectories, same means, batches agree. */
function checkCase(c: Case, compiled: CompiledModel, action: Float64Array): string[] {
  const lines: string[] = [];
  // 1. Same seed: states and rewards identical at every step.
  const sim = new Simulator(compiled, { seed: 0 });
  const hand = new HandSimulator(c.hand(compiled, simStream(0)));
  let steps = 0;
  let mismatch = '';
  for (let e = 0; e < CHECK_EPISODES && !mismatch; e++) {
    sim.reset(e);
    hand.reset(e);
    while (!sim.done && !mismatch) {
      const r1 = sim.step(action).reward;
      const r2 = hand.step(action);
      steps++;
      if (r1 !== r2) mismatch = `episode ${e} step ${sim.time}: reward ${r1} vs ${r2}`;
      for (let i = 0; i < sim.state.length && !mismatch; i++) {
        if (sim.state[i] !== hand.state[i]) mismatch = `episode ${e} step ${sim.time}: ${compiled.layout.state.fluents[i]!.name} ${sim.state[i]} vs ${hand.state[i]}`;
      }
    }
    if (!mismatch && !hand.done) mismatch = `episode ${e}: hand-written episode did not end with the compiled one`;
  }
  lines.push(mismatch ? `FAIL trajectories differ: ${mismatch}` : `PASS identical states and rewards, seed 0, ${CHECK_EPISODES} episodes (${steps} steps)`);

  // 2. Independent seeds (compiled 0, hand-written 1): mean returns within 4 combined standard errors.
  const a = meanSe(compiledReturns(compiled, 0, action, CHECK_EPISODES));
  const b = meanSe(handReturns(new HandSimulator(c.hand(compiled, simStream(1))), action, CHECK_EPISODES));
  const se = Math.hypot(a.se, b.se);
  const diff = Math.abs(a.mean - b.mean);
  const ok = se === 0 ? diff <= 1e-9 * Math.max(1, Math.abs(a.mean)) : diff <= 4 * se;
  lines.push(
    `${ok ? 'PASS' : 'FAIL'} mean return, ${CHECK_EPISODES} episodes: compiled (seed 0) ${fmt(a.mean)} ± ${fmt(a.se)}, hand-written (seed 1) ${fmt(b.mean)} ± ${fmt(b.se)}; ` +
      `difference ${se === 0 ? fmt(diff) : `${(diff / se).toFixed(2)} SE`}`,
  );

  // 3. Lockstep batches give the single-episode returns.
  const single = compiledReturns(compiled, 0, action, BATCH);
  const batch = new BatchSimulator(compiled, BATCH, { seed: 0 });
  const handBatch = new HandBatch(c.hand(compiled, simStream(0)), BATCH);
  const actions = repeat(action, BATCH);
  const r1 = new Float64Array(BATCH);
  const r2 = new Float64Array(BATCH);
  let discount = 1;
  for (let t = 0; t < compiled.horizon; t++) {
    batch.step(actions);
    handBatch.step(actions);
    for (let e = 0; e < BATCH; e++) {
      r1[e] += discount * batch.rewards[e]!;
      r2[e] += discount * handBatch.rewards[e]!;
    }
    discount *= compiled.discount;
  }
  const same = single.every((v, e) => v === r1[e] && v === r2[e]);
  lines.push(`${same ? 'PASS' : 'FAIL'} BatchSimulator and hand-written batch returns equal Simulator's (${BATCH} episodes)`);
  return lines;
}

function repeat(action: Float64Array, times: number): Float64Array {
  const out = new Float64Array(action.length * times);
  for (let e = 0; e < times; e++) out.set(action, e * action.length);
  return out;
}

/** Steps per second of `run` (which returns the steps it took), run until `ms` of wall time have passed: by wall clock and by CPU time of the process. */
function rate(run: () => number, ms: number): Rate {
  let steps = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let elapsed = 0;
  do {
    steps += run();
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  const c = process.cpuUsage(c0);
  return { wall: (steps / elapsed) * 1000, cpu: (steps / (c.user + c.system)) * 1e6 };
}

/**
 * Run until the JIT has settled: at least `minMs`, then until two
 * consecutive 200 ms rates agree within 10 % (at most `maxMs`). Large kernels
 * take a while: TurboFan compiles SysAdmin 10's step in about 250 ms of CPU.
 */
function warmUp(run: () => number, minMs: number, maxMs: number): { first: number; ms: number } {
  const t0 = performance.now();
  const first = rate(run, 200).cpu;
  let last = first;
  for (;;) {
    const r = rate(run, 200).cpu;
    const ms = performance.now() - t0;
    if ((ms >= minMs && Math.abs(r - last) <= 0.1 * Math.max(r, last)) || ms >= maxMs) return { first, ms };
    last = r;
  }
}

function median(xs: readonly Rate[]): Rate {
  const mid = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  return { wall: mid(xs.map((x) => x.wall)), cpu: mid(xs.map((x) => x.cpu)) };
}

function measureCase(c: Case, quick: boolean): CaseResult {
  const t0 = performance.now();
  const compiled = compileFiles(c.inputs());
  const compileMs = performance.now() - t0;
  const action = c.action(compiled);
  const checks = checkCase(c, compiled, action);

  // The four contenders; each call runs whole episodes (or one whole batch) and returns the step count.
  const sim = new Simulator(compiled, { seed: 0 });
  const hand = new HandSimulator(c.hand(compiled, simStream(0)));
  const batch = new BatchSimulator(compiled, BATCH, { seed: 0 });
  const handBatch = new HandBatch(c.hand(compiled, simStream(0)), BATCH);
  const actions = repeat(action, BATCH);
  let episode = 0;
  const runs: Record<'cs' | 'hs' | 'cb' | 'hb', () => number> = {
    cs: () => {
      let steps = 0;
      sim.reset(episode++);
      while (!sim.done) {
        sink += sim.step(action).reward;
        steps++;
      }
      return steps;
    },
    hs: () => {
      let steps = 0;
      hand.reset(episode++);
      while (!hand.done) {
        sink += hand.step(action);
        steps++;
      }
      return steps;
    },
    cb: () => {
      batch.reset();
      for (let t = 0; t < compiled.horizon; t++) batch.step(actions);
      sink += batch.rewards[0]!;
      return BATCH * compiled.horizon;
    },
    hb: () => {
      handBatch.reset();
      for (let t = 0; t < compiled.horizon; t++) handBatch.step(actions);
      sink += handBatch.rewards[0]!;
      return BATCH * compiled.horizon;
    },
  };
  const keys = ['cs', 'hs', 'cb', 'hb'] as const;
  const reps = quick ? 3 : 7;
  const ms = quick ? 100 : 250;
  const warm = keys.map((k) => warmUp(runs[k], quick ? 300 : 600, quick ? 1500 : 3000));
  const samples: Record<string, Rate[]> = { cs: [], hs: [], cb: [], hb: [] };
  // Interleaved repetitions, so drift in machine load affects every contender alike.
  for (let r = 0; r < reps; r++) for (const k of keys) samples[k]!.push(rate(runs[k], ms));
  return {
    id: c.id,
    compileMs,
    stateSize: compiled.layout.state.size,
    actionSize: compiled.layout.action.size,
    horizon: compiled.horizon,
    checks,
    checksPass: checks.every((l) => l.startsWith('PASS')),
    coldSingle: warm[0]!.first,
    warmMs: warm[0]!.ms,
    single: { compiled: median(samples.cs!), hand: median(samples.hs!) },
    batch: { compiled: median(samples.cb!), hand: median(samples.hb!) },
  };
}

// ---------------------------------------------------------------- memory

interface MemoryResult {
  steps: number;
  seconds: number;
  heap: number[];
  gcAvailable: boolean;
  batchHeap: number[];
}

/** A million Simulator steps on SysAdmin 1, episodes back to back; heapUsed after GC every 100,000 steps. */
function measureMemory(): MemoryResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  const heap = () => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const compiled = compileFiles(corpus('IPPC2011/SysAdmin/MDP', 'instance1')());
  const sim = new Simulator(compiled, { seed: 0 });
  const action = compiled.defaultAction.slice();
  let episode = 0;
  const run = (steps: number) => {
    for (let i = 0; i < steps; i++) {
      if (sim.done || i === 0) sim.reset(episode++);
      sink += sim.step(action).reward;
    }
  };
  run(50_000); // warm up
  const samples = [heap()];
  const t0 = performance.now();
  for (let k = 0; k < 10; k++) {
    run(100_000);
    samples.push(heap());
  }
  const seconds = (performance.now() - t0) / 1000;
  // The same for BatchSimulator: a million steps = 391 batches of 64 × 40.
  const batch = new BatchSimulator(compiled, BATCH, { seed: 0 });
  const actions = repeat(action, BATCH);
  const runBatch = (batches: number) => {
    for (let b = 0; b < batches; b++) {
      batch.reset();
      for (let t = 0; t < compiled.horizon; t++) batch.step(actions);
    }
  };
  runBatch(20);
  const batchHeap = [heap()];
  runBatch(Math.ceil(1e6 / (BATCH * compiled.horizon)));
  batchHeap.push(heap());
  return { steps: 1_000_000, seconds, heap: samples, gcAvailable: gc !== undefined, batchHeap };
}

// ---------------------------------------------------------------- driver and report

function fmt(x: number): string {
  return x.toPrecision(5);
}

function fmtRate(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(0)}k`;
}

const MIB = 1024 * 1024;

function runChild(args: string[], extraNodeArgs: string[] = []): string {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...extraNodeArgs, ...process.execArgv, script, ...args], { encoding: 'utf8', maxBuffer: 64 * MIB });
  if (r.status !== 0) throw new Error(`child ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

function main(): void {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  if (argv[0] === '--child') {
    const c = CASES.find((x) => x.id === argv[1]);
    if (!c) throw new Error(`unknown case ${argv[1]}`);
    process.stdout.write(JSON.stringify(measureCase(c, quick)));
    return;
  }
  if (argv[0] === '--memory-child') {
    process.stdout.write(JSON.stringify(measureMemory()));
    return;
  }
  const sameProcess = argv.includes('--same-process');
  const wanted = argv.filter((a) => !a.startsWith('--'));
  const ids = [...CASES.map((c) => c.id), 'memory'];
  // A word selects the case of that name, else every case whose name starts with it.
  const selected = wanted.length === 0 ? ids : ids.filter((id) => wanted.some((w) => id === w || (!ids.includes(w) && id.startsWith(w))));
  if (selected.length === 0) {
    console.error(`no case matches ${wanted.join(' ')}; cases: ${ids.join(' ')}`);
    process.exit(2);
  }

  console.log(`Simulation speed (node ${process.version}, ${sameProcess ? 'all cases in this process' : 'one child process per instance'}; batch = ${BATCH} episodes)`);
  const results: CaseResult[] = [];
  for (const c of CASES.filter((x) => selected.includes(x.id))) {
    const r = sameProcess ? measureCase(c, quick) : (JSON.parse(runChild(['--child', c.id, ...(quick ? ['--quick'] : [])])) as CaseResult);
    results.push(r);
    console.log(`\n${c.label} (${r.id}): |S| = ${r.stateSize}, |A| = ${r.actionSize}, horizon ${r.horizon}, parse + compile ${r.compileMs.toFixed(0)} ms`);
    for (const line of r.checks) console.log(`  ${line}`);
    console.log(`  JIT warm-up of a fresh Simulator: ${fmtRate(r.coldSingle)} steps/s in its first 200 ms, steady after ${(r.warmMs / 1000).toFixed(1)} s (${fmtRate(r.single.compiled.cpu)})`);
  }

  if (results.length > 0) {
    const rows: string[][] = [['instance', 'mode', 'compiled/s', 'hand/s', 'hand/comp', '<=3', 'comp/pyRDDLGym', '>=100', 'wall: compiled/s', 'hand/s']];
    let allPass = true;
    for (const r of results) {
      const c = CASES.find((x) => x.id === r.id)!;
      for (const [mode, t] of [
        ['single', r.single],
        ['batch', r.batch],
      ] as const) {
        const slow = t.hand.cpu / t.compiled.cpu;
        const fast = t.compiled.cpu / (c.pyrddlgymCpu ?? c.pyrddlgym);
        allPass &&= slow <= 3 && fast >= 100;
        rows.push([r.id, mode, fmtRate(t.compiled.cpu), fmtRate(t.hand.cpu), slow.toFixed(2), slow <= 3 ? 'PASS' : 'FAIL', fast.toFixed(0), fast >= 100 ? 'PASS' : 'FAIL', fmtRate(t.compiled.wall), fmtRate(t.hand.wall)]);
      }
    }
    const widths = rows[0]!.map((_, j) => Math.max(...rows.map((row) => row[j]!.length)));
    console.log('\nsteps per CPU-second of the process (median of interleaved repetitions; wall-clock rates at the right)');
    console.log('pyRDDLGym: REFERENCE.md 5, its steps per CPU-second where given (asset allocation), else per wall second\n');
    for (const row of rows) console.log(row.map((cell, j) => (j < 2 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  '));
    const checksPass = results.every((r) => r.checksPass);
    console.log(`\nspeed goals: ${allPass ? 'all met' : 'NOT all met'}; hand-written = compiled dynamics: ${checksPass ? 'all checks pass' : 'SOME CHECKS FAIL'}`);
  }

  if (selected.includes('memory')) {
    const m = JSON.parse(runChild(['--memory-child'], ['--expose-gc'])) as MemoryResult;
    const growth = m.heap[m.heap.length - 1]! - m.heap[0]!;
    const batchGrowth = m.batchHeap[1]! - m.batchHeap[0]!;
    console.log(`\nmemory: ${m.steps.toLocaleString('en')} Simulator steps on SysAdmin 1 (episodes back to back) in ${m.seconds.toFixed(2)} s, heapUsed after GC every 100,000 steps (MiB):`);
    console.log(`  ${m.heap.map((h) => (h / MIB).toFixed(2)).join(' ')}`);
    console.log(`  growth ${(growth / 1024).toFixed(0)} KiB; BatchSimulator, 1,000,000 more steps: growth ${(batchGrowth / 1024).toFixed(0)} KiB`);
    const ok = m.gcAvailable && growth < MIB && batchGrowth < MIB;
    console.log(`  ${ok ? 'PASS' : 'FAIL'} no heap growth (< 1 MiB)${m.gcAvailable ? '' : ' (global.gc missing: run with node --expose-gc)'}`);
  }
}

main();
if (!Number.isFinite(sink)) console.log('warning: some reward was not finite');
