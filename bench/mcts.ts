/**
 * The MCTS planner's acceptance figures (issue 6), printed:
 *
 *   node --import ./scripts/register-ts.mjs bench/mcts.ts asset   [--episodes 30] [--budget 1000] [--workers 1]
 *   node --import ./scripts/register-ts.mjs bench/mcts.ts corpus  [--episodes 20] [--budget 500]  [--workers 1] [--only SysAdmin]
 *   node --import ./scripts/register-ts.mjs bench/mcts.ts speedup [--budget 20000] [--decisions 8] [--rounds 3] [--domain sysadmin]
 *
 * asset: asset_allocation_discrete, Table 1 instance; MCTS against the uniform
 *   portfolio (constant action rebalance=true, set_weight=1), noop and random,
 *   on the same episodes of the same seed; paired differences with 95% CIs.
 * corpus: five IPPC domains (instance 1), MCTS against noop and random, with
 *   the planning time per step.
 * speedup: rollouts per second of one tree in this thread and of two trees in
 *   two worker threads, for the same iteration budget per decision, with the
 *   load average and CPU pressure before and after. The machine is shared and
 *   Linux autogroup scheduling gives each busy session an equal share of the
 *   cores, so two threads run faster than one only while other sessions idle:
 *   read the load before the figure.
 * Budgets are iterations per decision, so every figure except the times is
 * reproducible. bench/mcts-latency.ts prints the worker threads' start-up time
 * and the time of small decisions.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { CompiledModel } from '@rddl/compiler';
import { compareReturns, constantPlanner, evaluatePlanner, noopPlanner, parseAction, randomPlanner, type PlannerEvaluation, type PlannerFactory } from '@rddl/planning';
import { defaultMctsOptions, mctsPlanner, type MctsOptions } from '@rddl/planner-mcts';
import { compileFiles, CORPUS, finance } from '../test/mcts/support/load.js';

const args = process.argv.slice(2);
const command = args[0] ?? 'asset';
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const text = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SEED = 0;
const pressure = () => {
  try {
    return ` · cpu pressure ${/avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? '?'}%`;
  } catch {
    return '';
  }
};
const load = () => `${loadavg().map((x) => x.toFixed(2)).join(' ')}${pressure()}`;
const f = (x: number, digits = 4) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(digits));

async function run<O>(compiled: CompiledModel, factory: PlannerFactory<O>, options: O, budget: number, workers: number, episodes: number): Promise<PlannerEvaluation> {
  const planner = await factory.create({ compiled, seed: SEED, budget: { kind: 'iterations', iterations: budget }, workers }, options);
  try {
    return await evaluatePlanner(compiled, planner, { episodes, seed: SEED });
  } finally {
    await planner.dispose?.();
  }
}

function report(title: string, main: PlannerEvaluation, others: readonly PlannerEvaluation[], steps: number): void {
  const s = main.result.summary;
  console.log(`\n${title}`);
  console.log(`  ${main.planner.padEnd(9)} mean return ${f(s.mean)} ± ${f(s.ci95)}   plan ${(main.planSeconds / steps).toFixed(3)} s/step`);
  for (const o of others) {
    const d = compareReturns(main, o);
    const verdict = d.mean - d.ci95 > 0 ? 'MCTS better (95%)' : d.mean + d.ci95 < 0 ? 'MCTS worse (95%)' : 'no difference at 95%';
    console.log(`  ${o.planner.padEnd(9)} mean return ${f(o.result.summary.mean)} ± ${f(o.result.summary.ci95)}   MCTS − ${o.planner}: ${f(d.mean)} ± ${f(d.ci95)}  ${verdict}`);
  }
  const stats = Object.entries(main.stats).map(([k, v]) => `${k} ${v}`).join(' · ');
  console.log(`  mcts: ${stats}`);
}

async function asset(): Promise<void> {
  const episodes = flag('episodes', 30);
  const budget = flag('budget', 1000);
  const workers = flag('workers', 1);
  const compiled = finance('asset_allocation_discrete', 1);
  // The whole horizon, holding the portfolio after the tree: the value of a portfolio until the end.
  const options: MctsOptions = { ...defaultMctsOptions, lookahead: 0, rollout: 'noop' };
  console.log(`asset_allocation_discrete_1 (Table 1) · ${episodes} episodes · seed ${SEED} · MCTS ${budget} iterations/decision, ${workers} worker(s), lookahead=0 rollout=noop · load ${load()}`);
  const m = await run(compiled, mctsPlanner, options, budget, workers, episodes);
  const uniform = await run(compiled, constantPlanner, { action: parseAction(compiled, 'rebalance=true,set_weight=1') }, 1, 1, episodes);
  const others = [
    { ...uniform, planner: 'uniform' },
    await run(compiled, noopPlanner, {}, 1, 1, episodes),
    await run(compiled, randomPlanner, randomPlanner.defaults, 1, 1, episodes),
  ];
  report('paired over the same episodes (common random numbers):', m, others, episodes * compiled.horizon);
}

const corpusDomains = ['IPPC2011/SysAdmin', 'IPPC2011/GameOfLife', 'IPPC2014/Wildfire', 'IPPC2011/SkillTeaching', 'IPPC2014/Tamarisk'];

async function corpus(): Promise<void> {
  const episodes = flag('episodes', 20);
  const budget = flag('budget', 500);
  const workers = flag('workers', 1);
  const only = text('only');
  console.log(`corpus · instance 1 · ${episodes} episodes · seed ${SEED} · MCTS ${budget} iterations/decision (defaults), ${workers} worker(s) · load ${load()}`);
  for (const dir of corpusDomains.filter((d) => !only || d.includes(only))) {
    const compiled = compileFiles([`${CORPUS}/${dir}/MDP/domain.rddl`, `${CORPUS}/${dir}/MDP/instance1.rddl`]);
    const m = await run(compiled, mctsPlanner, defaultMctsOptions, budget, workers, episodes);
    const others = [await run(compiled, noopPlanner, {}, 1, 1, episodes), await run(compiled, randomPlanner, randomPlanner.defaults, 1, 1, episodes)];
    report(`${dir} (horizon ${compiled.horizon})`, m, others, m.result.steps);
  }
}

async function speedup(): Promise<void> {
  const budget = flag('budget', 20000);
  const decisions = flag('decisions', 8);
  const rounds = flag('rounds', 3);
  const domain = text('domain') ?? 'sysadmin';
  const compiled =
    domain === 'sysadmin' ? compileFiles([`${CORPUS}/IPPC2011/SysAdmin/MDP/domain.rddl`, `${CORPUS}/IPPC2011/SysAdmin/MDP/instance1.rddl`]) : finance('asset_allocation_discrete', 1);
  console.log(`rollouts per second, ${domain}, ${budget} iterations per decision, ${decisions} decisions per run, ${rounds} rounds`);
  const measure = async (workers: number) => {
    const planner = await mctsPlanner.create({ compiled, seed: SEED, budget: { kind: 'iterations', iterations: budget }, workers }, defaultMctsOptions);
    await planner.prepare?.();
    const out = new Float64Array(compiled.layout.action.size);
    // The same decision (the initial state) every time: trees restart, so every run does the same work.
    // Decision 0 warms up the compiled code of each thread and is not timed.
    let start = 0;
    for (let d = 0; d <= decisions; d++) {
      if (d === 1) start = performance.now();
      out.set(compiled.defaultAction);
      await planner.act(compiled.initialState, 0, d, out);
    }
    const seconds = (performance.now() - start) / 1000;
    await planner.dispose?.();
    return (budget * decisions) / seconds;
  };
  const one: number[] = [];
  const two: number[] = [];
  console.log(`load before ${load()}`);
  for (let r = 0; r < rounds; r++) {
    one.push(await measure(1));
    two.push(await measure(2));
    console.log(`  round ${r + 1}: 1 worker ${one[r]!.toFixed(0)} rollouts/s · 2 workers ${two[r]!.toFixed(0)} rollouts/s · ratio ${(two[r]! / one[r]!).toFixed(2)} · load ${load()}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`median: 1 worker ${median(one).toFixed(0)} rollouts/s, 2 workers ${median(two).toFixed(0)} rollouts/s, speed-up ${(median(two) / median(one)).toFixed(2)}x (goal >= 1.7x)`);
  console.log(`load after ${load()}`);
}

const commands: Record<string, () => Promise<void>> = { asset, corpus, speedup };
if (!commands[command]) {
  console.error(`unknown command '${command}' (asset, corpus, speedup)`);
  process.exitCode = 2;
} else await commands[command]();
