import GLPK from 'glpk.js/node';
import type { LP } from 'glpk.js/node';
import type { Solver, SolverProblem, SolveOptions, SolveResult } from './solver.js';
import { objectiveAt, relativeGap } from './solver.js';

type Glpk = Awaited<ReturnType<typeof GLPK>>;

let instance: Promise<Glpk> | undefined;

/**
 * GLPK 5 (simplex LP, branch-and-bound MIP without cuts or heuristics in
 * glpk.js) compiled to WebAssembly. It has no QP: quadratic objectives go
 * through outer approximation. It reports no MIP bound either, so when a
 * solve stops early the bound is the LP relaxation's.
 */
export async function createGlpkSolver(): Promise<Solver> {
  instance ??= GLPK();
  const glpk = await instance;
  return { name: 'glpk', quadratic: false, threaded: false, solve: (problem, options) => solveWithGlpk(glpk, problem, options) };
}

function solveWithGlpk(glpk: Glpk, p: SolverProblem, options: SolveOptions): SolveResult {
  const start = performance.now();
  // GLPK aborts (and its module dies) on a problem without columns.
  if (p.vars.length === 0) return { status: 'optimal', objective: p.offset, bound: p.offset, gap: 0, x: new Float64Array(0), seconds: 0, solver: 'glpk' };
  if (p.quadratic.length > 0) throw new Error('GLPK cannot solve quadratic programs (use outer approximation)');
  const integral = p.vars.some((v) => v.type !== 'continuous');
  // Column names are indices: LP names of the program may collide after GLPK's own checks.
  const name = (i: number) => `x${i}`;
  const boundType = (lo: number, hi: number) =>
    lo === -Infinity && hi === Infinity ? glpk.GLP_FR : hi === Infinity ? glpk.GLP_LO : lo === -Infinity ? glpk.GLP_UP : lo === hi ? glpk.GLP_FX : glpk.GLP_DB;
  const finite = (v: number) => (Number.isFinite(v) ? v : 0);
  const lp: LP = {
    name: 'milp',
    objective: { direction: glpk.GLP_MAX, name: 'obj', vars: Array.from(p.cost, (coef, i) => ({ name: name(i), coef })) },
    subjectTo: p.rows.map((r, k) => ({
      name: `r${k}`,
      vars: r.index.map((i, m) => ({ name: name(i), coef: r.value[m]! })),
      bnds: { type: boundType(r.lo, r.hi), lb: finite(r.lo), ub: finite(r.hi) },
    })),
    bounds: p.vars.map((v, i) => ({ name: name(i), type: boundType(v.lb, v.ub), lb: finite(v.lb), ub: finite(v.ub) })),
    generals: p.vars.flatMap((v, i) => (v.type === 'continuous' ? [] : [name(i)])),
  };
  const settings = {
    msglev: options.verbose ? glpk.GLP_MSG_ON : glpk.GLP_MSG_OFF,
    presol: true,
    mipgap: options.mipGap,
    ...(Number.isFinite(options.timeLimit) ? { tmlim: options.timeLimit } : {}),
  };
  let result: ReturnType<Glpk['solve']>['result'];
  try {
    result = glpk.solve(lp, settings).result;
  } catch (err) {
    return { status: 'error', objective: Number.NaN, bound: Number.NaN, gap: Number.NaN, x: undefined, seconds: seconds(start), solver: 'glpk', message: (err as Error).message };
  }
  // GLPK's presolver gives up without a basis on some LPs that the plain simplex solves.
  if (result.status === glpk.GLP_UNDEF && !integral) result = glpk.solve(lp, { ...settings, presol: false }).result;
  const x = new Float64Array(p.vars.length);
  p.vars.forEach((_, i) => (x[i] = result.vars[name(i)] ?? 0));
  const objective = objectiveAt(p, x);
  switch (result.status) {
    case glpk.GLP_OPT:
      // Optimal within mipgap: GLPK reports no bound, only that the gap is at most mipgap.
      return { status: 'optimal', objective, bound: integral ? objective + options.mipGap * Math.abs(objective) : objective, gap: integral ? options.mipGap : 0, x, seconds: seconds(start), solver: 'glpk' };
    case glpk.GLP_FEAS: {
      const bound = relaxationBound(glpk, lp, settings) + p.offset;
      return { status: 'feasible', objective, bound, gap: relativeGap(objective, bound), x, seconds: seconds(start), solver: 'glpk' };
    }
    case glpk.GLP_NOFEAS:
    case glpk.GLP_INFEAS:
      return { status: 'infeasible', objective: Number.NaN, bound: Number.NaN, gap: Number.NaN, x: undefined, seconds: seconds(start), solver: 'glpk' };
    case glpk.GLP_UNBND:
      return { status: 'unbounded', objective: Number.NaN, bound: Number.NaN, gap: Number.NaN, x: undefined, seconds: seconds(start), solver: 'glpk' };
    default:
      return { status: 'no-solution', objective: Number.NaN, bound: Number.NaN, gap: Number.NaN, x: undefined, seconds: seconds(start), solver: 'glpk', message: `GLPK status ${result.status}` };
  }
}

/** The LP relaxation's optimum: a valid (weak) bound when branch-and-bound stops early. */
function relaxationBound(glpk: Glpk, lp: LP, settings: { msglev: number; presol: boolean }): number {
  const relaxed = glpk.solve({ ...lp, generals: [] }, { msglev: settings.msglev, presol: settings.presol }).result;
  return relaxed.status === glpk.GLP_OPT ? relaxed.z : Number.NaN;
}

const seconds = (start: number) => (performance.now() - start) / 1000;
