import type { SolverProblem } from './solver.js';

/**
 * One connected block of a quadratic objective: the terms q_ij x_i x_j whose
 * variables are linked through shared terms. Separable parts (Σ σ² w²) give
 * one block per variable, so outer approximation cuts each on its own.
 */
export interface QuadraticBlock {
  readonly vars: readonly number[];
  readonly terms: readonly { readonly i: number; readonly j: number; readonly q: number }[];
}

/**
 * The blocks of the quadratic objective: connected components of the terms
 * within each group (`byGroup`), or of all terms together.
 */
export function quadraticBlocks(p: SolverProblem, byGroup = true): QuadraticBlock[] {
  const parent = new Map<string, string>();
  const node = (group: number, v: number) => (byGroup ? `${group}:${v}` : `${v}`);
  const find = (v: string): string => {
    let r = v;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(v, r);
    return r;
  };
  for (const { i, j, group = 0 } of p.quadratic) {
    const a = node(group, i);
    const b = node(group, j);
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  }
  const blocks = new Map<string, { vars: Set<number>; terms: { i: number; j: number; q: number }[] }>();
  for (const t of p.quadratic) {
    const root = find(node(t.group ?? 0, t.i));
    let b = blocks.get(root);
    if (!b) blocks.set(root, (b = { vars: new Set(), terms: [] }));
    b.vars.add(t.i).add(t.j);
    b.terms.push({ i: t.i, j: t.j, q: t.q });
  }
  return [...blocks.values()].map((b) => ({ vars: [...b.vars].sort((x, y) => x - y), terms: b.terms }));
}

export function blockValue(b: QuadraticBlock, x: ArrayLike<number>): number {
  let v = 0;
  for (const { i, j, q } of b.terms) v += q * x[i]! * x[j]!;
  return v;
}

/** ∂/∂x_v of the block at x, for each of its variables (in `b.vars` order). */
export function blockGradient(b: QuadraticBlock, x: ArrayLike<number>): number[] {
  const position = new Map(b.vars.map((v, k) => [v, k]));
  const g = b.vars.map(() => 0);
  for (const { i, j, q } of b.terms) {
    if (i === j) g[position.get(i)!]! += 2 * q * x[i]!;
    else {
      g[position.get(i)!]! += q * x[j]!;
      g[position.get(j)!]! += q * x[i]!;
    }
  }
  return g;
}

/**
 * Whether the block is concave (its Hessian negative semidefinite), by a
 * Cholesky factorisation of −H with a small relative shift for the
 * semidefinite case.
 */
export function isConcave(b: QuadraticBlock): boolean {
  const n = b.vars.length;
  const position = new Map(b.vars.map((v, k) => [v, k]));
  const m = Array.from({ length: n }, () => new Float64Array(n));
  for (const { i, j, q } of b.terms) {
    const r = position.get(i)!;
    const c = position.get(j)!;
    if (r === c) m[r]![r]! -= 2 * q;
    else {
      m[r]![c]! -= q;
      m[c]![r]! -= q;
    }
  }
  // Scale rows and columns by the diagonal so the test is about curvature, not units.
  const d = m.map((row, k) => Math.sqrt(Math.max(Math.abs(row[k]!), 1e-300)));
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) m[r]![c]! /= d[r]! * d[c]!;
  const shift = 1e-9;
  for (let k = 0; k < n; k++) m[k]![k]! += shift;
  for (let k = 0; k < n; k++) {
    let pivot = m[k]![k]!;
    for (let s = 0; s < k; s++) pivot -= m[k]![s]! * m[k]![s]!;
    if (!(pivot > 0)) return false;
    const root = Math.sqrt(pivot);
    m[k]![k]! = root;
    for (let r = k + 1; r < n; r++) {
      let v = m[r]![k]!;
      for (let s = 0; s < k; s++) v -= m[r]![s]! * m[k]![s]!;
      m[r]![k]! = v / root;
    }
  }
  return true;
}
