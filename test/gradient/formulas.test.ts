import test from 'ava';
import { binaryFormula, unaryFormula, type Formula } from '../../packages/planner-gradient/src/compiled/formulas.js';
import { stepRuntime } from '../../packages/planner-gradient/src/compiled/runtime.js';
import type { BinaryFn, Relax, UnaryFn } from '../../packages/planner-gradient/src/program/types.js';

/**
 * Each elementwise formula of the compiled backend: its partial derivatives
 * against central differences of its value, for every method whose forward
 * value is smooth (the straight-through methods' partials are surrogates by
 * design and are checked through the domains).
 */

const unary: UnaryFn[] = ['neg', 'not', 'abs', 'sgn', 'round', 'floor', 'ceil', 'cos', 'sin', 'tan', 'acos', 'asin', 'atan', 'cosh', 'sinh', 'tanh', 'exp', 'ln', 'sqrt', 'gamma', 'lngamma'];
const binary: BinaryFn[] = ['add', 'sub', 'mul', 'div', 'and', 'or', 'implies', 'equiv', 'eq', 'neq', 'lt', 'le', 'gt', 'ge', 'pow', 'log', 'hypot', 'min', 'max', 'idiv', 'mod', 'fmod'];
const smooth = ['sigmoid', 'tanh', 'soft', 'softmax', 'product', 'goedel', 'lukasiewicz', 'exact'];
const relaxations: (Relax | undefined)[] = [undefined, ...smooth.map((method) => ({ construct: 'comparison' as const, method, weight: 3 }))];
// Points away from kinks, integers, half-integers and ties.
const xs = [0.37, 0.81, 1.3, 2.64];
const ys = [0.55, 0.9, 1.73];

const rt = stepRuntime(new Float64Array(1), 4, { n: 0 });

function compile(f: Formula): { value: (x: number, y: number) => number; partials: (x: number, y: number, v: number) => [number, number] } {
  // Only the formula source (numbers and fixed identifiers) is compiled here.
  const value = new Function('rt', 'D', 'x', 'y', `${f.pre ?? ''}; return ${f.v};`) as (rt: unknown, D: unknown, x: number, y: number) => number;
  const partials = new Function('rt', 'D', 'x', 'y', 'v', `${f.bpre ?? ''}; return [${f.dx ?? 0}, ${f.dy ?? 0}];`) as (rt: unknown, D: unknown, x: number, y: number, v: number) => [number, number];
  const D = { n: 0 };
  return { value: (x, y) => value(rt, D, x, y), partials: (x, y, v) => partials(rt, D, x, y, v) };
}

for (const [kind, fns] of [
  ['unary', unary],
  ['binary', binary],
] as const) {
  for (const fn of fns) {
    test(`partial derivatives of ${fn} match central differences`, (t) => {
      let checked = 0;
      for (const relax of relaxations) {
        const f = kind === 'unary' ? unaryFormula(fn as UnaryFn, relax) : binaryFormula(fn as BinaryFn, relax);
        if (f.dx === undefined) continue;
        const { value, partials } = compile(f);
        for (const x of fn === 'acos' || fn === 'asin' ? [-0.6, 0.2, 0.7] : xs) {
          for (const y of kind === 'unary' ? [0] : ys) {
            if ((fn === 'mod' || fn === 'fmod' || fn === 'idiv') && Math.abs(x / y - Math.round(x / y)) < 0.05) continue;
            const [dx, dy] = partials(x, y, value(x, y));
            const h = 1e-6;
            const fx = (value(x + h, y) - value(x - h, y)) / (2 * h);
            const fy = (value(x, y + h) - value(x, y - h)) / (2 * h);
            const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
            t.true(close(dx, fx), `${fn} ${relax?.method ?? 'exact'} at (${x}, ${y}): d/dx ${dx} vs ${fx}`);
            if (kind === 'binary' && f.dy !== undefined) t.true(close(dy, fy), `${fn} ${relax?.method ?? 'exact'} at (${x}, ${y}): d/dy ${dy} vs ${fy}`);
            checked++;
          }
        }
      }
      t.true(checked > 0, 'some smooth method has a gradient');
    });
  }
}
