import { asLin, isConst, isQuad, pairOf, plus, scale as scaleSym, variable, type Lin, type Sym } from './affine.js';
import type { SolverProblem } from './solver.js';
import { add, interval, point, scale, square, mul, type Interval } from './interval.js';

export type VarType = 'continuous' | 'integer' | 'binary';

export interface Variable {
  readonly name: string;
  readonly lb: number;
  readonly ub: number;
  readonly type: VarType;
}

/** lo <= Σ value[k] x[index[k]] <= hi */
export interface Row {
  readonly name: string;
  readonly index: readonly number[];
  readonly value: readonly number[];
  readonly lo: number;
  readonly hi: number;
  /** Where the row comes from (an RDDL location, an encoding): written into LP dumps. */
  readonly origin: string | undefined;
}

/**
 * A mixed-integer program being built: variables with boxes, linear rows,
 * and an objective to maximise that may have a quadratic part. The boxes are
 * what the big-M encodings read (`bounds`), so every variable gets the
 * tightest box known when it is created.
 */
export class Program {
  readonly vars: Variable[] = [];
  readonly rows: Row[] = [];
  private objectiveValue: Sym = 0;
  private readonly quadGroups = new Map<number, Map<number, number>>();
  /** A partial solution to start from (solvers that take one complete it). */
  readonly start: { index: number[]; value: number[] } = { index: [], value: [] };
  /** Why the program is infeasible before any solve (a constraint that folded to false). */
  infeasible: string | undefined;
  private readonly names = new Map<string, number>();
  private readonly rowKeys = new Set<string>();
  /** Variables introduced as names for affine expressions (x = definition), e.g. predicted states. */
  private readonly definitions = new Map<number, Lin>();
  private readonly expanded = new Map<number, Sym>();

  addVar(name: string, lb: number, ub: number, type: VarType): number {
    if (type === 'binary') {
      lb = Math.max(lb, 0);
      ub = Math.min(ub, 1);
    }
    if (type !== 'continuous') {
      lb = Math.ceil(lb - 1e-9);
      ub = Math.floor(ub + 1e-9);
    }
    if (!(lb <= ub)) {
      // An empty box: the model cannot be satisfied (reported by the solve, with the name).
      this.infeasible ??= `variable ${name} has an empty range [${lb}, ${ub}]`;
      ub = lb;
    }
    this.vars.push({ name: this.uniqueName(name), lb, ub, type });
    return this.vars.length - 1;
  }

  /** Record that variable `index` equals `definition` (the caller adds the row). */
  define(index: number, definition: Sym): void {
    if (!isConst(definition) && !isQuad(definition)) this.definitions.set(index, definition);
  }

  /**
   * An affine expression with defined variables replaced by their
   * definitions, down to the free ones. Products are formed on expanded
   * values, so that a quadratic objective is stated over the decisions
   * themselves, where its curvature is that of the model (with a defined
   * state as a variable of its own, price·sale would look indefinite).
   */
  expand(s: Sym): Sym {
    if (isConst(s) || isQuad(s)) return s;
    let out: Sym = s.c;
    for (const [i, a] of s.terms) out = plus(out, scaleSym(this.expandVar(i), a));
    return out;
  }

  private expandVar(i: number): Sym {
    const hit = this.expanded.get(i);
    if (hit !== undefined) return hit;
    const d = this.definitions.get(i);
    const v = d ? this.expand(d) : variable(i);
    this.expanded.set(i, v);
    return v;
  }

  /** Tighten a variable's box (never widens it). */
  tighten(index: number, lb: number, ub: number): void {
    const v = this.vars[index]!;
    const integral = v.type !== 'continuous';
    const lo = Math.max(v.lb, integral ? Math.ceil(lb - 1e-9) : lb);
    const hi = Math.min(v.ub, integral ? Math.floor(ub + 1e-9) : ub);
    if (!(lo <= hi)) {
      this.infeasible ??= `variable ${v.name} has an empty range [${lo}, ${hi}]`;
      return;
    }
    this.vars[index] = { ...v, lb: lo, ub: hi };
  }

  /** lo <= expr <= hi for an affine expression (its constant moves to the sides). */
  addRow(expr: Sym, lo: number, hi: number, origin?: string, name = 'c'): void {
    if (isQuad(expr)) throw new Error('internal: a quadratic constraint');
    if (isConst(expr)) {
      // Tolerance: constants come from floating-point folding.
      const tol = 1e-9 * Math.max(1, Math.abs(expr));
      if (expr < lo - tol || expr > hi + tol) this.infeasible ??= `${origin ?? name}: always false (${expr} not in [${lo}, ${hi}])`;
      return;
    }
    const l = asLin(expr);
    if (lo === -Infinity && hi === Infinity) return;
    // Scenarios often produce the same row (an invariant on a shared decision): keep one.
    const key = `${lo - l.c}|${hi - l.c}|${[...l.terms].join(';')}`;
    if (this.rowKeys.has(key)) return;
    this.rowKeys.add(key);
    this.rows.push({
      name: this.uniqueName(`${name}${this.rows.length}`),
      index: [...l.terms.keys()],
      value: [...l.terms.values()],
      lo: lo - l.c,
      hi: hi - l.c,
      origin,
    });
  }

  /**
   * Add a term to the objective (maximised). Quadratic parts are kept per
   * `group` (the scenario): a scenario's reward is concave on its own, which
   * lets outer approximation cut each scenario separately.
   */
  addObjective(term: Sym, group = 0): void {
    if (!isQuad(term)) {
      this.objectiveValue = plus(this.objectiveValue, term);
      return;
    }
    this.objectiveValue = plus(this.objectiveValue, term.lin);
    let q = this.quadGroups.get(group);
    if (!q) this.quadGroups.set(group, (q = new Map()));
    for (const [key, v] of term.q) q.set(key, (q.get(key) ?? 0) + v);
  }

  /** The objective's affine part. */
  get objective(): Sym {
    return this.objectiveValue;
  }

  /** The objective's quadratic terms, by group. */
  get quadraticGroups(): ReadonlyMap<number, ReadonlyMap<number, number>> {
    return this.quadGroups;
  }

  /** Interval of an expression over the variable boxes (exact for affine expressions). */
  bounds(s: Sym): Interval {
    if (isConst(s)) return point(s);
    const l: Lin = isQuad(s) ? s.lin : s;
    let lo = l.c;
    let hi = l.c;
    for (const [i, a] of l.terms) {
      const v = this.vars[i]!;
      if (a > 0) {
        lo += a * v.lb;
        hi += a * v.ub;
      } else {
        lo += a * v.ub;
        hi += a * v.lb;
      }
    }
    let out = interval(lo, hi);
    if (isQuad(s)) {
      for (const [key, q] of s.q) {
        const [i, j] = pairOf(key);
        const bi = interval(this.vars[i]!.lb, this.vars[i]!.ub);
        const term = i === j ? square(bi) : mul(bi, interval(this.vars[j]!.lb, this.vars[j]!.ub));
        out = add(out, scale(term, q));
      }
    }
    return out;
  }

  get integerCount(): number {
    return this.vars.reduce((n, v) => n + (v.type === 'continuous' ? 0 : 1), 0);
  }

  private uniqueName(base: string): string {
    // LP-format names: no spaces or operators, not starting with a digit, a period or an e
    // (which readers may take for an exponent).
    let name = base.replace(/[^A-Za-z0-9_.#@$%&!?{}~'"|]/g, '_');
    if (/^[0-9.eE]/.test(name)) name = `_${name}`;
    const seen = this.names.get(name);
    if (seen === undefined) {
      this.names.set(name, 1);
      return name;
    }
    this.names.set(name, seen + 1);
    return this.uniqueName(`${name}#${seen}`);
  }
}

/** The program as the solvers take it (objective split into costs, offset and quadratic terms). */
export function toSolverProblem(program: Program): SolverProblem {
  const cost = new Float64Array(program.vars.length);
  const objective = program.objective;
  let offset = 0;
  const quadratic: { i: number; j: number; q: number; group: number }[] = [];
  if (isConst(objective)) offset = objective;
  else {
    const l = asLin(objective);
    offset = l.c;
    for (const [i, c] of l.terms) cost[i] = c;
  }
  for (const [group, terms] of program.quadraticGroups) {
    for (const [key, q] of terms) {
      if (q === 0) continue;
      const [i, j] = pairOf(key);
      quadratic.push({ i, j, q, group });
    }
  }
  const start = program.start.index.length ? { start: program.start } : {};
  return { vars: program.vars, rows: program.rows, cost, offset, quadratic, ...start };
}
