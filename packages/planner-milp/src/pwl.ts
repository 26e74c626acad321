import type { Span } from '@rddl/core';
import { isConst, minus, plus, scale, type Sym } from './affine.js';
import { EncodingError } from './encode-error.js';
import type { Encoder } from './encoder.js';
import type { Interval } from './interval.js';

/**
 * A piecewise-linear approximation of y = f(x) over x's interval [lo, hi]:
 * `pieces` equal segments whose ends lie on f (the interpolant), in the
 * incremental formulation
 *   x = b0 + Σ d_i (b_i − b_{i−1}),  y = f(b0) + Σ d_i (f(b_i) − f(b_{i−1})),
 *   d_{i+1} <= z_i <= d_i,  z_i binary,
 * whose LP relaxation is the convex hull of the graph. When the interpolant
 * is convex and y is only wanted small (or concave and wanted large), the
 * segments fill in order on their own and the binaries are dropped.
 */
export function encodePiecewise(
  enc: Encoder,
  x: Sym,
  f: (v: number) => number,
  domain: Interval,
  pieces: number,
  polarity: number,
  construct: string,
  span: Span | undefined,
): Sym {
  if (isConst(x)) return f(x);
  const b = enc.finiteBounds(x, construct, span);
  const lo = Math.max(b.lo, domain.lo);
  const hi = Math.min(b.hi, domain.hi);
  if (!(lo <= hi)) throw new EncodingError(construct, span, `its argument lies in [${b.lo}, ${b.hi}], outside the function's domain [${domain.lo}, ${domain.hi}]`);
  if (lo === hi) return f(lo);
  if (b.lo < domain.lo || b.hi > domain.hi) {
    // The argument's box reaches outside the domain: keep x inside, as the model would otherwise fail there.
    enc.program.addRow(x, lo, hi, `domain of ${construct}`);
  }
  const n = Math.max(1, Math.round(pieces));
  const points = Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + ((hi - lo) * i) / n));
  const values = points.map(f);
  if (!values.every(Number.isFinite)) throw new EncodingError(construct, span, `the function is not finite on [${lo}, ${hi}]`);
  // Solvers refuse coefficients near 1e15 (HiGHS) and lose precision well before.
  const largest = Math.max(...values.map(Math.abs), Math.abs(lo), Math.abs(hi));
  if (largest > 1e12) {
    throw new EncodingError(construct, span, `its argument's interval [${lo.toPrecision(4)}, ${hi.toPrecision(4)}] is too wide for a piecewise-linear approximation (values up to ${largest.toPrecision(3)}); bound the states it reads with state-invariants, or shorten the lookahead (option horizon)`);
  }
  const slopes = values.slice(1).map((v, i) => (v - values[i]!) / (points[i + 1]! - points[i]!));
  const convex = slopes.every((s, i) => i === 0 || s >= slopes[i - 1]!);
  const concave = slopes.every((s, i) => i === 0 || s <= slopes[i - 1]!);
  const ordered = (convex && polarity < 0) || (concave && polarity > 0);
  let xs: Sym = points[0]!;
  let ys: Sym = values[0]!;
  let previous: Sym | undefined;
  for (let i = 1; i <= n; i++) {
    const d = enc.continuous({ lo: 0, hi: 1 }, 'pwl');
    xs = plus(xs, scale(d, points[i]! - points[i - 1]!));
    ys = plus(ys, scale(d, values[i]! - values[i - 1]!));
    if (previous !== undefined && !ordered) {
      // d_i <= z <= d_{i−1}: segment i is used only once segment i−1 is full.
      const z = enc.binary('seg');
      enc.program.addRow(minus(d, z), -Infinity, 0);
      enc.program.addRow(minus(z, previous), -Infinity, 0);
    }
    previous = d;
  }
  enc.program.addRow(minus(xs, x), 0, 0, `piecewise-linear ${construct}`);
  return ys;
}

/** The functions a PWL encoding can stand for, with their domains. */
export function univariate(fn: string): { f: (x: number) => number; domain: Interval } | undefined {
  const all = { lo: -Infinity, hi: Infinity };
  switch (fn) {
    case 'exp':
    case 'sin':
    case 'cos':
    case 'tan':
    case 'atan':
    case 'sinh':
    case 'cosh':
    case 'tanh':
      return { f: Math[fn], domain: all };
    case 'ln':
      return { f: Math.log, domain: { lo: Number.MIN_VALUE, hi: Infinity } };
    case 'sqrt':
      return { f: Math.sqrt, domain: { lo: 0, hi: Infinity } };
    case 'asin':
    case 'acos':
      return { f: Math[fn], domain: { lo: -1, hi: 1 } };
    default:
      return undefined;
  }
}

/** y = x² for an affine x (used to linearise products: xy = ((x + y)² − (x − y)²) / 4). */
export function encodeSquare(enc: Encoder, x: Sym, pieces: number, construct: string, span: Span | undefined): Sym {
  return encodePiecewise(enc, x, (v) => v * v, { lo: -Infinity, hi: Infinity }, pieces, 0, construct, span);
}
