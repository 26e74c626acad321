/**
 * Goodness-of-fit helpers for tests (here and in the simulator's packages).
 * A separate entry point so the runtime never loads stdlib's test modules.
 */
import chi2gof from '@stdlib/stats-chi2gof';
import kstest from '@stdlib/stats-kstest';

/**
 * Two-sided Kolmogorov–Smirnov p-value against `cdf`. stdlib's two-sided
 * test computes the exact Marsaglia–Tsang–Wang p-value, which takes 1–13 s at
 * n = 20 000; the one-sided Smirnov tests are fast, and since
 * D = max(D+, D-), 2 min(p+, p-) bounds the two-sided p-value from above and
 * is tight where it matters (small p).
 */
export function ksPValue(samples: ArrayLike<number>, cdf: (x: number) => number): number {
  const sorted = Float64Array.from(samples).sort();
  const less = kstest(sorted, cdf, { alternative: 'less', sorted: true }).pValue;
  const greater = kstest(sorted, cdf, { alternative: 'greater', sorted: true }).pValue;
  return Math.min(1, 2 * Math.min(less, greater));
}

/**
 * Pearson chi-square p-value of integer samples against `pmf` on the support
 * starting at `first`. Values are pooled into bins with expected count >= 5
 * (the usual validity rule) and the last bin takes the whole upper tail. A
 * value below `first` is outside the support, so the p-value is then 0.
 */
export function chiSquarePValue(samples: ArrayLike<number>, pmf: (k: number) => number, first: number): number {
  const n = samples.length;
  const minimum = 5 / n;
  // Bin edges: bin b holds values in [edges[b], edges[b + 1]).
  const edges: number[] = [first];
  const probabilities: number[] = [];
  let binMass = 0;
  let total = 0;
  for (let k = first; 1 - total >= 2 * minimum; k++) {
    const p = pmf(k);
    binMass += p;
    total += p;
    if (binMass >= minimum) {
      edges.push(k + 1);
      probabilities.push(binMass);
      binMass = 0;
    }
  }
  // The rest of the mass (under two bins' worth) is the open upper tail bin, or
  // joins the previous bin when it is too small to stand alone.
  const rest = Math.max(0, 1 - probabilities.reduce((a, b) => a + b, 0));
  if (rest < minimum && probabilities.length > 0) {
    probabilities[probabilities.length - 1]! += rest;
    edges.pop();
  } else {
    probabilities.push(rest);
  }
  const observed = new Array<number>(probabilities.length).fill(0);
  let below = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    if (x < first) {
      below++;
      continue;
    }
    let b = 0;
    while (b + 1 < edges.length && x >= edges[b + 1]!) b++;
    observed[b]!++;
  }
  if (below > 0) return 0;
  if (probabilities.length < 2) return 1;
  return chi2gof(observed, probabilities).pValue;
}
