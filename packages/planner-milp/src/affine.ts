/**
 * Symbolic values of the unrolled model: a constant, an affine expression
 * Σ a_i x_i + c over MILP variables, or a quadratic one (affine plus
 * Σ q_ij x_i x_j), which only the objective may hold. Values are immutable
 * and normalised: an expression without variables is a plain number.
 */
export interface Lin {
  readonly kind: 'lin';
  readonly terms: ReadonlyMap<number, number>;
  readonly c: number;
}

/** k · a · b, with the factors as they were written (states as their variables). */
export interface Product {
  readonly a: Lin;
  readonly b: Lin;
  readonly k: number;
}

/**
 * A quadratic value in two views: expanded (`lin` + Σ q_ij x_i x_j over the
 * decisions, what a QP solver reads) and factored (`rest` + Σ k a b, what a
 * linearisation reads: one product of two compact factors is one encoding,
 * where its expansion may have hundreds of pairs).
 */
export interface Quad {
  readonly kind: 'quad';
  readonly lin: Lin;
  /** Coefficient of x_i x_j under the key `pairKey(i, j)`, i <= j. */
  readonly q: ReadonlyMap<number, number>;
  readonly rest: Lin;
  readonly products: readonly Product[];
}

export type Sym = number | Lin | Quad;

const PAIR = 2 ** 24;
export const pairKey = (i: number, j: number): number => (i <= j ? i * PAIR + j : j * PAIR + i);
export const pairOf = (key: number): [number, number] => [Math.floor(key / PAIR), key % PAIR];

export const isConst = (s: Sym): s is number => typeof s === 'number';
export const isLin = (s: Sym): s is Lin => typeof s !== 'number' && s.kind === 'lin';
export const isQuad = (s: Sym): s is Quad => typeof s !== 'number' && s.kind === 'quad';

export function lin(terms: Map<number, number>, c: number): Sym {
  for (const [k, v] of terms) if (v === 0) terms.delete(k);
  return terms.size === 0 ? c : { kind: 'lin', terms, c };
}

export function variable(index: number, coef = 1, c = 0): Sym {
  return lin(new Map([[index, coef]]), c);
}

function quad(l: Sym, q: Map<number, number>, rest: Sym, products: readonly Product[]): Sym {
  for (const [k, v] of q) if (v === 0) q.delete(k);
  if (q.size === 0) return l;
  return { kind: 'quad', lin: asLin(l), q, rest: asLin(rest), products };
}

/** Any non-quadratic value as an affine expression (constants have no terms). */
export function asLin(s: Sym): Lin {
  if (typeof s === 'number') return { kind: 'lin', terms: new Map(), c: s };
  if (s.kind === 'quad') throw new Error('internal: a quadratic value where an affine one is needed');
  return s;
}

const linPart = (s: Sym): Lin => (typeof s !== 'number' && s.kind === 'quad' ? s.lin : asLin(s));
const quadPart = (s: Sym): ReadonlyMap<number, number> | undefined => (typeof s !== 'number' && s.kind === 'quad' ? s.q : undefined);

/** a + k b */
export function addScaled(a: Sym, b: Sym, k = 1): Sym {
  if (typeof a === 'number' && typeof b === 'number') return a + k * b;
  if (k === 0) return a;
  const la = linPart(a);
  const lb = linPart(b);
  const terms = new Map(la.terms);
  for (const [i, v] of lb.terms) terms.set(i, (terms.get(i) ?? 0) + k * v);
  const l = lin(terms, la.c + k * lb.c);
  const qa = quadPart(a);
  const qb = quadPart(b);
  if (!qa && !qb) return l;
  const q = new Map(qa ?? []);
  for (const [key, v] of qb ?? []) q.set(key, (q.get(key) ?? 0) + k * v);
  const restOf = (s: Sym): Sym => (typeof s !== 'number' && s.kind === 'quad' ? s.rest : s);
  const productsOf = (s: Sym): readonly Product[] => (typeof s !== 'number' && s.kind === 'quad' ? s.products : []);
  const rest = addScaled(restOf(a), restOf(b), k);
  return quad(l, q, rest, [...productsOf(a), ...productsOf(b).map((p) => ({ ...p, k: p.k * k }))]);
}

export const plus = (a: Sym, b: Sym): Sym => addScaled(a, b, 1);
export const minus = (a: Sym, b: Sym): Sym => addScaled(a, b, -1);

export function scale(a: Sym, k: number): Sym {
  if (typeof a === 'number') return a * k;
  if (k === 0) return 0;
  return addScaled(0, a, k);
}

/**
 * The product of two values, when it is at most quadratic; undefined
 * otherwise. The expanded view comes from `expandedA` · `expandedB` when
 * given (the same values with defined variables substituted), the factored
 * one from a · b.
 */
export function times(a: Sym, b: Sym, expandedA?: Sym, expandedB?: Sym): Sym | undefined {
  if (typeof a === 'number') return scale(b, a);
  if (typeof b === 'number') return scale(a, b);
  if (a.kind === 'quad' || b.kind === 'quad') return undefined;
  const ea = expandedA !== undefined ? asLin(expandedA) : a;
  const eb = expandedB !== undefined ? asLin(expandedB) : b;
  const q = new Map<number, number>();
  for (const [i, u] of ea.terms) for (const [j, v] of eb.terms) q.set(pairKey(i, j), (q.get(pairKey(i, j)) ?? 0) + u * v);
  const terms = new Map<number, number>();
  for (const [i, u] of ea.terms) terms.set(i, (terms.get(i) ?? 0) + u * eb.c);
  for (const [j, v] of eb.terms) terms.set(j, (terms.get(j) ?? 0) + v * ea.c);
  return quad(lin(terms, ea.c * eb.c), q, 0, [{ a, b, k: 1 }]);
}

/** The variables a value reads. */
export function variablesOf(s: Sym): number[] {
  if (typeof s === 'number') return [];
  const out = new Set(linPart(s).terms.keys());
  for (const key of quadPart(s)?.keys() ?? []) for (const v of pairOf(key)) out.add(v);
  return [...out];
}

/** The value at a point (variables read from `x`). */
export function evaluateSym(s: Sym, x: ArrayLike<number>): number {
  if (typeof s === 'number') return s;
  const l = linPart(s);
  let total = l.c;
  for (const [i, v] of l.terms) total += v * x[i]!;
  for (const [key, v] of quadPart(s) ?? []) {
    const [i, j] = pairOf(key);
    total += v * x[i]! * x[j]!;
  }
  return total;
}

/** When the value is one variable with coefficient 1: that variable. */
export function singleVariable(s: Sym): number | undefined {
  if (typeof s === 'number' || s.kind !== 'lin' || s.c !== 0 || s.terms.size !== 1) return undefined;
  const [[i, v]] = s.terms;
  return v === 1 ? i : undefined;
}
