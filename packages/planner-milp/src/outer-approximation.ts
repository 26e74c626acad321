import * as I from './interval.js';
import type { Row, Variable } from './program.js';
import { blockGradient, blockValue, quadraticBlocks, type QuadraticBlock } from './quadratic.js';
import { relativeGap, type Solver, type SolverProblem, type SolveOptions, type SolveResult } from './solver.js';

export interface OuterApproximationOptions {
  /** Stop when (bound − best) <= tolerance · |best|. */
  readonly tolerance: number;
  readonly maxIterations: number;
  /** Cut each scenario's quadratic part separately (when each is concave on its own). */
  readonly byScenario?: boolean;
}

export interface OuterApproximationResult extends SolveResult {
  readonly iterations: number;
  readonly cuts: number;
}

/**
 * Maximise a concave quadratic objective with a linear (MILP or LP) solver:
 * each quadratic block q_B is replaced by a variable θ_B <= q_B, and tangent
 * planes θ_B <= q_B(x̂) + ∇q_B(x̂)ᵀ(x − x̂), which lie above a concave q_B,
 * are added at every master solution x̂ until the master's bound and the
 * best true objective meet. The master's bound is an upper bound (the cuts
 * only relax), the true objective at a master solution a lower one, so the
 * reported gap is proven.
 */
export function solveWithOuterApproximation(solver: Solver, p: SolverProblem, options: SolveOptions, oa: OuterApproximationOptions): OuterApproximationResult {
  const start = performance.now();
  const blocks = quadraticBlocks(p, oa.byScenario ?? false);
  const n = p.vars.length;
  const vars: Variable[] = [...p.vars];
  const cost = Array.from(p.cost);
  const rows: Row[] = [...p.rows];
  // Start from the box centre so that no θ is unbounded in the first master.
  const centre = p.vars.map((v) => (Number.isFinite(v.lb) && Number.isFinite(v.ub) ? (v.lb + v.ub) / 2 : Number.isFinite(v.lb) ? v.lb : Number.isFinite(v.ub) ? v.ub : 0));
  // θ_B = s_B θ'_B, with s_B a power of two of q_B's size, so that cut rows have coefficients near 1
  // (an objective of 1e8 against variables scaled to 1 otherwise leaves GLPK's simplex in numerical trouble).
  const thetaScale = blocks.map((b) => {
    const g = blockGradient(b, centre);
    const size = Math.abs(blockValue(b, centre)) + b.vars.reduce((s, v, m) => s + Math.abs(g[m]!) * Math.max(1, Math.abs(centre[v]!)), 0);
    return size > 0 && Number.isFinite(size) ? Math.pow(2, Math.round(Math.log2(size))) : 1;
  });
  const theta = blocks.map((b, k) => {
    const box = thetaBox(b, p.vars) / thetaScale[k]!;
    vars.push({ name: `theta${k}`, lb: -Infinity, ub: box, type: 'continuous' });
    cost.push(thetaScale[k]!);
    return n + k;
  });
  const addCut = (b: QuadraticBlock, k: number, x: ArrayLike<number>) => {
    // θ − ∇qᵀx <= q(x̂) − ∇qᵀx̂, divided by s_B
    const s = thetaScale[k]!;
    const g = blockGradient(b, x);
    let rhs = blockValue(b, x);
    b.vars.forEach((v, m) => (rhs -= g[m]! * x[v]!));
    rows.push({ name: `oa${rows.length}`, index: [theta[k]!, ...b.vars], value: [1, ...g.map((v) => -v / s)], lo: -Infinity, hi: rhs / s, origin: `tangent cut of quadratic block ${k}` });
  };
  blocks.forEach((b, k) => addCut(b, k, centre));
  let cuts = blocks.length;

  const trueObjective = (x: ArrayLike<number>) => {
    let total = p.offset;
    for (let i = 0; i < n; i++) total += p.cost[i]! * x[i]!;
    for (const b of blocks) total += blockValue(b, x);
    return total;
  };
  let best: { x: Float64Array; objective: number } | undefined;
  let bound = Infinity;
  let last: SolveResult | undefined;
  let iterations = 0;
  // A MILP master is only solved to mipGap, so the bounds cannot meet closer than that.
  const tolerance = p.vars.some((v) => v.type !== 'continuous') ? Math.max(oa.tolerance, options.mipGap) : oa.tolerance;
  while (iterations < oa.maxIterations) {
    iterations++;
    const elapsed = (performance.now() - start) / 1000;
    const remaining = options.timeLimit - elapsed;
    if (remaining <= 0) break;
    last = solver.solve({ vars, rows, cost: Float64Array.from(cost), offset: p.offset, quadratic: [], ...(p.start ? { start: p.start } : {}) }, { ...options, timeLimit: remaining });
    if (!last.x) break;
    const x = last.x.subarray(0, n);
    const value = trueObjective(x);
    if (!best || value > best.objective) best = { x: Float64Array.from(x), objective: value };
    // The master relaxes the problem: its bound bounds the optimum (a master stopped early bounds it by its own bound).
    if (Number.isFinite(last.bound)) bound = Math.min(bound, last.bound);
    if (closedGap(best.objective, bound, tolerance)) break;
    let added = 0;
    blocks.forEach((b, k) => {
      const excess = last!.x![theta[k]!]! * thetaScale[k]! - blockValue(b, x);
      if (excess > 1e-12 * Math.max(1, Math.abs(blockValue(b, x)))) {
        addCut(b, k, x);
        added++;
      }
    });
    cuts += added;
    if (added === 0) break;
  }
  const seconds = (performance.now() - start) / 1000;
  if (!best) {
    const status = last?.status === 'infeasible' || last?.status === 'unbounded' ? last.status : 'no-solution';
    return { status, objective: Number.NaN, bound: Number.NaN, gap: Number.NaN, x: undefined, seconds, iterations, cuts, solver: last?.solver ?? 'highs', ...(last?.message ? { message: last.message } : {}) };
  }
  const gap = relativeGap(best.objective, bound);
  const closed = closedGap(best.objective, bound, tolerance);
  return { status: closed && last?.status === 'optimal' ? 'optimal' : 'feasible', objective: best.objective, bound, gap, x: best.x, seconds, iterations, cuts, solver: last!.solver };
}

/** The same relative gap as the solvers report (`relativeGap`). */
function closedGap(best: number, bound: number, tolerance: number): boolean {
  return bound - best <= tolerance * Math.max(Math.abs(best), 1e-10);
}

/** An upper bound of θ_B from the variable boxes (interval arithmetic); Infinity when unbounded. */
function thetaBox(b: QuadraticBlock, vars: readonly Variable[]): number {
  let total = I.point(0);
  for (const { i, j, q } of b.terms) {
    const x = I.interval(vars[i]!.lb, vars[i]!.ub);
    const term = i === j ? I.square(x) : I.mul(x, I.interval(vars[j]!.lb, vars[j]!.ub));
    total = I.add(total, I.scale(term, q));
  }
  return Number.isFinite(total.hi) ? total.hi : Infinity;
}
