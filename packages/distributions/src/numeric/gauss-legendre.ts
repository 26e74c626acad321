/**
 * Composite Gauss–Legendre quadrature, for the moments that have no closed
 * form in the special functions stdlib provides (Gompertz needs the
 * exponential integral, which stdlib lacks).
 */

const ORDER = 16;

/** Nodes and weights on [-1, 1], by Newton's method on the Legendre polynomial. */
function legendreRule(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let j = 2; j <= n; j++) {
        const p2 = ((2 * j - 1) * x * p1 - (j - 1) * p0) / j;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const w = 2 / ((1 - x * x) * derivative * derivative);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  return { nodes, weights };
}

const RULE = legendreRule(ORDER);

/**
 * E[Y] = ∫ S(y) dy and E[Y²] = ∫ 2y S(y) dy of a non-negative Y from its
 * survival function S, over [0, end] (S must be negligible beyond), in one
 * pass so each S(y) is evaluated once.
 */
export function momentsFromSurvival(
  survival: (y: number) => number,
  end: number,
  panels: number,
): { first: number; second: number } {
  const width = end / panels;
  const half = width / 2;
  let first = 0;
  let second = 0;
  for (let panel = 0; panel < panels; panel++) {
    const centre = (panel + 0.5) * width;
    for (let k = 0; k < ORDER; k++) {
      const y = centre + half * RULE.nodes[k]!;
      const weighted = RULE.weights[k]! * survival(y);
      first += weighted;
      second += 2 * y * weighted;
    }
  }
  return { first: first * half, second: second * half };
}
