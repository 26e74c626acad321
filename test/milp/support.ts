import type { CompiledModel } from '@rddl/compiler';
import { createMilpPlanner, milpDefaults, type MilpOptions, type MilpPlanner } from '@rddl/planner-milp';
import type { Budget } from '@rddl/planning';
import { compileText, loadInstance, render } from '../support/sim-helpers.js';

/**
 * Helpers of the milp planner tests: load a domain and instance (paths from
 * the repository root) or inline RDDL, and make a planner with options.
 */

export function load(domain: string, instance: string): CompiledModel {
  const r = loadInstance([domain, instance]);
  if (r.stage !== 'ok') throw new Error(`cannot load ${domain} ${instance}:\n${render(r.diagnostics)}`);
  return r.compiled;
}

export { compileText };

export async function planner(compiled: CompiledModel, options: Partial<MilpOptions> = {}, seed: number | string = 1, budget: Budget = { kind: 'seconds', seconds: 120 }): Promise<MilpPlanner> {
  return createMilpPlanner({ compiled, seed, budget, workers: 1 }, { ...milpDefaults, ...options });
}

/** Relative difference |a − b| / |b|. */
export const relative = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);
