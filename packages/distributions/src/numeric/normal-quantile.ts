import erfcinv from '@stdlib/math-base-special-erfcinv';

/**
 * The standard normal quantile. Goes through erfcinv on the nearer tail
 * because erfinv(2p - 1) cancels for small p and loses the lower tail's
 * relative accuracy; 1 - p is exact for p >= 0.5.
 */
export function standardNormalQuantile(p: number): number {
  return p < 0.5 ? -Math.SQRT2 * erfcinv(2 * p) : Math.SQRT2 * erfcinv(2 * (1 - p));
}
