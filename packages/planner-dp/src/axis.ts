/**
 * One continuous state fluent on a grid evenly spaced in its grid
 * coordinate: the value itself, or its logarithm for log spacing (wealth,
 * whose noise is multiplicative). Values between points are interpolated
 * linearly in the coordinate; outside the grid the end values apply.
 */
export interface Axis {
  /** Index of the fluent in the state array. */
  readonly index: number;
  readonly name: string;
  readonly log: boolean;
  /** Coordinates of the points, increasing, evenly spaced. */
  readonly coords: Float64Array;
  /** Fluent values at the points. */
  readonly values: Float64Array;
}

export function makeAxis(index: number, name: string, log: boolean, first: number, step: number, count: number): Axis {
  const coords = new Float64Array(count);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    coords[i] = first + i * step;
    values[i] = log ? Math.exp(coords[i]!) : coords[i]!;
  }
  return { index, name, log, coords, values };
}

export function coordinate(axis: Axis, value: number): number {
  if (!axis.log) return value;
  return value > 0 ? Math.log(value) : -Infinity;
}

/** Lower cell index and the fraction towards the next point (clamped to the grid). */
export function locate(axis: Axis, y: number, out: { j: number; f: number }): void {
  const c = axis.coords;
  const n = c.length;
  const first = c[0]!;
  const step = c[1]! - first;
  if (!(y > first)) {
    out.j = 0;
    out.f = 0;
    return;
  }
  if (!(y < c[n - 1]!)) {
    out.j = n - 2;
    out.f = 1;
    return;
  }
  let j = Math.floor((y - first) / step);
  if (j > n - 2) j = n - 2;
  // Rounding may put y just outside the cell.
  if (y < c[j]!) j--;
  else if (y > c[j + 1]!) j++;
  out.j = j;
  out.f = (y - c[j]!) / (c[j + 1]! - c[j]!);
}

/** Index of the point nearest to coordinate y. */
export function nearest(axis: Axis, y: number): number {
  const c = axis.coords;
  const n = c.length;
  if (!(y > c[0]!)) return 0;
  if (!(y < c[n - 1]!)) return n - 1;
  const step = c[1]! - c[0]!;
  return Math.min(n - 1, Math.max(0, Math.round((y - c[0]!) / step)));
}
