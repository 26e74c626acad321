/**
 * Cholesky factorisation of a covariance matrix. mathjs (15.x) has no
 * Cholesky and costs ~0.8 s to import, so this is the textbook
 * Cholesky–Banachiewicz recurrence; matrices are row-major n×n arrays.
 */

/** Relative asymmetry accepted: products like rho * sd_i * sd_j round differently in each order. */
const SYMMETRY_TOLERANCE = 1e-9;

/**
 * `undefined` when `covariance` is a finite, symmetric, positive-definite
 * n×n matrix (row-major, length n²), otherwise why not. When `lower` is given
 * and the matrix is valid, its Cholesky factor L (Σ = L Lᵀ, row-major, zeros
 * above the diagonal) is left there, so checking and factoring is one pass.
 */
export function checkCovariance(
  covariance: ArrayLike<number>,
  n: number,
  lower: Float64Array = new Float64Array(n * n),
): string | undefined {
  if (covariance.length !== n * n) return `covariance must have ${n}×${n} = ${n * n} entries, got ${covariance.length}`;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const a = covariance[i * n + j]!;
      const b = covariance[j * n + i]!;
      if (!Number.isFinite(a)) return `covariance[${i}][${j}] must be finite, got ${a}`;
      if (!Number.isFinite(b)) return `covariance[${j}][${i}] must be finite, got ${b}`;
      // Relative to the entry or, by Cauchy–Schwarz, to sqrt(Σii Σjj), its natural scale.
      const size = Math.max(Math.abs(a), Math.abs(b), Math.sqrt(Math.abs(covariance[i * n + i]! * covariance[j * n + j]!)));
      if (Math.abs(a - b) > SYMMETRY_TOLERANCE * size) {
        return `covariance must be symmetric: [${i}][${j}] = ${a} but [${j}][${i}] = ${b}`;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = covariance[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= lower[i * n + k]! * lower[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) {
          return `covariance must be positive definite (pivot ${i} of the Cholesky factorisation is ${sum})`;
        }
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / lower[j * n + j]!;
      }
    }
    for (let j = i + 1; j < n; j++) lower[i * n + j] = 0;
  }
  return undefined;
}

/** The Cholesky factor L of `covariance` (Σ = L Lᵀ); throws a RangeError with the check's message. */
export function choleskyFactor(covariance: ArrayLike<number>, n: number): Float64Array {
  const lower = new Float64Array(n * n);
  const problem = checkCovariance(covariance, n, lower);
  if (problem !== undefined) throw new RangeError(problem);
  return lower;
}

/** out = mean + L z, where `out` holds z on entry; bottom row first so z is read before it is overwritten. */
export function applyFactorInPlace(mean: ArrayLike<number>, lower: ArrayLike<number>, out: Float64Array): void {
  const n = mean.length;
  for (let i = n - 1; i >= 0; i--) {
    let sum = mean[i]!;
    for (let j = 0; j <= i; j++) sum += lower[i * n + j]! * out[j]!;
    out[i] = sum;
  }
}
