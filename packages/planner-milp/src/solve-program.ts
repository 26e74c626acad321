import { EncodingError } from './encode-error.js';
import { solveWithOuterApproximation } from './outer-approximation.js';
import { toSolverProblem, type Program } from './program.js';
import { isConcave, quadraticBlocks } from './quadratic.js';
import type { Span } from '@rddl/core';
import type { Solver, SolverProblem, SolveOptions, SolveResult } from './solver.js';
import { scaleColumns, unscale } from './scaling.js';

export type SolveMethod = 'lp' | 'milp' | 'qp' | 'outer-approximation';

export interface ProgramSolution extends SolveResult {
  readonly method: SolveMethod;
  /** Outer-approximation masters solved (1 otherwise). */
  readonly iterations: number;
  readonly problem: SolverProblem;
}

export interface ProgramSolveOptions extends SolveOptions {
  /** 'auto': exact QP where the solver has one and the model is continuous; else outer approximation. */
  readonly quadratic: 'auto' | 'outer-approximation';
  readonly oaTolerance: number;
  readonly oaIterations: number;
}

/**
 * Solve a built program with a solver: linear programs directly; a concave
 * quadratic objective exactly by the solver's QP when the program is
 * continuous and the solver has one (HiGHS), else by outer approximation
 * (GLPK, and every mixed-integer quadratic program: neither solver has MIQP).
 */
export function solveProgram(program: Program, solver: Solver, options: ProgramSolveOptions, rewardSpan?: Span): ProgramSolution {
  const problem = toSolverProblem(program);
  const integral = program.integerCount > 0;
  if (program.infeasible !== undefined) {
    return { status: 'infeasible', objective: Number.NaN, bound: Number.NaN, gap: Number.NaN, x: undefined, seconds: 0, solver: solver.name === 'auto' ? 'highs' : solver.name, message: program.infeasible, method: integral ? 'milp' : 'lp', iterations: 0, problem };
  }
  if (problem.vars.length === 0) {
    // Nothing to decide (every action ignored, every value known): no solver needed (GLPK aborts on it).
    return { status: 'optimal', objective: problem.offset, bound: problem.offset, gap: 0, x: new Float64Array(0), seconds: 0, solver: solver.name === 'auto' ? 'glpk' : solver.name, method: 'lp', iterations: 0, problem };
  }
  const byScenario = problem.quadratic.length > 0 ? assertConcave(problem, rewardSpan) : true;
  const { problem: scaled, factors } = scaleColumns(problem);
  const back = (r: SolveResult): SolveResult => (r.x ? { ...r, x: unscale(r.x, factors) } : r);
  if (problem.quadratic.length === 0) return { ...back(solver.solve(scaled, options)), method: integral ? 'milp' : 'lp', iterations: 1, problem };
  if (solver.quadratic && !integral && options.quadratic === 'auto') return { ...back(solver.solve(scaled, options)), method: 'qp', iterations: 1, problem };
  const r = solveWithOuterApproximation(solver, scaled, options, { tolerance: options.oaTolerance, maxIterations: options.oaIterations, byScenario });
  return { ...back(r), iterations: r.iterations, method: 'outer-approximation', problem };
}

/**
 * A maximised quadratic objective must be concave (a convex cost) for QP and
 * outer approximation. Returns whether every scenario's part is concave on
 * its own (then outer approximation cuts scenario by scenario).
 */
export function assertConcave(problem: SolverProblem, rewardSpan?: Span): boolean {
  if (quadraticBlocks(problem, true).every(isConcave)) return true;
  for (const block of quadraticBlocks(problem, false)) {
    if (!isConcave(block)) {
      const names = block.vars.slice(0, 4).map((v) => problem.vars[v]!.name).join(', ');
      throw new EncodingError('reward', rewardSpan, `its quadratic part is not concave in the decisions (in ${names}${block.vars.length > 4 ? ', ...' : ''}); the milp planner needs quadratic terms that are convex costs (a concave reward)`);
    }
  }
  return false;
}
