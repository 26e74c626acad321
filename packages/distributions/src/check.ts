/**
 * Parameter checks shared by the distributions. Each returns `undefined` when
 * the value is acceptable or a short message naming the parameter, so the
 * compiler can wrap it in a diagnostic at the call site.
 */

export function checkArity(name: string, parameters: readonly string[], params: readonly number[]): string | undefined {
  if (params.length === parameters.length) return undefined;
  return `${name} takes ${parameters.length} parameter(s) (${parameters.join(', ')}), got ${params.length}`;
}

export function checkFinite(name: string, value: number): string | undefined {
  return Number.isFinite(value) ? undefined : `${name} must be finite, got ${value}`;
}

/** > 0 and finite: shapes, scales, rates, degrees of freedom. */
export function checkPositive(name: string, value: number): string | undefined {
  if (!(value > 0)) return `${name} must be > 0, got ${value}`;
  return checkFinite(name, value);
}

/** >= 0 and finite: variances, Poisson rates. */
export function checkNonNegative(name: string, value: number): string | undefined {
  if (!(value >= 0)) return `${name} must be >= 0, got ${value}`;
  return checkFinite(name, value);
}

export function checkNonNegativeInteger(name: string, value: number): string | undefined {
  if (!Number.isSafeInteger(value) || value < 0) return `${name} must be an integer >= 0, got ${value}`;
  return undefined;
}

/** A probability in [0, 1]. */
export function checkProbability(name: string, value: number): string | undefined {
  return value >= 0 && value <= 1 ? undefined : `${name} must be in [0, 1], got ${value}`;
}

/** A success probability in (0, 1]: at 0 the waiting-time distributions never stop. */
export function checkSuccessProbability(name: string, value: number): string | undefined {
  return value > 0 && value <= 1 ? undefined : `${name} must be in (0, 1], got ${value}`;
}
