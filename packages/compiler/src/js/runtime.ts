import gamma from '@stdlib/math-base-special-gamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import * as D from '@rddl/distributions';
import { createRequire } from 'node:module';
import type * as MathJsModule from 'mathjs';

// mathjs takes about a second to load and only the matrix functions need it:
// load it on first use so that every start of the CLI does not pay for it.
type MathJs = typeof MathJsModule;
let mathjs: MathJs | undefined;
const loadMathJs = (): MathJs => (mathjs ??= createRequire(import.meta.url)('mathjs') as MathJs);

/** A run-time domain error raised by compiled code: which IR check failed, with the values involved. */
export class DomainError extends Error {
  constructor(
    readonly checkId: number,
    readonly values: readonly number[],
    readonly detail: string | undefined,
  ) {
    super(`domain error at check ${checkId}`);
  }
}

/** pyRDDLGym's round (numpy): halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function matrixOf(entries: ArrayLike<number>, n: number): number[][] {
  const m: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) row.push(entries[i * n + j]!);
    m.push(row);
  }
  return m;
}

function flat(m: number[][], out: Float64Array): Float64Array {
  const n = m.length;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = m[i]![j]!;
  return out;
}

/** The helpers compiled code calls; passed to the generated module as `rt`. */
export const runtime = {
  ...D,
  DomainError,
  fail(checkId: number, ...values: number[]): never {
    throw new DomainError(checkId, values, undefined);
  },
  failMessage(checkId: number, detail: string, ...values: number[]): never {
    throw new DomainError(checkId, values, detail);
  },
  roundHalfEven,
  gamma: (x: number) => gamma(x),
  lngamma: (x: number) => gammaln(x),
  det(entries: ArrayLike<number>, n: number): number {
    return n === 0 ? 1 : (loadMathJs().det(matrixOf(entries, n)) as number);
  },
  /** Inverse, pseudo-inverse or lower Cholesky factor of a row-major square matrix; undefined when it does not exist. */
  matrix(fn: 'inverse' | 'pinverse' | 'cholesky', entries: ArrayLike<number>, n: number, out: Float64Array): Float64Array | undefined {
    try {
      if (fn === 'cholesky') {
        if (D.checkCovariance(entries, n) !== undefined) return undefined;
        out.set(D.choleskyFactor(entries, n));
        return out;
      }
      const m = matrixOf(entries, n);
      return flat((fn === 'inverse' ? loadMathJs().inv(m) : loadMathJs().pinv(m)) as number[][], out);
    } catch {
      return undefined;
    }
  },
};

export type Runtime = typeof runtime;
