import type { BinaryFn, Relax, UnaryFn } from '../program/types.js';

/**
 * Per-element forward value and partial derivatives of the elementwise
 * instructions, as JavaScript source over the operand values `x` (and `y`)
 * and the output value `v`. Only numbers reach the source.
 *
 * Domain errors of the exact simulator (ln of 0, division by 0, ...) give a
 * finite value with zero gradient here and are counted (`D.n++`): a relaxed
 * or not-taken branch must not turn the whole gradient into NaN.
 */
export interface Formula {
  /** Statements run before `v` (may define temporaries from x, y). */
  readonly pre?: string;
  readonly v: string;
  /** Statements run before the partials in the backward pass (x, y, v and g are defined). */
  readonly bpre?: string;
  readonly dx?: string;
  readonly dy?: string;
}

export const num = (v: number): string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '(-Infinity)' : v < 0 || Object.is(v, -0) ? `(${v})` : String(v));

const sig = (z: string) => `(1 / (1 + Math.exp(-(${z}))))`;
/** ln of the smallest positive double: the value of ln at or below 0. */
const LN_FLOOR = -745.1332191019411;

const mode = (relax: Relax | undefined): string => relax?.method ?? 'exact';

export function unaryFormula(fn: UnaryFn, relax: Relax | undefined): Formula {
  const m = mode(relax);
  const w = num(relax?.weight ?? 1);
  switch (fn) {
    case 'neg':
      return { v: '-x', dx: '-1' };
    case 'not':
      return relax ? { v: '1 - x', dx: '-1' } : { v: '(x ? 0 : 1)' };
    case 'abs':
      return { v: 'Math.abs(x)', dx: '(x > 0 ? 1 : x < 0 ? -1 : 0)' };
    case 'sgn':
      if (m === 'soft') return { v: `Math.tanh(${w} * x)`, dx: `${w} * (1 - v * v)` };
      if (m === 'straight-through') return { v: 'Math.sign(x)', bpre: `const th = Math.tanh(${w} * x);`, dx: `${w} * (1 - th * th)` };
      return { v: 'Math.sign(x)' };
    case 'floor':
    case 'ceil':
    case 'round': {
      const exact = fn === 'round' ? 'rt.roundHalfEven(x)' : `Math.${fn}(x)`;
      // floor(x) ~ n - 1 + sigmoid(w (x - n)) with n = round(x); ceil(x) = -floor(-x); round(x) = floor(x + 1/2).
      const arg = fn === 'floor' ? 'x' : fn === 'ceil' ? '-x' : 'x + 0.5';
      const sign = fn === 'ceil' ? '-' : '';
      if (m === 'soft') return { pre: `const z = ${arg}, n = Math.round(z), s = ${sig(`${w} * (z - n)`)};`, v: `${sign}(n - 1 + s)`, bpre: `const z = ${arg}, s = ${sig(`${w} * (z - Math.round(z))`)};`, dx: `${w} * s * (1 - s)` };
      if (m === 'straight-through') return { v: exact, dx: '1' };
      return { v: exact };
    }
    case 'exp':
      return { v: '(x > 709 ? (D.n++, Math.exp(709)) : Math.exp(x))', dx: '(x > 709 ? 0 : v)' };
    case 'ln':
      return { v: `(x > 0 ? Math.log(x) : (D.n++, ${LN_FLOOR}))`, dx: '(x > 0 ? 1 / x : 0)' };
    case 'sqrt':
      return { v: '(x >= 0 ? Math.sqrt(x) : (D.n++, 0))', dx: '(x > 0 ? 0.5 / v : 0)' };
    case 'sin':
      return { v: 'Math.sin(x)', dx: 'Math.cos(x)' };
    case 'cos':
      return { v: 'Math.cos(x)', dx: '-Math.sin(x)' };
    case 'tan':
      return { v: 'Math.tan(x)', dx: '1 + v * v' };
    case 'atan':
      return { v: 'Math.atan(x)', dx: '1 / (1 + x * x)' };
    case 'sinh':
      return { v: 'rt.finite(Math.sinh(x), D)', dx: 'rt.finite(Math.cosh(x), D)' };
    case 'cosh':
      return { v: 'rt.finite(Math.cosh(x), D)', dx: 'rt.finite(Math.sinh(x), D)' };
    case 'tanh':
      return { v: 'Math.tanh(x)', dx: '1 - v * v' };
    case 'asin':
      return { v: '(x >= -1 && x <= 1 ? Math.asin(x) : (D.n++, Math.asin(Math.max(-1, Math.min(1, x)))))', dx: '(x > -1 && x < 1 ? 1 / Math.sqrt(1 - x * x) : 0)' };
    case 'acos':
      return { v: '(x >= -1 && x <= 1 ? Math.acos(x) : (D.n++, Math.acos(Math.max(-1, Math.min(1, x)))))', dx: '(x > -1 && x < 1 ? -1 / Math.sqrt(1 - x * x) : 0)' };
    case 'gamma':
      return { v: 'rt.finite(rt.gamma(x), D)', dx: 'v * rt.digamma(x)' };
    case 'lngamma':
      return { v: 'rt.finite(rt.lngamma(x), D)', dx: 'rt.digamma(x)' };
  }
}

export function binaryFormula(fn: BinaryFn, relax: Relax | undefined): Formula {
  const m = mode(relax);
  const w = num(relax?.weight ?? 1);
  switch (fn) {
    case 'add':
      return { v: 'x + y', dx: '1', dy: '1' };
    case 'sub':
      return { v: 'x - y', dx: '1', dy: '-1' };
    case 'mul':
      return { v: 'x * y', dx: 'y', dy: 'x' };
    case 'div':
      return { v: '(y !== 0 ? x / y : (D.n++, 0))', dx: '(y !== 0 ? 1 / y : 0)', dy: '(y !== 0 ? -v / y : 0)' };
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const exact = `(x ${{ lt: '<', le: '<=', gt: '>', ge: '>=' }[fn]} y ? 1 : 0)`;
      // lt/le: sigmoid(w (y - x)); gt/ge: sigmoid(w (x - y)).
      const d = fn === 'lt' || fn === 'le' ? 'y - x' : 'x - y';
      const sx = fn === 'lt' || fn === 'le' ? '-' : '';
      const sy = fn === 'lt' || fn === 'le' ? '' : '-';
      if (m === 'sigmoid') return { v: sig(`${w} * (${d})`), dx: `${sx}${w} * v * (1 - v)`, dy: `${sy}${w} * v * (1 - v)` };
      if (m === 'straight-through') return { v: exact, bpre: `const s = ${sig(`${w} * (${d})`)}, ds = ${w} * s * (1 - s);`, dx: `${sx}ds`, dy: `${sy}ds` };
      return { v: exact };
    }
    case 'eq':
    case 'neq': {
      const exact = fn === 'eq' ? '(x === y ? 1 : 0)' : '(x !== y ? 1 : 0)';
      // bump(d) = 1 - tanh(w d)^2, d = x - y; neq = 1 - bump.
      const bpre = `const th = Math.tanh(${w} * (x - y)), db = ${fn === 'eq' ? '' : '-'}(-2 * ${w} * th * (1 - th * th));`;
      if (m === 'tanh') return { pre: `const t0 = Math.tanh(${w} * (x - y));`, v: fn === 'eq' ? '1 - t0 * t0' : 't0 * t0', bpre, dx: 'db', dy: '-db' };
      if (m === 'straight-through') return { v: exact, bpre, dx: 'db', dy: '-db' };
      return { v: exact };
    }
    case 'and':
    case 'or':
    case 'implies':
    case 'equiv': {
      if (!relax) {
        const exact = { and: '(x && y ? 1 : 0)', or: '(x || y ? 1 : 0)', implies: '(!x || y ? 1 : 0)', equiv: '(!x === !y ? 1 : 0)' }[fn];
        return { v: exact };
      }
      if (m === 'goedel') {
        if (fn === 'and') return { v: 'Math.min(x, y)', dx: '(x <= y ? 1 : 0)', dy: '(x <= y ? 0 : 1)' };
        if (fn === 'or') return { v: 'Math.max(x, y)', dx: '(x >= y ? 1 : 0)', dy: '(x >= y ? 0 : 1)' };
        if (fn === 'implies') return { v: 'Math.max(1 - x, y)', dx: '(1 - x >= y ? -1 : 0)', dy: '(1 - x >= y ? 0 : 1)' };
        return { v: '1 - Math.abs(x - y)', dx: '(x > y ? -1 : x < y ? 1 : 0)', dy: '(x > y ? 1 : x < y ? -1 : 0)' };
      }
      if (m === 'lukasiewicz') {
        if (fn === 'and') return { v: 'Math.max(0, x + y - 1)', dx: '(x + y > 1 ? 1 : 0)', dy: '(x + y > 1 ? 1 : 0)' };
        if (fn === 'or') return { v: 'Math.min(1, x + y)', dx: '(x + y < 1 ? 1 : 0)', dy: '(x + y < 1 ? 1 : 0)' };
        if (fn === 'implies') return { v: 'Math.min(1, 1 - x + y)', dx: '(y - x < 0 ? -1 : 0)', dy: '(y - x < 0 ? 1 : 0)' };
        return { v: '1 - Math.abs(x - y)', dx: '(x > y ? -1 : x < y ? 1 : 0)', dy: '(x > y ? 1 : x < y ? -1 : 0)' };
      }
      if (fn === 'and') return { v: 'x * y', dx: 'y', dy: 'x' };
      if (fn === 'or') return { v: 'x + y - x * y', dx: '1 - y', dy: '1 - x' };
      if (fn === 'implies') return { v: '1 - x + x * y', dx: 'y - 1', dy: 'x' };
      return { v: '1 - x - y + 2 * x * y', dx: '2 * y - 1', dy: '2 * x - 1' };
    }
    case 'min':
    case 'max': {
      const better = fn === 'min' ? '<=' : '>=';
      if (m === 'softmax') {
        // Log-sum-exp: max ~ M + ln(e^{w(x-M)} + e^{w(y-M)}) / w; the partials are a sigmoid.
        const s = fn === 'min' ? '-' : '';
        return {
          pre: `const M = ${fn === 'min' ? 'Math.min(x, y)' : 'Math.max(x, y)'};`,
          v: `M ${fn === 'min' ? '-' : '+'} Math.log(Math.exp(${s}${w} * (x - M)) + Math.exp(${s}${w} * (y - M))) / ${w}`,
          bpre: `const s = ${sig(`${s}${w} * (x - y)`)};`,
          dx: 's',
          dy: '1 - s',
        };
      }
      if (m === 'straight-through') {
        // Exact value; the gradient is shared by a sigmoid of the difference relative to the operands' size, so a clipped operand still learns which way to go.
        const d = fn === 'min' ? 'y - x' : 'x - y';
        return { v: `(x ${better} y ? x : y)`, bpre: `const sc = 0.5 * (Math.abs(x) + Math.abs(y)) + 1e-12, s = ${sig(`${w} * (${d}) / sc`)};`, dx: 's', dy: '1 - s' };
      }
      // A tie splits the gradient (max(0, x) at x = 0 must still let x move).
      const strict = fn === 'min' ? '<' : '>';
      return { v: `(x ${better} y ? x : y)`, dx: `(x ${strict} y ? 1 : x === y ? 0.5 : 0)`, dy: `(x ${strict} y ? 0 : x === y ? 0.5 : 1)` };
    }
    case 'pow':
      return {
        v: 'rt.finite(Math.pow(x, y), D)',
        bpre: 'const px = Math.pow(x, y - 1);',
        dx: '(Number.isFinite(px) ? y * px : 0)',
        dy: '(x > 0 ? v * Math.log(x) : 0)',
      };
    case 'log':
      return {
        pre: 'const lb = y > 0 && y !== 1 ? Math.log(y) : 0;',
        v: '(x > 0 && lb !== 0 ? Math.log(x) / lb : (D.n++, 0))',
        bpre: 'const lb = y > 0 && y !== 1 ? Math.log(y) : 0;',
        dx: '(x > 0 && lb !== 0 ? 1 / (x * lb) : 0)',
        dy: '(x > 0 && lb !== 0 ? -v / (y * lb) : 0)',
      };
    case 'hypot':
      return { v: 'Math.hypot(x, y)', dx: '(v > 0 ? x / v : 0)', dy: '(v > 0 ? y / v : 0)' };
    case 'idiv': {
      const exact = '(y !== 0 ? Math.floor(x / y) : (D.n++, 0))';
      if (m === 'soft')
        return {
          pre: 'const z = y !== 0 ? x / y : (D.n++, 0), n = Math.round(z), s = ' + sig(`${w} * (z - n)`) + ';',
          v: 'n - 1 + s',
          bpre: `const z = y !== 0 ? x / y : 0, s = ${sig(`${w} * (z - Math.round(z))`)}, ds = ${w} * s * (1 - s);`,
          dx: '(y !== 0 ? ds / y : 0)',
          dy: '(y !== 0 ? -ds * z / y : 0)',
        };
      if (m === 'straight-through') return { v: exact, dx: '(y !== 0 ? 1 / y : 0)', dy: '(y !== 0 ? -x / (y * y) : 0)' };
      return { v: exact };
    }
    case 'mod':
    case 'fmod': {
      const q = fn === 'mod' ? 'Math.floor(x / y)' : 'Math.trunc(x / y)';
      const exact = `(y !== 0 ? x - y * ${q} : (D.n++, 0))`;
      if (m === 'soft' && fn === 'mod')
        return {
          pre: 'const z = y !== 0 ? x / y : 0, n = Math.round(z), s = ' + sig(`${w} * (z - n)`) + ';',
          v: '(y !== 0 ? x - y * (n - 1 + s) : (D.n++, 0))',
          bpre: `const z = y !== 0 ? x / y : 0, n = Math.round(z), s = ${sig(`${w} * (z - n)`)}, ds = ${w} * s * (1 - s);`,
          dx: '(y !== 0 ? 1 - ds : 0)',
          dy: '(y !== 0 ? -(n - 1 + s) + ds * z : 0)',
        };
      // The quotient is locally constant: d/dx = 1, d/dy = -quotient (the derivative almost everywhere).
      if (m === 'straight-through' || m === 'soft') return { v: exact, dx: '(y !== 0 ? 1 : 0)', dy: `(y !== 0 ? -${q} : 0)` };
      return { v: exact };
    }
  }
}
