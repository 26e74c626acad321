import tQuantile from '@stdlib/stats-base-dists-t-quantile';

export interface Summary {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n - 1 in the denominator). */
  readonly std: number;
  readonly standardError: number;
  /** Half-width of the 95% confidence interval of the mean (Student t). */
  readonly ci95: number;
}

/** Mean, sample standard deviation, standard error and 95% CI half-width of a sample. */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (values[i]! - mean) / (i + 1);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const standardError = n > 0 ? std / Math.sqrt(n) : Number.NaN;
  const ci95 = n > 1 ? tQuantile(0.975, n - 1) * standardError : Number.NaN;
  return { n, mean, std, standardError, ci95 };
}

/** The summary of the paired differences a[i] - b[i] (common random numbers). */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>): Summary {
  const d = new Float64Array(Math.min(a.length, b.length));
  for (let i = 0; i < d.length; i++) d[i] = a[i]! - b[i]!;
  return summarize(d);
}
