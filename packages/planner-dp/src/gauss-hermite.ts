/**
 * Gauss–Hermite rule for E[f(Z)], Z ~ N(0, 1): nodes and weights (summing
 * to 1). Newton's method on the orthonormal Hermite recurrence with the
 * classic starting guesses (Press et al., Numerical Recipes, `gauher`),
 * then rescaled from the weight e^{-x^2} to the standard normal. Written
 * here because no maintained npm package provides it; checked in the tests
 * against the moments of the normal distribution.
 */
export interface QuadratureRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

const cache = new Map<number, QuadratureRule>();

export function gaussHermite(n: number): QuadratureRule {
  const hit = cache.get(n);
  if (hit) return hit;
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new RangeError(`Gauss–Hermite rule needs 1..200 nodes, got ${n}`);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const pim4 = Math.pow(Math.PI, -0.25);
  let z = 0;
  for (let i = 0; i < Math.floor((n + 1) / 2); i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -1 / 6);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let pp = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = pim4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const step = p1 / pp;
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i]!;
  }
  // Physicists' rule (weight e^{-x^2}) to the standard normal: Z = sqrt(2) x, weights / sqrt(pi).
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i]!;
  // Increasing order of the nodes.
  for (let i = 0; i < n; i++) {
    nodes[i] = -Math.SQRT2 * x[i]!;
    weights[i] = w[i]! / total;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}
