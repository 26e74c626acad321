import type { Row, Variable } from './program.js';

/**
 * A mixed-integer program as the solvers take it: maximise
 * offset + Σ cost_i x_i + Σ_{(i,j)} q_ij x_i x_j (i <= j) subject to the rows
 * and the boxes.
 */
export interface SolverProblem {
  readonly vars: readonly Variable[];
  readonly rows: readonly Row[];
  readonly cost: Float64Array;
  readonly offset: number;
  /** Quadratic objective terms; empty for a MILP. `group`: terms of one scenario (their sum is concave on its own). */
  readonly quadratic: readonly { readonly i: number; readonly j: number; readonly q: number; readonly group?: number }[];
  /** A partial MIP start (the default actions): solvers that take one complete it, the others ignore it. */
  readonly start?: { readonly index: readonly number[]; readonly value: readonly number[] };
}

export interface SolveOptions {
  /** Seconds; Infinity for none. */
  readonly timeLimit: number;
  /** Relative gap at which a MIP solve may stop. */
  readonly mipGap: number;
  /** Branch-and-bound nodes (iteration budgets): Infinity for none. */
  readonly nodeLimit: number;
  readonly threads: number;
  readonly verbose: boolean;
}

export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'unbounded' | 'no-solution' | 'error';

export interface SolveResult {
  readonly status: SolveStatus;
  /** Objective of the returned solution (maximised); NaN without one. */
  readonly objective: number;
  /** Best proven upper bound on the optimum; NaN when unknown. */
  readonly bound: number;
  /** Relative gap |bound − objective| / max(1, |objective|)... as the solver defines it; NaN when unknown. */
  readonly gap: number;
  readonly x: Float64Array | undefined;
  readonly seconds: number;
  /** The back end that produced it (the 'auto' solver delegates). */
  readonly solver: SolverName;
  readonly message?: string;
}

export interface Solver {
  readonly name: SolverName | 'auto';
  /** Continuous convex QP solved exactly; MIQP never (neither solver has one). */
  readonly quadratic: boolean;
  /** Whether `threads` changes anything. */
  readonly threaded: boolean;
  solve(problem: SolverProblem, options: SolveOptions): SolveResult;
}

export type SolverName = 'highs' | 'glpk';
export const solverNames: readonly SolverName[] = ['highs', 'glpk'];

/**
 * Load a solver's WebAssembly module: only when the milp planner runs.
 * 'auto' loads both and picks per program (see `createAutoSolver`).
 */
export async function loadSolver(name: SolverName | 'auto'): Promise<Solver> {
  if (name === 'highs') return (await import('./highs.js')).createHighsSolver();
  if (name === 'glpk') return (await import('./glpk.js')).createGlpkSolver();
  if (name === 'auto') return createAutoSolver(await loadSolver('highs'), await loadSolver('glpk'));
  throw new Error(`unknown solver '${String(name)}' (solvers: auto, ${solverNames.join(', ')})`);
}

/** Programs with at most this many integer variables go to GLPK under 'auto' (bench/milp.ts). */
export const AUTO_GLPK_MAX_INTEGERS = 64;

/**
 * The measured choice (bench/milp.ts, docs/planners/milp.md): HiGHS pays
 * about 0.1 s of set-up per MIP however small (0.13 s on the Table 1 day-0
 * program, 4 binaries, where GLPK takes 0.013 s); GLPK has no cuts and
 * stalls on the larger MILPs (208 integers: 32 % gap after 60 s, where
 * HiGHS proves 0 % in 0.2 s; 520: 159 % against 1.6 s). So: quadratic
 * programs and MILPs with more than 64 integer variables to HiGHS, the
 * rest (LPs, small MILPs, the programs of most replanning steps) to GLPK.
 */
export function createAutoSolver(highs: Solver, glpk: Solver): Solver {
  return {
    name: 'auto',
    quadratic: true,
    threaded: false,
    solve(problem, options) {
      if (problem.quadratic.length > 0) return highs.solve(problem, options);
      const integers = problem.vars.reduce((n, v) => n + (v.type === 'continuous' ? 0 : 1), 0);
      return (integers <= AUTO_GLPK_MAX_INTEGERS ? glpk : highs).solve(problem, options);
    },
  };
}

/** Relative gap as both back ends report it: |bound − objective| / max(|objective|, 1e-10). */
export function relativeGap(objective: number, bound: number): number {
  if (!Number.isFinite(objective) || !Number.isFinite(bound)) return Number.NaN;
  return Math.abs(bound - objective) / Math.max(Math.abs(objective), 1e-10);
}

/** The objective of a solution, evaluated in float64 (not trusted from the solver). */
export function objectiveAt(p: SolverProblem, x: ArrayLike<number>): number {
  let total = p.offset;
  for (let i = 0; i < p.cost.length; i++) total += p.cost[i]! * x[i]!;
  for (const { i, j, q } of p.quadratic) total += q * x[i]! * x[j]!;
  return total;
}
