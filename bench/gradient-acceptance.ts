/**
 * The gradient planner's acceptance figures (issue 7), printed:
 *   1. Table 1 asset allocation: the planner against the uniform portfolio
 *      (paired, same episodes) and against the MILP planner when installed;
 *   2. Almgren-Chriss: E[C] + lambda V[C] of the planned schedule against the
 *      closed-form optimum (REFERENCE.md section 3);
 *   3. continuous corpus domains: the planner against noop and random (paired).
 * Iteration budgets and fixed seeds: the figures are reproducible.
 *
 *   node --import ./scripts/register-ts.mjs bench/gradient-acceptance.ts [--episodes 1000] [--seed 1] [--skip-milp]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, SourceFile } from '@rddl/core';
import { compileModel, type CompiledModel } from '@rddl/compiler';
import { buildModel, collectProgram } from '@rddl/model';
import { parseRddl } from '@rddl/syntax';
import { compareReturns, constantPlanner, evaluatePlanner, noopPlanner, parseAction, randomPlanner, type PlannerEvaluation, type PlannerFactory } from '@rddl/planning';
import { gradientPlanner, type GradientOptions } from '@rddl/planner-gradient';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const episodes = arg('episodes', 1000);
const seed = arg('seed', 1);
const corpusEpisodes = arg('corpus-episodes', 100);

function load(...paths: string[]): CompiledModel {
  const files = paths.map((p) => parseRddl(new SourceFile(p, readFileSync(p, 'utf8'))).file);
  const built = buildModel(collectProgram(files).program);
  if (!built.model || hasErrors(built.diagnostics)) throw new Error(`cannot build ${paths.join(' ')}`);
  return compileModel(built.model).compiled!;
}

async function run(compiled: CompiledModel, factory: PlannerFactory<never>, options: unknown, iterations: number, n = episodes): Promise<PlannerEvaluation> {
  const planner = await (factory as unknown as PlannerFactory<unknown>).create({ compiled, seed, budget: { kind: 'iterations', iterations }, workers: 1 }, options);
  try {
    return await evaluatePlanner(compiled, planner, { episodes: n, seed });
  } finally {
    await planner.dispose?.();
  }
}

const f = (x: number, d = 4) => x.toFixed(d);
const gradientOptions = (o: Partial<GradientOptions> = {}) => ({ ...gradientPlanner.defaults, ...o });
const budget = gradientPlanner.defaultBudget!.kind === 'iterations' ? gradientPlanner.defaultBudget!.iterations : 300;

// 1. Table 1 asset allocation.
{
  const compiled = load('domains/asset_allocation.rddl', 'instances/asset_allocation_1.rddl');
  const g = await run(compiled, gradientPlanner as never, gradientOptions(), budget);
  const uniform = await run(compiled, constantPlanner as never, { action: parseAction(compiled, 'set_weight=0.5') }, 1);
  const d = compareReturns(g, uniform);
  console.log(`1. asset_allocation_1 (Table 1), ${episodes} episodes, seed ${seed}, default options and budget (${budget} iterations)`);
  console.log(`   gradient  mean return ${f(g.result.summary.mean)} ± ${f(g.result.summary.ci95)}   (plan ${g.planSeconds.toFixed(1)} s)`);
  console.log(`   uniform   mean return ${f(uniform.result.summary.mean)} ± ${f(uniform.result.summary.ci95)}`);
  console.log(`   paired difference gradient - uniform: ${f(d.mean)} ± ${f(d.ci95)} (95% CI) ${d.mean - d.ci95 > 0 ? 'better' : 'NOT better'}`);
  if (!process.argv.includes('--skip-milp')) {
    try {
      const { milpPlanner } = (await import('@rddl/planner-milp' as string)) as { milpPlanner: PlannerFactory<Record<string, unknown>> };
      const m = await run(compiled, milpPlanner as never, milpPlanner.defaults, 100);
      const dm = compareReturns(g, m);
      console.log(`   milp      mean return ${f(m.result.summary.mean)} ± ${f(m.result.summary.ci95)}   (plan ${m.planSeconds.toFixed(1)} s)`);
      console.log(`   gradient / milp mean return: ${f((100 * g.result.summary.mean) / m.result.summary.mean, 2)}%; paired gradient - milp ${f(dm.mean, 5)} ± ${f(dm.ci95, 5)}`);
    } catch (err) {
      console.log(`   milp: not run (${(err as Error).message.split('\n')[0]})`);
    }
  }
}

// 2. Almgren-Chriss.
{
  console.log('\n2. Almgren-Chriss (trade_execution), E[C] + lambda V[C] of the planned schedule vs the closed form (REFERENCE.md 3)');
  const optimum: Record<number, number> = { 1: 148_720_752.57, 2: 21_426_428.83 };
  for (const [instance, days] of [
    [1, 5],
    [2, 60],
  ] as const) {
    const compiled = load('domains/trade_execution.rddl', `instances/trade_execution_${instance}.rddl`);
    for (const iterations of [budget, 1000]) {
      const planner = await gradientPlanner.create({ compiled, seed, budget: { kind: 'iterations', iterations }, workers: 1 }, gradientOptions());
      await planner.prepare!();
      const trades: number[] = [];
      for (let t = 0; t < compiled.horizon; t++) {
        const a = Float64Array.from(compiled.defaultAction);
        await planner.act(compiled.initialState, t, 0, a);
        trades.push(a[0]!);
      }
      // The domain sells min(sell, holdings) and everything left in the last interval; E and V of a fixed schedule (REFERENCE.md 3).
      const tau = days / 5;
      const sigma = (0.3 / Math.sqrt(250)) * 50;
      const [gamma, epsilon, eta, lambda] = [0.125 / (0.1 * 5e6), 0.125 / 2, 0.125 / (0.01 * 5e6), 2e-6];
      let left = 1e7;
      let cost = 0;
      let squares = 0;
      const sold = trades.map((n, k) => {
        const s = k === trades.length - 1 ? left : Math.max(0, Math.min(n, left));
        left -= s;
        cost += gamma * left * s + epsilon * s + (eta / tau) * s * s;
        squares += left * left;
        return s;
      });
      const objective = cost + lambda * sigma * sigma * tau * squares;
      const gap = objective / optimum[instance]! - 1;
      console.log(`   instance ${instance} (T = ${days}), ${iterations} iterations: trades ${sold.map((s) => s.toFixed(0)).join(', ')}`);
      console.log(`      E[C] ${cost.toFixed(2)}, V[C] ${(sigma * sigma * tau * squares).toExponential(6)}, E + lambda V ${objective.toFixed(2)} vs optimum ${optimum[instance]!.toFixed(2)}: +${(100 * gap).toFixed(3)}%`);
    }
  }
}

// 3. Continuous corpus domains.
{
  console.log(`\n3. continuous corpus domains, ${corpusEpisodes} episodes, seed ${seed}, default options and budget: paired differences (95% CI)`);
  const corpus = join('..', 'shared', 'corpus', 'rddlrepository');
  const domains = [
    ['Reservoir', 'competitions/IPPC2023/Reservoir', 'instance1'],
    ['HVAC', 'competitions/IPPC2023/HVAC', 'instance0'],
    ['UAV', 'competitions/IPPC2023/UAV', 'instance1'],
    ['Pendulum', 'gym/Pendulum', 'instance0'],
    ['MountainCar', 'competitions/IPPC2023/MountainCar', 'instance1'],
  ];
  for (const [name, dir, instance] of domains) {
    const compiled = load(join(corpus, dir!, 'domain.rddl'), join(corpus, dir!, `${instance}.rddl`));
    const g = await run(compiled, gradientPlanner as never, gradientOptions(), budget, corpusEpisodes);
    const noop = await run(compiled, noopPlanner as never, {}, 1, corpusEpisodes);
    const random = await run(compiled, randomPlanner as never, randomPlanner.defaults, 1, corpusEpisodes);
    const dn = compareReturns(g, noop);
    const dr = compareReturns(g, random);
    const verdict = dn.mean - dn.ci95 > 0 && dr.mean - dr.ci95 > 0 ? 'beats both' : 'does not beat both';
    console.log(
      `   ${name.padEnd(12)} gradient ${f(g.result.summary.mean, 2)}  noop ${f(noop.result.summary.mean, 2)}  random ${f(random.result.summary.mean, 2)}  vs noop ${f(dn.mean, 2)} ± ${f(dn.ci95, 2)}  vs random ${f(dr.mean, 2)} ± ${f(dr.ci95, 2)}  ${verdict}`,
    );
  }
}
