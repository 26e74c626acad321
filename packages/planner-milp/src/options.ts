import type { Budget } from '@rddl/planning';
import { solverNames, type SolverName } from './solver.js';

/** The options of the milp planner (`rddl solve --planner milp --option key=value`). */
export interface MilpOptions {
  /** Lookahead: steps unrolled at each replanning (capped by the steps left in the episode, and 1024). */
  readonly horizon: number;
  /** 'saa': sample-average approximation over `scenarios` scenarios; 'mean': mean-value determinisation. */
  readonly uncertainty: string;
  /** Scenarios K of the sample-average approximation. */
  readonly scenarios: number;
  /** Draw scenarios in antithetic pairs (u, 1 − u). */
  readonly antithetic: boolean;
  /** Leading steps whose actions every scenario shares (non-anticipativity); at least `replanEvery`. */
  readonly sharedSteps: number;
  /** Replan every k steps (rolling horizon): the first k actions of each plan are played. */
  readonly replanEvery: number;
  /** 'auto' (by program: see `createAutoSolver`), 'highs' or 'glpk'. */
  readonly solver: string;
  /** Seconds per solve; 0 takes it from a seconds budget (an iteration budget limits branch-and-bound nodes instead). */
  readonly timeLimit: number;
  /** Relative MIP gap at which a solve may stop. */
  readonly mipGap: number;
  /** Solver threads, where the solver has them (neither WebAssembly build does: 1). */
  readonly threads: number;
  /** Segments of each piecewise-linear approximation (exp, ln, pow, ...). */
  readonly pieces: number;
  /** Margin separating a strict real comparison from its negation, relative to the range of its operands. */
  readonly epsilon: number;
  /** Enforce state invariants on the predicted states. */
  readonly invariants: boolean;
  /** 'auto' (exact QP where possible) or 'outer-approximation' (always tangent cuts). */
  readonly quadratic: string;
  /** Relative gap at which outer approximation stops. */
  readonly oaTolerance: number;
  /** Most outer-approximation iterations (master solves) per plan. */
  readonly oaIterations: number;
  /** Write the first program solved to this file in CPLEX LP format (`rddl solve --dump-lp FILE`). */
  readonly dumpLp: string | undefined;
  /** Print the solver's log. */
  readonly verbose: boolean;
}

export const milpDefaults: MilpOptions = {
  horizon: 10,
  uncertainty: 'saa',
  scenarios: 16,
  antithetic: true,
  sharedSteps: 1,
  replanEvery: 1,
  // Chosen by measurement (bench/milp.ts, docs/planners/milp.md): GLPK for LPs and small MILPs, HiGHS for the rest and for QPs.
  solver: 'auto',
  timeLimit: 0,
  mipGap: 1e-4,
  threads: 1,
  pieces: 8,
  epsilon: 1e-4,
  invariants: true,
  quadratic: 'auto',
  oaTolerance: 1e-6,
  oaIterations: 100,
  dumpLp: undefined,
  verbose: false,
};

/** Check option values; throws an Error that names the option and what it takes. */
export function checkOptions(o: MilpOptions): void {
  const positiveInt = (name: keyof MilpOptions, max = Infinity) => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw new Error(`option '${name}' takes an integer from 1 to ${max}, not ${String(v)}`);
  };
  positiveInt('horizon', 1024);
  positiveInt('scenarios', 4096);
  positiveInt('sharedSteps', 1024);
  positiveInt('replanEvery', 1024);
  positiveInt('threads', 256);
  positiveInt('pieces', 1000);
  positiveInt('oaIterations', 100000);
  const choice = (name: keyof MilpOptions, values: readonly string[]) => {
    if (!values.includes(o[name] as string)) throw new Error(`option '${name}' takes ${values.join(' or ')}, not ${String(o[name])}`);
  };
  choice('uncertainty', ['saa', 'mean']);
  choice('solver', ['auto', ...solverNames]);
  choice('quadratic', ['auto', 'outer-approximation']);
  const nonNegative = (name: keyof MilpOptions) => {
    const v = o[name];
    if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) throw new Error(`option '${name}' takes a number >= 0, not ${String(v)}`);
  };
  nonNegative('timeLimit');
  nonNegative('mipGap');
  nonNegative('oaTolerance');
  if (!(o.epsilon > 0)) throw new Error(`option 'epsilon' takes a number > 0, not ${String(o.epsilon)}`);
  if (o.dumpLp !== undefined && typeof o.dumpLp !== 'string') throw new Error(`option 'dumpLp' takes a file name`);
}

/** Time and node limits of one solve from the options and the planner budget. */
export function solveLimits(o: MilpOptions, budget: Budget): { timeLimit: number; nodeLimit: number } {
  if (o.timeLimit > 0) return { timeLimit: o.timeLimit, nodeLimit: Infinity };
  if (budget.kind === 'seconds') return { timeLimit: budget.seconds, nodeLimit: Infinity };
  return { timeLimit: Infinity, nodeLimit: budget.iterations };
}

export const solverName = (o: MilpOptions): SolverName | 'auto' => o.solver as SolverName | 'auto';
