import type { IrNode } from '@rddl/compiler';

/**
 * Interval bounds of IR expressions: every value an expression can take lies
 * in [lo, hi] when its references lie in theirs. The MILP encodings take
 * their big-M constants from these intervals (never from guesses), so an
 * interval must be an enclosure; it may be loose, never too tight.
 */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

export const EVERYTHING: Interval = { lo: -Infinity, hi: Infinity };
export const BOOL: Interval = { lo: 0, hi: 1 };

export const point = (v: number): Interval => ({ lo: v, hi: v });
export const interval = (lo: number, hi: number): Interval => ({ lo, hi });
export const isPoint = (a: Interval): boolean => a.lo === a.hi;
export const isBounded = (a: Interval): boolean => Number.isFinite(a.lo) && Number.isFinite(a.hi);

export function hull(a: Interval, b: Interval): Interval {
  return { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

/** The tighter of two enclosures of the same value (their intersection). */
export function meet(a: Interval, b: Interval): Interval {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  // Two enclosures of one value cannot be disjoint; rounding can make them touch the wrong way.
  return lo <= hi ? { lo, hi } : { lo: Math.min(lo, hi), hi: Math.max(lo, hi) };
}

// 0 * Infinity is NaN in IEEE arithmetic; in interval products it is 0 (the factor really is 0).
const mulBound = (x: number, y: number): number => (x === 0 || y === 0 ? 0 : x * y);

export function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi };
}

export function sub(a: Interval, b: Interval): Interval {
  return { lo: a.lo - b.hi, hi: a.hi - b.lo };
}

export function neg(a: Interval): Interval {
  return { lo: -a.hi, hi: -a.lo };
}

export function scale(a: Interval, c: number): Interval {
  if (c === 0) return point(0);
  return c > 0 ? { lo: a.lo * c, hi: a.hi * c } : { lo: a.hi * c, hi: a.lo * c };
}

export function mul(a: Interval, b: Interval): Interval {
  const p = [mulBound(a.lo, b.lo), mulBound(a.lo, b.hi), mulBound(a.hi, b.lo), mulBound(a.hi, b.hi)];
  return { lo: Math.min(...p), hi: Math.max(...p) };
}

export function square(a: Interval): Interval {
  if (a.lo >= 0) return { lo: a.lo * a.lo, hi: a.hi * a.hi };
  if (a.hi <= 0) return { lo: a.hi * a.hi, hi: a.lo * a.lo };
  return { lo: 0, hi: Math.max(a.lo * a.lo, a.hi * a.hi) };
}

export function reciprocal(a: Interval): Interval {
  if (a.lo > 0 || a.hi < 0) return { lo: 1 / a.hi, hi: 1 / a.lo };
  return EVERYTHING;
}

export function div(a: Interval, b: Interval): Interval {
  return mul(a, reciprocal(b));
}

export function min(a: Interval, b: Interval): Interval {
  return { lo: Math.min(a.lo, b.lo), hi: Math.min(a.hi, b.hi) };
}

export function max(a: Interval, b: Interval): Interval {
  return { lo: Math.max(a.lo, b.lo), hi: Math.max(a.hi, b.hi) };
}

export function abs(a: Interval): Interval {
  if (a.lo >= 0) return a;
  if (a.hi <= 0) return neg(a);
  return { lo: 0, hi: Math.max(-a.lo, a.hi) };
}

/** Image of an interval under a non-decreasing function. */
export function monotone(a: Interval, f: (x: number) => number): Interval {
  return { lo: f(a.lo), hi: f(a.hi) };
}

/** Truth value of a comparison of two intervals: a point when it is decided, else [0, 1]. */
export function compare(op: 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'neq', a: Interval, b: Interval): Interval {
  switch (op) {
    case 'lt':
      return a.hi < b.lo ? point(1) : a.lo >= b.hi ? point(0) : BOOL;
    case 'le':
      return a.hi <= b.lo ? point(1) : a.lo > b.hi ? point(0) : BOOL;
    case 'gt':
      return compare('lt', b, a);
    case 'ge':
      return compare('le', b, a);
    case 'eq':
      return isPoint(a) && isPoint(b) && a.lo === b.lo ? point(1) : a.hi < b.lo || b.hi < a.lo ? point(0) : BOOL;
    case 'neq': {
      const e = compare('eq', a, b);
      return isPoint(e) ? point(1 - e.lo) : BOOL;
    }
  }
}

/** x^y for an interval base and a constant exponent (the cases a PWL encoding needs). */
export function powConst(a: Interval, y: number): Interval {
  if (y === 0) return point(1);
  if (Number.isInteger(y)) {
    if (y % 2 === 0) {
      const s = square(a);
      return y > 0 ? monotone(s, (v) => Math.pow(v, y / 2)) : reciprocal(monotone(s, (v) => Math.pow(v, -y / 2)));
    }
    if (y > 0) return monotone(a, (v) => Math.pow(v, y));
    return a.lo > 0 || a.hi < 0 ? { lo: Math.pow(a.hi, y), hi: Math.pow(a.lo, y) } : EVERYTHING;
  }
  // Non-integer exponents are defined for x >= 0 only (NaN below).
  const lo = Math.max(a.lo, 0);
  if (a.hi < 0) return EVERYTHING;
  return y > 0 ? monotone({ lo, hi: a.hi }, (v) => Math.pow(v, y)) : lo > 0 ? { lo: Math.pow(a.hi, y), hi: Math.pow(lo, y) } : { lo: Math.pow(a.hi, y), hi: Infinity };
}

/** Interval of a one-argument function call (`exp`, `ln`, `sqrt`, ...). */
export function callInterval(fn: string, args: readonly Interval[]): Interval {
  const [a = EVERYTHING, b = EVERYTHING] = args;
  switch (fn) {
    case 'abs':
      return abs(a);
    case 'sgn':
      return { lo: Math.sign(a.lo), hi: Math.sign(a.hi) };
    case 'round':
      return monotone(a, Math.round);
    case 'floor':
      return monotone(a, Math.floor);
    case 'ceil':
      return monotone(a, Math.ceil);
    case 'exp':
      return monotone(a, Math.exp);
    case 'ln':
      return a.hi <= 0 ? EVERYTHING : monotone({ lo: Math.max(a.lo, 0), hi: a.hi }, Math.log);
    case 'sqrt':
      return a.hi < 0 ? EVERYTHING : monotone({ lo: Math.max(a.lo, 0), hi: a.hi }, Math.sqrt);
    case 'atan':
    case 'sinh':
    case 'tanh':
      return monotone(a, Math[fn]);
    case 'asin':
    case 'acos': {
      const c = { lo: Math.max(a.lo, -1), hi: Math.min(a.hi, 1) };
      return fn === 'asin' ? monotone(c, Math.asin) : { lo: Math.acos(c.hi), hi: Math.acos(c.lo) };
    }
    case 'cosh': {
      const m = abs(a);
      return monotone(m, Math.cosh);
    }
    case 'sin':
    case 'cos':
      return { lo: -1, hi: 1 };
    case 'min':
      return min(a, b);
    case 'max':
      return max(a, b);
    case 'pow':
      return isPoint(b) ? powConst(a, b.lo) : a.lo > 0 && isBounded(a) && isBounded(b) ? powBox(a, b) : EVERYTHING;
    case 'hypot':
      return { lo: Math.hypot(abs(a).lo, abs(b).lo), hi: Math.hypot(abs(a).hi, abs(b).hi) };
    case 'div': {
      // floor(a / b)
      const q = div(a, b);
      return { lo: Math.floor(q.lo), hi: Math.floor(q.hi) };
    }
    case 'mod':
      // x - y floor(x / y) lies between 0 and y (exclusive) for y > 0.
      return b.lo > 0 ? { lo: 0, hi: b.hi } : b.hi < 0 ? { lo: b.lo, hi: 0 } : EVERYTHING;
    case 'fmod':
      return b.lo > 0 || b.hi < 0 ? { lo: a.lo < 0 ? -Math.max(-b.lo, b.hi) : 0, hi: a.hi > 0 ? Math.max(-b.lo, b.hi) : 0 } : EVERYTHING;
    default:
      return EVERYTHING;
  }
}

// x^y for x > 0 is monotone in each argument on a box: the extremes are at corners.
function powBox(a: Interval, b: Interval): Interval {
  const p = [Math.pow(a.lo, b.lo), Math.pow(a.lo, b.hi), Math.pow(a.hi, b.lo), Math.pow(a.hi, b.hi)];
  return { lo: Math.min(...p), hi: Math.max(...p) };
}

/**
 * Support of a scalar distribution for parameters in the given intervals:
 * finite where the distribution is bounded (Bernoulli, Uniform, Beta, ...),
 * half-lines for the positive ones, everything for the rest.
 */
export function sampleSupport(dist: string, args: readonly Interval[]): Interval {
  const [a = EVERYTHING, b = EVERYTHING] = args;
  switch (dist) {
    case 'Bernoulli':
      return BOOL;
    case 'KronDelta':
    case 'DiracDelta':
      return a;
    case 'Uniform':
      return { lo: a.lo, hi: b.hi };
    case 'Beta':
    case 'Kumaraswamy':
      return { lo: 0, hi: 1 };
    case 'Binomial':
      return { lo: 0, hi: a.hi };
    case 'Exponential':
    case 'Gamma':
    case 'Weibull':
    case 'Poisson':
    case 'Geometric':
    case 'NegativeBinomial':
    case 'ChiSquare':
    case 'Gompertz':
      return { lo: 0, hi: Infinity };
    case 'Pareto':
      // Pareto(shape, scale) is at least its scale.
      return { lo: Math.max(0, b.lo), hi: Infinity };
    case 'Normal':
      // sampleNormal uses an inverse CDF on an open uniform: |z| <= 8.3, but the bound is no use to big-M.
      return isPoint(b) && b.lo === 0 ? a : EVERYTHING;
    default:
      return EVERYTHING;
  }
}

/** What `intervalOf` needs to know about references. */
export type RefIntervals = (ref: Extract<IrNode, { op: 'ref' }>) => Interval;

/**
 * The interval of an IR expression, given intervals of the fluents it reads.
 * A static analysis: random draws are enclosed by their supports, so the
 * result holds for every outcome. Used for state boxes over the horizon and
 * to explain why a big-M constant cannot be found.
 */
export function intervalOf(n: IrNode, refs: RefIntervals, memo: Map<IrNode, Interval> = new Map()): Interval {
  const hit = memo.get(n);
  if (hit) return hit;
  const result = meet(compute(n, refs, memo), kindInterval(n));
  memo.set(n, result);
  return result;
}

function kindInterval(n: IrNode): Interval {
  return n.kind === 'bool' ? BOOL : EVERYTHING;
}

function compute(n: IrNode, refs: RefIntervals, memo: Map<IrNode, Interval>): Interval {
  const of = (x: IrNode) => intervalOf(x, refs, memo);
  switch (n.op) {
    case 'const':
      return point(n.value);
    case 'ref':
      return refs(n);
    case 'neg':
      return neg(of(n.arg));
    case 'not': {
      const a = of(n.arg);
      return { lo: 1 - Math.min(1, a.hi), hi: 1 - Math.max(0, a.lo) };
    }
    case 'add':
      return add(of(n.left), of(n.right));
    case 'sub':
      return sub(of(n.left), of(n.right));
    case 'mul':
      return n.left === n.right ? square(of(n.left)) : mul(of(n.left), of(n.right));
    case 'div':
      return div(of(n.left), of(n.right));
    case 'and':
    case 'or':
    case 'implies':
    case 'equiv':
      return logic(n.op, of(n.left), of(n.right));
    case 'eq':
    case 'neq':
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return compare(n.op, of(n.left), of(n.right));
    case 'sum':
      return n.args.reduce((s, a) => add(s, of(a)), point(0));
    case 'prod':
      return n.args.reduce((s, a) => mul(s, of(a)), point(1));
    case 'min':
      return n.args.map(of).reduce(min);
    case 'max':
      return n.args.map(of).reduce(max);
    case 'all':
      return n.args.map(of).reduce((s, a) => logic('and', s, a), point(1));
    case 'any':
      return n.args.map(of).reduce((s, a) => logic('or', s, a), point(0));
    case 'argmin':
    case 'argmax':
      return { lo: 0, hi: n.args.length - 1 };
    case 'if': {
      const c = of(n.condition);
      if (c.lo > 0 || c.hi < 0) return of(n.then);
      if (c.lo === 0 && c.hi === 0) return of(n.else);
      return hull(of(n.then), of(n.else));
    }
    case 'select': {
      const index = of(n.index);
      const from = Math.max(0, Math.ceil(index.lo));
      const to = Math.min(n.options.length - 1, Math.floor(index.hi));
      let out: Interval | undefined;
      for (let i = from; i <= to; i++) out = out ? hull(out, of(n.options[i]!)) : of(n.options[i]!);
      return out ?? EVERYTHING;
    }
    case 'call':
      return callInterval(n.fn, n.args.map(of));
    case 'sample':
      return sampleSupport(n.dist, n.args.map(of));
    case 'discrete':
      return { lo: 0, hi: n.probabilities.length - 1 };
    case 'vector-component':
    case 'matrix-entry':
    case 'det':
      return EVERYTHING;
  }
}

function logic(op: 'and' | 'or' | 'implies' | 'equiv', a: Interval, b: Interval): Interval {
  const truth = (x: Interval): 0 | 1 | undefined => (x.lo > 0 || x.hi < 0 ? 1 : x.lo === 0 && x.hi === 0 ? 0 : undefined);
  const ta = truth(a);
  const tb = truth(b);
  switch (op) {
    case 'and':
      return ta === 0 || tb === 0 ? point(0) : ta === 1 && tb === 1 ? point(1) : BOOL;
    case 'or':
      return ta === 1 || tb === 1 ? point(1) : ta === 0 && tb === 0 ? point(0) : BOOL;
    case 'implies':
      return ta === 0 || tb === 1 ? point(1) : ta === 1 && tb === 0 ? point(0) : BOOL;
    case 'equiv':
      return ta !== undefined && tb !== undefined ? point(ta === tb ? 1 : 0) : BOOL;
  }
}
