import { formatLocation } from '@rddl/core';
import { irChildren, type CompiledModel, type IrNode } from '@rddl/compiler';
import { analyseModel } from './analysis.js';
import { EncodingError } from './encode-error.js';
import { toSolverProblem } from './program.js';
import { meanDraws } from './scenarios.js';
import { assertConcave } from './solve-program.js';
import { Unroller } from './unroll.js';

/**
 * undefined when the model is in the fragment the milp planner encodes,
 * else what is not, naming the construct and its source line. Two checks:
 * constructs with no encoding at all (multivariate draws, matrix
 * functions), then a trial build of the first steps from the initial state
 * with mean values, which finds everything that depends on the values
 * (unbounded big-M operands, draws with decision-dependent parameters,
 * non-concave quadratic rewards, ...).
 */
export function unsupportedConstruct(compiled: CompiledModel, settings: { pieces: number; epsilon: number; invariants: boolean }): string | undefined {
  const roots = [compiled.reward, ...compiled.cpfs.map((c) => c.expr), ...compiled.preconditions.map((p) => p.expr), ...compiled.invariants.map((p) => p.expr)];
  const seen = new Set<IrNode>();
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.op === 'vector-component') return `${n.group.dist} at ${formatLocation(n.span)}: multivariate distributions are not supported by the milp planner`;
    if (n.op === 'matrix-entry') return `${n.group.fn} at ${formatLocation(n.span)}: matrix functions are not supported by the milp planner`;
    if (n.op === 'det') return `det at ${formatLocation(n.span)}: matrix functions are not supported by the milp planner`;
    stack.push(...irChildren(n));
  }
  try {
    const u = new Unroller(analyseModel(compiled), compiled.initialState, 0, meanDraws, {
      lookahead: Math.max(1, Math.min(2, compiled.horizon)),
      scenarios: 1,
      sharedSteps: 1,
      ...settings,
    });
    u.build();
    assertConcave(toSolverProblem(u.program), compiled.model.reward.span);
  } catch (err) {
    if (err instanceof EncodingError) return err.message;
    throw err;
  }
  return undefined;
}
