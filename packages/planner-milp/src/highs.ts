import highsModule from 'highs';
import type { Solver, SolverProblem, SolveOptions, SolveResult } from './solver.js';
import { objectiveAt, relativeGap } from './solver.js';

// The package's types are CommonJS-flavoured (under NodeNext the loader shows up as `.default`),
// while Node's ESM entry exports the loader itself: accept both.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as typeof highsModule.default;
type Highs = Awaited<ReturnType<typeof loadHighs>>;

let instance: Promise<Highs> | undefined;

/**
 * HiGHS (branch-and-cut MIP, simplex LP, active-set convex QP) compiled to
 * WebAssembly, through its persistent API with sparse arrays (no LP text to
 * parse). The module is instantiated once per process (about 0.2 s).
 */
export async function createHighsSolver(): Promise<Solver> {
  instance ??= loadHighs();
  const highs = await instance;
  return {
    name: 'highs',
    quadratic: true,
    // The WebAssembly build is single-threaded.
    threaded: false,
    solve: (problem, options) => solveWithHighs(highs, problem, options),
  };
}

function solveWithHighs(highs: Highs, p: SolverProblem, options: SolveOptions): SolveResult {
  const start = performance.now();
  const inf = highs.infinity;
  const clamp = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v);
  const n = p.vars.length;
  const integral = p.vars.some((v) => v.type !== 'continuous');
  if (integral && p.quadratic.length > 0) throw new Error('HiGHS cannot solve mixed-integer quadratic programs (use outer approximation)');
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of p.rows) {
    for (let k = 0; k < r.index.length; k++) {
      indices.push(r.index[k]!);
      values.push(r.value[k]!);
    }
    starts.push(indices.length);
  }
  const model = highs.createModel({
    numCols: n,
    numRows: p.rows.length,
    sense: highs.constants.objectiveSense.maximize,
    offset: p.offset,
    colCost: p.cost,
    colLower: p.vars.map((v) => clamp(v.lb)),
    colUpper: p.vars.map((v) => clamp(v.ub)),
    rowLower: p.rows.map((r) => clamp(r.lo)),
    rowUpper: p.rows.map((r) => clamp(r.hi)),
    matrix: { format: 'csr', numRows: p.rows.length, numCols: n, starts, indices, values },
    ...(integral ? { integrality: p.vars.map((v) => (v.type === 'continuous' ? 0 : 1)) } : {}),
    ...(p.quadratic.length > 0 ? { hessian: hessianOf(n, p) } : {}),
  });
  try {
    // Feasibility tolerances well below the models' own (RDDL tolerances of 1e-6, the strict-comparison
    // margin epsilon): at HiGHS's default MIP tolerance of 1e-6 a solution may break a precondition by 1e-6.
    const settings: Record<string, number | boolean> = {
      output_flag: options.verbose,
      mip_rel_gap: options.mipGap,
      primal_feasibility_tolerance: 1e-9,
      mip_feasibility_tolerance: 1e-9,
    };
    if (Number.isFinite(options.timeLimit)) settings['time_limit'] = options.timeLimit;
    if (Number.isFinite(options.nodeLimit)) settings['mip_max_nodes'] = Math.min(2147483647, Math.round(options.nodeLimit));
    model.options.set(settings);
    // A partial start (the default actions) gives the MIP heuristics something to complete;
    // entries outside the current boxes (a fixed action) are left out.
    if (integral && p.start) {
      const keep = p.start.index.map((_, k) => k).filter((k) => {
        const v = p.vars[p.start!.index[k]!]!;
        const value = p.start!.value[k]!;
        return value >= v.lb && value <= v.ub;
      });
      if (keep.length > 0) model.setSolution({ indices: keep.map((k) => p.start!.index[k]!), values: keep.map((k) => p.start!.value[k]!) });
    }
    try {
      model.run();
    } catch (err) {
      return { status: 'error', objective: Number.NaN, bound: Number.NaN, gap: Number.NaN, x: undefined, seconds: seconds(start), solver: 'highs', message: (err as Error).message };
    }
    const codes = highs.constants.modelStatus;
    const status = model.getModelStatus();
    const hasPrimal = Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
    const x = hasPrimal ? Float64Array.from(model.getSolution().colValue) : undefined;
    const objective = x ? objectiveAt(p, x) : Number.NaN;
    let bound = Number.NaN;
    let gap = Number.NaN;
    if (integral) {
      bound = Number(model.info.get('mip_dual_bound'));
      gap = x ? relativeGap(objective, bound) : Number.NaN;
    } else if (status === codes.optimal) {
      bound = objective;
      gap = 0;
    }
    if (status === codes.optimal) return { status: 'optimal', objective, bound, gap, x, seconds: seconds(start), solver: 'highs' };
    if (status === codes.infeasible) return { status: 'infeasible', objective, bound, gap, x: undefined, seconds: seconds(start), solver: 'highs' };
    if (status === codes.unbounded || status === codes.unboundedOrInfeasible) return { status: 'unbounded', objective, bound, gap, x: undefined, seconds: seconds(start), solver: 'highs' };
    return { status: x ? 'feasible' : 'no-solution', objective, bound, gap, x, seconds: seconds(start), solver: 'highs', message: `HiGHS model status ${status}` };
  } finally {
    model.dispose();
  }
}

/** The Hessian Q of ½ xᵀQx, lower triangle by columns, from the terms q_ij x_i x_j. */
function hessianOf(n: number, p: SolverProblem) {
  const columns: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const { i, j, q } of p.quadratic) {
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    const value = i === j ? 2 * q : q;
    columns[lo]!.set(hi, (columns[lo]!.get(hi) ?? 0) + value);
  }
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const column of columns) {
    for (const [row, v] of [...column].sort((a, b) => a[0] - b[0])) {
      indices.push(row);
      values.push(v);
    }
    starts.push(indices.length);
  }
  return { format: 'triangular' as const, dimension: n, starts, indices, values };
}

const seconds = (start: number) => (performance.now() - start) / 1000;

/**
 * Solve a program given as CPLEX LP text with HiGHS (its own LP reader): how
 * a `--dump-lp` file can be checked, and what the tests use to confirm a
 * dump is the program that was solved.
 */
export async function solveLpText(text: string): Promise<{ status: string; objective: number }> {
  instance ??= loadHighs();
  const highs = await instance;
  const r = highs.solve(text, { output_flag: false });
  return { status: r.Status, objective: r.ObjectiveValue };
}
