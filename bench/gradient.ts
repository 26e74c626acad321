/**
 * Iterations per second of the gradient planner's differentiable backends,
 * side by side in one run: the compiled float64 adjoint and TensorFlow.js
 * (native when it loads, wasm, cpu), on the Table 1 asset-allocation
 * instance (2 assets) and the 50-asset instance, 64 scenarios x 300 days
 * (the setting of REFERENCE.md section 6). One iteration = draw the batch,
 * roll it out, back-propagate, and step the optimiser.
 *
 *   node --import ./scripts/register-ts.mjs bench/gradient.ts [--batch 64] [--seconds 10]
 */
import { readFileSync } from 'node:fs';
import { CounterStream, deriveSeedKey, hasErrors, SourceFile } from '@rddl/core';
import { parseRddl } from '@rddl/syntax';
import { buildModel, collectProgram } from '@rddl/model';
import { compileModel, type CompiledModel } from '@rddl/compiler';
import { createRollout, optimisePlan, ScenarioNoise, setupGradient, type BackendName } from '@rddl/planner-gradient';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const batch = arg('batch', 64);
const seconds = arg('seconds', 10);

function load(domain: string, instance: string): CompiledModel {
  const files = [domain, instance].map((p) => parseRddl(new SourceFile(p, readFileSync(p, 'utf8'))).file);
  const { program } = collectProgram(files);
  const built = buildModel(program);
  if (!built.model || hasErrors(built.diagnostics)) throw new Error(`cannot build ${instance}`);
  return compileModel(built.model).compiled!;
}

const instances = [
  { name: '2 assets (Table 1)', compiled: load('domains/asset_allocation.rddl', 'instances/asset_allocation_1.rddl') },
  { name: '50 assets', compiled: load('domains/asset_allocation.rddl', 'instances/asset_allocation_4.rddl') },
];
const backends: BackendName[] = ['compiled', 'tfjs-node', 'tfjs-wasm', 'tfjs-cpu'];

/** Iterations per second of one backend on one instance: a warm-up iteration, then as many as fit in the time (at least 2). */
async function measure(compiled: CompiledModel, backend: BackendName): Promise<{ rate: number; iterations: number; loss: number } | string> {
  const setup = setupGradient(compiled, { batch });
  const T = compiled.horizon;
  let rollout;
  try {
    rollout = await createRollout(backend, setup.program, { batch, horizon: T, discount: compiled.discount, penalty: setup.options.penalty, passThroughTermination: true }, 1024 * 2 ** 20);
  } catch (err) {
    return (err as Error).message;
  }
  const noise = new ScenarioNoise(setup.program.noise, batch, T, deriveSeedKey(0, 'bench:gradient'));
  const theta = setup.parameterisation.init(T, 'noop', new CounterStream(deriveSeedKey(0, 'bench:gradient:init')));
  const settings = { rollout, parameterisation: setup.parameterisation, noise, optimizer: 'adam' as const, learningRate: 0.03, resample: 1, start: compiled.initialState, firstStep: 0, firstScenario: 0, progressEvery: 0 };
  await optimisePlan(theta, { ...settings, budget: { kind: 'iterations', iterations: 1 } });
  const r = await optimisePlan(theta, { ...settings, budget: { kind: 'seconds', seconds } });
  rollout.dispose?.();
  return { rate: r.iterations / r.seconds, iterations: r.iterations, loss: r.lastLoss };
}

console.log(`gradient planner backends: iterations per second, ${batch} scenarios x 300 days, Adam, fresh scenarios every iteration (about ${seconds} s each)\n`);
const rows: string[][] = [['instance', ...backends, 'compiled / tfjs-wasm']];
const notes = new Set<string>();
for (const inst of instances) {
  const rates = new Map<string, number>();
  const row = [inst.name];
  for (const b of backends) {
    const m = await measure(inst.compiled, b);
    if (typeof m === 'string') row.push('n/a');
    else {
      rates.set(b, m.rate);
      row.push(`${m.rate.toFixed(2)} it/s (${m.iterations} it)`);
    }
    if (typeof m === 'string' && !notes.has(b)) {
      notes.add(b);
      console.log(`${b}: ${m}`);
    }
  }
  const c = rates.get('compiled');
  const w = rates.get('tfjs-wasm');
  row.push(c && w ? `${(c / w).toFixed(1)}x` : 'n/a');
  rows.push(row);
}
const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
for (const r of rows) console.log(r.map((cell, j) => cell.padEnd(widths[j]!)).join('  '));
