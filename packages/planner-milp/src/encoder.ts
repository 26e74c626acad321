import type { Span } from '@rddl/core';
import { asLin, isConst, minus, plus, scale, variable, type Sym } from './affine.js';
import { EncodingError } from './encode-error.js';
import * as I from './interval.js';
import type { Program } from './program.js';

export type Comparison = 'le' | 'lt' | 'ge' | 'gt' | 'eq' | 'neq';

/**
 * Mixed-integer encodings of the non-linear constructs on affine values:
 * reified and implied comparisons, boolean logic, if-then-else, min, max,
 * abs and the integer functions. Every big-M constant is the bound of an
 * affine expression over the variable boxes (`Program.bounds`); an infinite
 * bound is an error naming the construct, never a guessed constant.
 */
export class Encoder {
  private count = 0;
  /** One-hot binaries of small integer variables, created once per variable. */
  private readonly oneHot = new Map<number, { lo: number; binaries: number[] }>();

  constructor(
    readonly program: Program,
    /** The margin that separates a strict real comparison from its negation, relative to the operands' range. */
    readonly epsilon: number,
  ) {}

  /**
   * The margin for a real value with bounds b: epsilon times its range (at
   * least 1). Relative, because solvers' tolerances are: GLPK's MIP
   * preprocessor rounds an implied bound on a binary that is within 1e-5 of
   * an integer, so a margin smaller than 1e-5 of the range is not enforced.
   */
  margin(b: I.Interval): number {
    const range = Number.isFinite(b.hi - b.lo) ? b.hi - b.lo : 1;
    return this.epsilon * Math.max(1, range);
  }

  private name(prefix: string): string {
    return `${prefix}${this.count++}`;
  }

  binary(prefix = 'b'): Sym {
    return variable(this.program.addVar(this.name(prefix), 0, 1, 'binary'));
  }

  /** A continuous variable with a box (the interval of the value it stands for). */
  continuous(box: I.Interval, prefix = 'z'): Sym {
    return variable(this.program.addVar(this.name(prefix), box.lo, box.hi, 'continuous'));
  }

  bounds(s: Sym): I.Interval {
    return this.program.bounds(s);
  }

  /** Finite bounds of `s`, or an error naming the construct that needs them. */
  finiteBounds(s: Sym, construct: string, span: Span | undefined): I.Interval {
    const b = this.bounds(s);
    if (!I.isBounded(b)) {
      throw new EncodingError(construct, span, `its operands have no finite bounds [${b.lo}, ${b.hi}], so no big-M constant exists; bound the actions (action-preconditions) or states (state-invariants) it reads`);
    }
    return b;
  }

  /**
   * δ ⇒ (e op 0), for a 0/1 value δ (a constant 1 makes it a plain
   * constraint). Strict real comparisons use the margin epsilon; integral
   * ones use 1.
   */
  imply(delta: Sym, e: Sym, op: Comparison, integral: boolean, construct: string, span: Span | undefined, origin?: string): void {
    if (isConst(delta) && delta <= 0) return;
    const gap = integral ? 1 : this.margin(this.bounds(e));
    switch (op) {
      case 'le':
        return this.implyLe(delta, e, construct, span, origin);
      case 'lt':
        return this.implyLe(delta, plus(e, gap), construct, span, origin);
      case 'ge':
        return this.implyLe(delta, scale(e, -1), construct, span, origin);
      case 'gt':
        return this.implyLe(delta, plus(scale(e, -1), gap), construct, span, origin);
      case 'eq':
        this.implyLe(delta, e, construct, span, origin);
        return this.implyLe(delta, scale(e, -1), construct, span, origin);
      case 'neq': {
        // e <= -gap or e >= gap: one of two branches, each implied by its own binary.
        const below = this.binary();
        this.implyLe(below, plus(e, gap), construct, span, origin);
        this.implyLe(minus(delta, below), plus(scale(e, -1), gap), construct, span, origin);
        this.program.addRow(minus(below, delta), -Infinity, 0, origin);
        return;
      }
    }
  }

  /** δ ⇒ e <= 0, as e + U δ <= U with U the upper bound of e. */
  private implyLe(delta: Sym, e: Sym, construct: string, span: Span | undefined, origin?: string): void {
    if (isConst(delta) && delta >= 1) {
      const l = isConst(e) ? undefined : asLin(e);
      // A bound on one variable tightens its box instead of adding a row.
      if (l && l.terms.size === 1) {
        const [[index, coef]] = l.terms;
        const limit = -l.c / coef;
        if (coef > 0) this.program.tighten(index, -Infinity, limit);
        else this.program.tighten(index, limit, Infinity);
        return;
      }
      this.program.addRow(e, -Infinity, 0, origin);
      return;
    }
    const u = this.bounds(e).hi;
    if (u <= 0) return;
    if (!Number.isFinite(u)) throw new EncodingError(construct, span, `an implied comparison needs an upper bound of its left side minus its right side, and it has none; bound the actions or states it reads`);
    // e + u δ <= u
    this.program.addRow(plus(e, scale(delta, u)), -Infinity, u, origin);
  }

  /** A 0/1 value equal to (e op 0). */
  reify(e: Sym, op: Comparison, integral: boolean, construct: string, span: Span | undefined): Sym {
    const b = this.bounds(e);
    const decided = I.compare(op, b, I.point(0));
    if (I.isPoint(decided)) return decided.lo;
    switch (op) {
      case 'le':
        return this.reifyLe(e, integral, construct, span);
      case 'lt':
        return minus(1, this.reifyLe(scale(e, -1), integral, construct, span));
      case 'ge':
        return this.reifyLe(scale(e, -1), integral, construct, span);
      case 'gt':
        return minus(1, this.reifyLe(e, integral, construct, span));
      case 'eq': {
        // x == c for a small integer variable: its one-hot indicator.
        const indicator = this.valueIndicator(e);
        if (indicator !== undefined) return indicator;
        return this.and([this.reifyLe(e, integral, construct, span), this.reifyLe(scale(e, -1), integral, construct, span)]);
      }
      case 'neq':
        return minus(1, this.reify(e, 'eq', integral, construct, span));
    }
  }

  /** δ ⇔ e <= 0: e <= U (1 − δ) and e >= gap − (gap − L) δ. */
  private reifyLe(e: Sym, integral: boolean, construct: string, span: Span | undefined): Sym {
    const { lo, hi } = this.finiteBounds(e, construct, span);
    if (hi <= 0) return 1;
    if (integral ? lo >= 1 : lo > 0) return 0;
    const gap = integral ? 1 : this.margin({ lo, hi });
    const delta = this.binary('cmp');
    // δ = 1 ⇒ e <= 0
    this.program.addRow(plus(e, scale(delta, hi)), -Infinity, hi);
    // δ = 0 ⇒ e >= gap
    this.program.addRow(plus(e, scale(delta, gap - lo)), gap, Infinity);
    return delta;
  }

  /**
   * For e = x − c (or c − x) with x a small-range integer variable: the
   * indicator of x = c from x's one-hot binaries (tighter than two big-Ms).
   */
  private valueIndicator(e: Sym): Sym | undefined {
    const l = asLin(e);
    if (l.terms.size !== 1) return undefined;
    const [[index, coef]] = l.terms;
    if (Math.abs(coef) !== 1) return undefined;
    const value = -l.c / coef;
    const v = this.program.vars[index]!;
    if (v.type === 'continuous' || !Number.isInteger(value)) return undefined;
    if (v.ub - v.lb > 64) return undefined;
    return this.indicatorOf(index, value);
  }

  /** The indicator binary of `x = value` for an integer variable (0 when out of range). */
  indicatorOf(index: number, value: number): Sym {
    const v = this.program.vars[index]!;
    if (value < v.lb || value > v.ub) return 0;
    if (v.type === 'binary' || (v.lb === 0 && v.ub === 1)) return value === 1 ? variable(index) : minus(1, variable(index));
    let hot = this.oneHot.get(index);
    if (!hot) {
      const binaries: number[] = [];
      let sum: Sym = 0;
      let weighted: Sym = 0;
      for (let k = v.lb; k <= v.ub; k++) {
        const b = this.program.addVar(`${v.name}=${k}`, 0, 1, 'binary');
        binaries.push(b);
        sum = plus(sum, variable(b));
        weighted = plus(weighted, variable(b, k));
      }
      this.program.addRow(sum, 1, 1, `one-hot of ${v.name}`);
      this.program.addRow(minus(weighted, variable(index)), 0, 0, `one-hot of ${v.name}`);
      hot = { lo: v.lb, binaries };
      this.oneHot.set(index, hot);
    }
    return variable(hot.binaries[value - hot.lo]!);
  }

  and(values: readonly Sym[]): Sym {
    const live = values.filter((v) => !(isConst(v) && v >= 1));
    if (live.some((v) => isConst(v) && v <= 0)) return 0;
    if (live.length === 0) return 1;
    if (live.length === 1) return live[0]!;
    // z <= each, z >= Σ − (n − 1): integral whenever the operands are.
    const z = this.continuous(I.BOOL, 'and');
    let sum: Sym = 0;
    for (const v of live) {
      this.program.addRow(minus(z, v), -Infinity, 0);
      sum = plus(sum, v);
    }
    this.program.addRow(minus(z, sum), 1 - live.length, Infinity);
    return z;
  }

  or(values: readonly Sym[]): Sym {
    return minus(1, this.and(values.map((v) => minus(1, v))));
  }

  /** a ⇔ b as 1 − a − b + 2 (a ∧ b). */
  equiv(a: Sym, b: Sym): Sym {
    return plus(minus(minus(1, a), b), scale(this.and([a, b]), 2));
  }

  /**
   * z = c ? a : b for a 0/1 value c: linear when both branches are constants,
   * else four big-M rows whose constants bound a − b.
   */
  ifThenElse(c: Sym, a: Sym, b: Sym, construct: string, span: Span | undefined): Sym {
    if (isConst(c)) return c >= 0.5 ? a : b;
    if (isConst(a) && isConst(b)) return plus(b, scale(c, a - b));
    const diff = this.finiteBounds(minus(a, b), construct, span);
    const box = I.hull(this.finiteBounds(a, construct, span), this.finiteBounds(b, construct, span));
    if (diff.lo === 0 && diff.hi === 0) return a;
    const z = this.continuous(box, 'ite');
    const za = minus(z, a);
    const zb = minus(z, b);
    // c = 1: z = a; c = 0: z − a = b − a, which lies in [−diff.hi, −diff.lo].
    const upA = Math.max(0, -diff.lo);
    const downA = Math.min(0, -diff.hi);
    this.program.addRow(plus(za, scale(c, upA)), -Infinity, upA);
    this.program.addRow(plus(za, scale(c, downA)), downA, Infinity);
    // c = 0: z = b; c = 1: z − b = a − b, which lies in [diff.lo, diff.hi].
    this.program.addRow(minus(zb, scale(c, Math.max(0, diff.hi))), -Infinity, 0);
    this.program.addRow(minus(zb, scale(c, Math.min(0, diff.lo))), 0, Infinity);
    return z;
  }

  /**
   * min(a, b). `polarity` > 0 says the value is only ever wanted large
   * (it feeds a maximised objective and nothing else), so z <= a, z <= b is
   * exact at the optimum and needs no binary.
   */
  min(a: Sym, b: Sym, polarity: number, construct: string, span: Span | undefined): Sym {
    if (isConst(a) && isConst(b)) return Math.min(a, b);
    const d = this.bounds(minus(a, b));
    if (d.hi <= 0) return a;
    if (d.lo >= 0) return b;
    const box = I.min(this.bounds(a), this.bounds(b));
    if (polarity <= 0) this.finiteBounds(minus(a, b), construct, span);
    const z = this.continuous(box, 'min');
    this.program.addRow(minus(z, a), -Infinity, 0);
    this.program.addRow(minus(z, b), -Infinity, 0);
    if (polarity > 0) return z;
    const delta = this.binary('sel');
    // δ = 1 ⇒ z >= a; δ = 0 ⇒ z >= b. The slack is at most the spread of a − b.
    this.program.addRow(plus(minus(z, a), scale(delta, -d.hi)), -d.hi, Infinity);
    this.program.addRow(minus(minus(z, b), scale(delta, d.lo)), 0, Infinity);
    return z;
  }

  max(a: Sym, b: Sym, polarity: number, construct: string, span: Span | undefined): Sym {
    return scale(this.min(scale(a, -1), scale(b, -1), -polarity, construct, span), -1);
  }

  /** |a|: an epigraph (two rows) when it is only wanted small, else max(a, −a). */
  abs(a: Sym, polarity: number, construct: string, span: Span | undefined): Sym {
    if (isConst(a)) return Math.abs(a);
    const b = this.bounds(a);
    if (b.lo >= 0) return a;
    if (b.hi <= 0) return scale(a, -1);
    return this.max(a, scale(a, -1), polarity, construct, span);
  }

  /**
   * floor(a) as an integer variable q with a − 1 + gap <= q <= a (gap = 1
   * for integral a, where floor is the identity).
   */
  floor(a: Sym, integral: boolean, construct: string, span: Span | undefined): Sym {
    if (isConst(a)) return Math.floor(a);
    if (integral) return a;
    const { lo, hi } = this.finiteBounds(a, construct, span);
    const q = variable(this.program.addVar(this.name('floor'), Math.floor(lo), Math.floor(hi), 'integer'));
    this.program.addRow(minus(q, a), -Infinity, 0);
    this.program.addRow(minus(q, a), -1 + Math.min(0.5, this.margin({ lo, hi })), Infinity);
    return q;
  }

  /**
   * a − c floor(a / c) for a constant c > 0 (RDDL's mod rounds down): an
   * integer q with 0 <= a − c q <= c − gap (gap 1 when a and c are integral).
   */
  mod(a: Sym, c: number, integral: boolean, construct: string, span: Span | undefined): Sym {
    if (isConst(a)) return a - c * Math.floor(a / c);
    if (!(c > 0)) throw new EncodingError(construct, span, 'only a positive constant divisor can be encoded');
    const { lo, hi } = this.finiteBounds(a, construct, span);
    const q = variable(this.program.addVar(this.name('quot'), Math.floor(lo / c), Math.floor(hi / c), 'integer'));
    const r = minus(a, scale(q, c));
    const gap = integral && Number.isInteger(c) ? 1 : Math.min(c / 2, this.margin({ lo, hi }));
    this.program.addRow(r, 0, c - gap);
    return r;
  }
}
