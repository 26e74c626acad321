import { compileModel } from '@rddl/compiler';
import type { RunRecord, RunSpec } from '@rddl/bench';
import { evaluatePlanner, parseAction, parseBudget, parseOverride, withNonFluents } from '@rddl/planning';
import { SimulationError } from '@rddl/sim';
import { renderDiagnostic } from '@rddl/core';
import { CliError } from '../io.js';
import { loadPlanner } from '../planners.js';
import { loadProblem } from '../problem.js';
import { mergeOptions } from '../solve-config.js';
import { silentIo } from './silent-io.js';

/**
 * Run one benchmark run: load the instance, make the planner (with its
 * overrides and options), evaluate it on `episodes` episodes of `seed`, and
 * record returns, planning time, the mean cumulative reward by step and the
 * mean of the tracked state fluents by step. Failures become error records.
 */
export async function executeRun(spec: RunSpec, cwd: string): Promise<RunRecord> {
  const started = performance.now();
  const io = silentIo(cwd);
  const base = { id: spec.id, instance: spec.instance.label, planner: spec.planner.label, plannerKind: spec.planner.planner, seed: spec.seed, episodes: spec.episodes };
  try {
    const files = [spec.instance.domain, ...(spec.instance.instance ? [spec.instance.instance] : [])];
    const { compiled, model } = loadProblem(files, spec.instance.name !== undefined ? { instance: spec.instance.name } : {}, io, true);
    let planning = compiled;
    if (spec.planner.overrides?.length) {
      const overrides = spec.planner.overrides.map((t) => parseOverride(t)!);
      const result = compileModel(withNonFluents(model, overrides));
      if (!result.compiled) throw new Error(result.diagnostics.map((d) => renderDiagnostic(d)).join('\n'));
      planning = result.compiled;
    }
    const factory = await loadPlanner(spec.planner.planner);
    if (!factory) throw new Error(`unknown or uninstalled planner '${spec.planner.planner}'`);
    const given: Record<string, unknown> = { ...(spec.planner.options ?? {}) };
    if (spec.planner.planner === 'constant') given['action'] = parseAction(compiled, spec.planner.action ?? '');
    const options = mergeOptions(spec.planner.planner, factory.defaults as Record<string, unknown>, given);
    const unsupported = factory.supports?.(planning, options);
    if (unsupported) throw new Error(`planner '${spec.planner.planner}' cannot handle this model: ${unsupported}`);
    const budget = (spec.planner.budget && parseBudget(spec.planner.budget)) || factory.defaultBudget || { kind: 'iterations' as const, iterations: 100 };
    const planner = await factory.create({ compiled: planning, seed: spec.seed, budget, workers: spec.plannerWorkers }, options);

    const horizon = compiled.horizon;
    const cumulative = new Float64Array(horizon);
    const count = new Float64Array(horizon);
    const trackedIndices = compiled.layout.state.fluents.filter((f) => spec.track.includes(f.pvariable.name));
    const tracked = new Map(trackedIndices.map((f) => [f.name, new Float64Array(horizon + 1)]));
    try {
      const evaluation = await evaluatePlanner(compiled, planner, {
        episodes: spec.episodes,
        seed: spec.seed,
        onStep: (r) => {
          cumulative[r.t]! += r.reward;
          count[r.t]! += 1;
          if (r.t === 0) for (const f of trackedIndices) tracked.get(f.name)![0]! += r.state[f.index]!;
          for (const f of trackedIndices) tracked.get(f.name)![r.t + 1]! += r.nextState[f.index]!;
        },
      });
      let running = 0;
      const cumulativeReward: number[] = [];
      for (let t = 0; t < horizon && count[t]! > 0; t++) {
        running += cumulative[t]! / count[t]!;
        cumulativeReward.push(running);
      }
      const trackedOut: Record<string, number[]> = {};
      for (const [name, sums] of tracked) trackedOut[name] = [...sums].slice(0, cumulativeReward.length + 1).map((v, t) => v / Math.max(1, t === 0 ? count[0]! : count[t - 1]!));
      const s = evaluation.result.summary;
      return {
        ...base,
        status: 'ok',
        returns: [...evaluation.result.returns],
        meanReturn: s.mean,
        ci95: s.ci95,
        planSeconds: evaluation.planSeconds,
        wallSeconds: (performance.now() - started) / 1000,
        cumulativeReward,
        tracked: trackedOut,
        stats: evaluation.stats as Record<string, number | string>,
        domainName: model.domainName,
        instanceName: model.instanceName,
        finishedAt: new Date().toISOString(),
      };
    } finally {
      await planner.dispose?.();
    }
  } catch (err) {
    const message =
      err instanceof SimulationError
        ? renderDiagnostic(err.diagnostic)
        : err instanceof CliError
          ? `${io.text().trim()}\n${err.message}`.trim()
          : err instanceof Error
            ? err.message
            : String(err);
    return { ...base, status: 'error', error: message, wallSeconds: (performance.now() - started) / 1000, finishedAt: new Date().toISOString() };
  }
}
