import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CounterStream, deriveSeedKey, formatLocation } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import type { Planner, PlannerContext, PlannerFactory, PlannerStats } from '@rddl/planning';
import { ActionGuard } from './act.js';
import { planConstraints, type ConstraintPlan } from './analysis/constraints.js';
import { ActionDependence } from './analysis/dependence.js';
import { createRollout } from './backends.js';
import { explainRelaxations } from './explain.js';
import { tfUnsupported } from './tfjs/coverage.js';
import { ScenarioNoise } from './noise.js';
import { gradientDefaults, resolveOptions, type GradientOptions, type ResolvedOptions } from './options.js';
import { optimisePlan, type OptimiseResult } from './plan/optimise.js';
import { PlanParameterisation } from './plan/parameterisation.js';
import { lowerStep, UnsupportedError, type RelaxedExpression } from './program/lower.js';
import type { StepProgram } from './program/types.js';
import { defaultRelaxations } from './relaxations.js';
import type { DifferentiableRollout } from './rollout.js';

/**
 * Why the planner cannot handle a model (the construct and its line), or
 * undefined. It plans real, int and bool actions; enum- and object-valued
 * actions and multivariate or matrix expressions are not supported.
 */
export function gradientSupports(compiled: CompiledModel, options?: Partial<GradientOptions>): string | undefined {
  const actions = compiled.layout.action.fluents;
  if (actions.length === 0) return 'the model has no action fluents: there is nothing to plan';
  const finite = actions.find((f) => f.pvariable.range.kind === 'finite');
  if (finite) return `action fluent '${finite.pvariable.name}' (${formatLocation(finite.pvariable.span)}) takes enum or object values; the gradient planner plans real, int and bool actions`;
  try {
    const dependence = new ActionDependence(compiled);
    const { program } = lowerStep(compiled, dependence, planConstraints(compiled, dependence), defaultRelaxations);
    if (options?.backend !== undefined && options.backend !== 'compiled') return tfUnsupported(program);
  } catch (err) {
    if (err instanceof UnsupportedError) return `${err.message} at ${formatLocation(err.span)} is not differentiable here: the gradient planner does not support it`;
    throw err;
  }
  return undefined;
}

/** Planning by gradient descent through relaxed, batched rollouts compiled from the IR. */
export const gradientPlanner: PlannerFactory<GradientOptions> = {
  name: 'gradient',
  description: 'plans by backpropagation through relaxed scenario rollouts of the compiled model (float64 adjoint, or TensorFlow.js); straight-line plan or replanning',
  defaults: gradientDefaults,
  defaultBudget: { kind: 'iterations', iterations: 300 },
  supports: gradientSupports,
  create: (ctx, options) => createGradientPlanner(ctx, options),
};

interface Plan {
  readonly theta: Float64Array;
  /** Step number of the plan's first step. */
  readonly start: number;
}

/** The pieces the planner is built from (exported for tests and the benchmark). */
export interface GradientSetup {
  readonly options: ResolvedOptions;
  readonly dependence: ActionDependence;
  readonly constraints: ConstraintPlan;
  readonly program: StepProgram;
  readonly relaxed: readonly RelaxedExpression[];
  readonly parameterisation: PlanParameterisation;
}

export function setupGradient(compiled: CompiledModel, options: Partial<GradientOptions>): GradientSetup {
  const o = resolveOptions(options);
  const dependence = new ActionDependence(compiled);
  const constraints = planConstraints(compiled, dependence);
  const { program, relaxed } = lowerStep(compiled, dependence, constraints, o.relaxations, { penalties: o.penalty > 0 });
  const parameterisation = new PlanParameterisation(constraints, o.boxMethod, o.relaxations);
  // Bool and int actions are relaxed by their parameterisation: list them too.
  const discrete = new Map<string, RelaxedExpression>();
  compiled.layout.action.fluents.forEach((f) => {
    const kind = f.pvariable.range.kind;
    if (kind !== 'bool' && kind !== 'int') return;
    const known = discrete.get(f.pvariable.name);
    const { method, weight } = o.relaxations['discrete-action'];
    discrete.set(f.pvariable.name, { construct: 'discrete-action', method, weight, what: `${kind} action ${f.pvariable.name}`, span: f.pvariable.span, lanes: (known?.lanes ?? 0) + 1 });
  });
  return { options: o, dependence, constraints, program, relaxed: [...relaxed, ...discrete.values()], parameterisation };
}

async function createGradientPlanner(ctx: PlannerContext, given: GradientOptions): Promise<Planner> {
  const { compiled } = ctx;
  const setup = setupGradient(compiled, given);
  const { options: o, program, parameterisation: param } = setup;
  const H = compiled.horizon;
  const n = compiled.layout.action.size;
  const explain = explainRelaxations(setup.relaxed);
  const rollouts = new Map<number, DifferentiableRollout>();
  const guard = new ActionGuard(compiled, setup.constraints, ctx.seed);
  const progress = (message: string, fraction?: number) => ctx.onProgress?.({ message, ...(fraction !== undefined ? { fraction } : {}) });
  if (o.explain) for (const line of explain) progress(line);

  const rolloutFor = async (horizon: number): Promise<DifferentiableRollout> => {
    let r = rollouts.get(horizon);
    if (!r) {
      r = await createRollout(o.backend, program, { batch: o.batch, horizon, discount: compiled.discount, penalty: o.penalty, passThroughTermination: o.relaxations.termination.method === 'straight-through' }, o.tapeMiB * 2 ** 20);
      rollouts.set(horizon, r);
    }
    return r;
  };
  const horizonFrom = (t: number) => (o.replan > 0 && o.lookahead > 0 ? Math.min(o.lookahead, H - t) : H - t);

  let prepared: Plan | undefined;
  let current: Plan | undefined;
  let last: OptimiseResult | undefined;
  let backendName = o.backend;
  let iterations = 0;
  let seconds = 0;
  let replans = 0;
  let domainErrors = 0;

  const optimise = async (theta: Float64Array, start: Float64Array, t: number, purpose: string): Promise<Plan> => {
    const horizon = theta.length / n;
    const rollout = await rolloutFor(horizon);
    backendName = rollout.backend as typeof backendName;
    const noise = new ScenarioNoise(program.noise, o.batch, horizon, deriveSeedKey(ctx.seed, purpose));
    last = await optimisePlan(theta, {
      rollout,
      parameterisation: param,
      noise,
      budget: ctx.budget,
      optimizer: o.optimizer,
      learningRate: o.learningRate,
      resample: o.resample,
      start,
      firstStep: t,
      firstScenario: 0,
      progressEvery: o.progressEvery,
      onProgress: (message, fraction) => progress(`${t > 0 ? `replanning at step ${t}, ` : ''}${message}`, fraction),
    });
    iterations += last.iterations;
    seconds += last.seconds;
    domainErrors += last.domainErrors;
    return { theta: last.theta, start: t };
  };

  const prepare = async (): Promise<void> => {
    if (prepared) return;
    const horizon = horizonFrom(0);
    const theta = param.init(horizon, o.init, new CounterStream(deriveSeedKey(ctx.seed, 'planner:gradient:init')));
    prepared = await optimise(theta, compiled.initialState, 0, 'planner:gradient');
  };

  /** Re-optimise from `state` at step t, warm-started from the current plan shifted to t. */
  const replan = async (state: Float64Array, t: number, episode: number): Promise<void> => {
    const horizon = horizonFrom(t);
    const theta = param.init(horizon, o.init, new CounterStream(deriveSeedKey(ctx.seed, 'planner:gradient:init')));
    if (current) {
      const old = current.theta;
      const oldSteps = old.length / n;
      for (let k = 0; k < horizon; k++) {
        const from = Math.min(oldSteps - 1, t - current.start + k);
        if (from >= 0) theta.set(old.subarray(from * n, (from + 1) * n), k * n);
      }
    }
    current = await optimise(theta, Float64Array.from(state), t, `planner:gradient:episode:${episode}`);
    replans++;
  };

  const decodeStep = (plan: Plan, t: number, out: Float64Array): boolean => {
    const k = t - plan.start;
    if (k < 0 || k * n >= plan.theta.length) return false;
    param.decode(plan.theta.subarray(k * n, (k + 1) * n), out, false);
    return true;
  };

  return {
    name: 'gradient',
    prepare,
    startEpisode() {
      current = prepared;
    },
    async act(state, t, episode, out) {
      await prepare();
      if (t === 0 || !current) current = prepared;
      else if (o.replan > 0 && t % o.replan === 0) await replan(state, t, episode);
      if (!decodeStep(current!, t, out)) out.set(compiled.defaultAction);
      guard.apply(state, t, episode, out);
    },
    stats(): PlannerStats {
      const stats: Record<string, number | string> = {
        backend: backendName === 'compiled' ? 'compiled float64' : `${backendName} float32`,
        iterations,
        'iterations/s': seconds > 0 ? iterations / seconds : 0,
        'final loss': last?.lastLoss ?? Number.NaN,
        'relaxed return': last?.relaxedReturn ?? Number.NaN,
        'relaxed expressions': setup.relaxed.filter((r) => !(r.construct === 'minmax' && r.method === 'exact')).length,
      };
      if (o.replan > 0) stats['replans'] = replans;
      if (last && last.violation > 0) stats['violation (relaxed)'] = last.violation;
      if (domainErrors > 0) stats['domain errors (relaxed)'] = domainErrors;
      if (guard.fallbacks > 0) stats['precondition fallbacks'] = guard.fallbacks;
      if (guard.clipped > 0) stats['actions clipped to state bounds'] = guard.clipped;
      if (o.explain) stats['relaxations'] = `\n${explain.join('\n')}`;
      return stats;
    },
    writeArtifacts(dir) {
      const files: string[] = [];
      if (prepared) {
        const names = compiled.layout.action.fluents.map((f) => f.name);
        const steps = prepared.theta.length / n;
        const actions = new Float64Array(prepared.theta.length);
        param.decode(prepared.theta, actions, false);
        const rows = [`step,${names.join(',')}`];
        for (let k = 0; k < steps; k++) rows.push(`${k},${Array.from(actions.subarray(k * n, (k + 1) * n)).join(',')}`);
        writeFileSync(join(dir, 'plan.csv'), `${rows.join('\n')}\n`);
        files.push('plan.csv');
      }
      if (last) {
        writeFileSync(join(dir, 'loss.csv'), `iteration,loss\n${last.losses.map((l, i) => `${i + 1},${l}`).join('\n')}\n`);
        files.push('loss.csv');
      }
      writeFileSync(join(dir, 'relaxations.txt'), `${explain.join('\n')}\n`);
      files.push('relaxations.txt');
      return files;
    },
    dispose() {
      for (const r of rollouts.values()) r.dispose?.();
      rollouts.clear();
    },
  };
}
