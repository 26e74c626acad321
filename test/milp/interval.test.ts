import test from 'ava';
import fc from 'fast-check';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import { interpret } from '@rddl/compiler';
import { intervalOf, intervals as I, type Interval } from '@rddl/planner-milp';
import { compileText } from './support.js';

// The interval analysis is what every big-M constant comes from, so each
// rule must enclose: for points drawn inside the operand intervals, the
// result lies inside the computed interval.

const finite = fc.double({ min: -50, max: 50, noNaN: true });
const box = fc.tuple(finite, finite).map(([a, b]) => I.interval(Math.min(a, b), Math.max(a, b)));
const inside = (b: Interval) => fc.double({ min: b.lo, max: b.hi, noNaN: true });
const withPoint = box.chain((b) => inside(b).map((x) => ({ b, x })));
const contains = (b: Interval, v: number) => v >= b.lo - 1e-9 * Math.max(1, Math.abs(v)) && v <= b.hi + 1e-9 * Math.max(1, Math.abs(v));

test('binary interval rules enclose the values of their operations', (t) => {
  const rules: [string, (a: Interval, b: Interval) => Interval, (x: number, y: number) => number][] = [
    ['add', I.add, (x, y) => x + y],
    ['sub', I.sub, (x, y) => x - y],
    ['mul', I.mul, (x, y) => x * y],
    ['min', I.min, Math.min],
    ['max', I.max, Math.max],
  ];
  for (const [name, rule, f] of rules) {
    const run = fc.check(
      fc.property(withPoint, withPoint, (a, b) => contains(rule(a.b, b.b), f(a.x, b.x))),
      { seed: 42, numRuns: 500 },
    );
    t.false(run.failed, `${name}: ${JSON.stringify(run.counterexample)}`);
  }
  // Division needs a divisor interval that excludes 0.
  const positive = box.map((b) => I.interval(Math.abs(b.lo) + 0.5, Math.abs(b.lo) + 0.5 + (b.hi - b.lo)));
  fc.assert(
    fc.property(withPoint, positive.chain((b) => inside(b).map((x) => ({ b, x }))), (a, b) => contains(I.div(a.b, b.b), a.x / b.x)),
    { seed: 43, numRuns: 500 },
  );
  t.deepEqual(I.div(I.interval(1, 2), I.interval(-1, 1)), I.EVERYTHING, 'a divisor interval containing 0 gives no bound');
});

test('unary interval rules enclose the values of their functions', (t) => {
  const rules: [string, (a: Interval) => Interval, (x: number) => number, Interval][] = [
    ['abs', I.abs, Math.abs, I.EVERYTHING],
    ['square', I.square, (x) => x * x, I.EVERYTHING],
    ['neg', I.neg, (x) => -x, I.EVERYTHING],
    ['exp', (a) => I.callInterval('exp', [a]), Math.exp, I.interval(-20, 20)],
    ['ln', (a) => I.callInterval('ln', [a]), Math.log, I.interval(1e-3, 50)],
    ['sqrt', (a) => I.callInterval('sqrt', [a]), Math.sqrt, I.interval(0, 50)],
    ['pow 3', (a) => I.powConst(a, 3), (x) => x ** 3, I.EVERYTHING],
    ['pow 2', (a) => I.powConst(a, 2), (x) => x ** 2, I.EVERYTHING],
    ['pow -2', (a) => I.powConst(a, -2), (x) => x ** -2, I.interval(0.1, 50)],
    ['pow 1.5', (a) => I.powConst(a, 1.5), (x) => x ** 1.5, I.interval(0, 50)],
    ['floor', (a) => I.callInterval('floor', [a]), Math.floor, I.EVERYTHING],
    ['cos', (a) => I.callInterval('cos', [a]), Math.cos, I.EVERYTHING],
  ];
  for (const [name, rule, f, domain] of rules) {
    // Boxes drawn inside the function's domain (clamped to [-50, 50]).
    const lo = Math.max(domain.lo, -50);
    const hi = Math.min(domain.hi, 50);
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    const arb = fc.tuple(unit, unit, unit).map(([u, v, w]) => {
      const a = lo + (hi - lo) * Math.min(u, v);
      const b = lo + (hi - lo) * Math.max(u, v);
      return { b: I.interval(a, b), x: a + (b - a) * w };
    });
    const run = fc.check(fc.property(arb, ({ b, x }) => contains(rule(b), f(x))), { seed: 44, numRuns: 400 });
    t.false(run.failed, `${name}: ${JSON.stringify(run.counterexample)}`);
  }
});

test('comparisons are decided only when the intervals decide them', (t) => {
  t.deepEqual(I.compare('le', I.interval(0, 1), I.interval(1, 2)), I.point(1));
  t.deepEqual(I.compare('lt', I.interval(0, 1), I.interval(1, 2)), I.BOOL);
  t.deepEqual(I.compare('gt', I.interval(3, 4), I.interval(1, 2)), I.point(1));
  t.deepEqual(I.compare('eq', I.point(2), I.point(2)), I.point(1));
  t.deepEqual(I.compare('eq', I.interval(0, 1), I.interval(2, 3)), I.point(0));
  t.deepEqual(I.compare('neq', I.interval(0, 1), I.interval(0.5, 3)), I.BOOL);
});

test('intervalOf encloses every value of a compiled expression over random states and actions', (t) => {
  const compiled = compileText(`
domain iv {
  requirements = { continuous, integer-valued, intermediate-nodes };
  pvariables {
    s : { state-fluent, real, default = 0.0 };
    k : { state-fluent, int, default = 0 };
    a : { action-fluent, real, default = 0.0 };
    y : { interm-fluent, real };
  };
  cpfs {
    y = if (s > a) then min[s * a, 3 - k] else abs[a - 2 * s] + exp[a / 4] - floor[s] + mod[k, 3];
    s' = s + y;
    k' = k + 1;
  };
  reward = y * y - sqrt[abs[s]] + max[a, k];
}
instance iv1 { domain = iv; max-nondef-actions = pos-inf; horizon = 2; discount = 1.0; }
`);
  const boxes = { state: [I.interval(-3, 4), I.interval(-2, 5)], action: [I.interval(-1, 2)] };
  const y = compiled.cpfs.find((c) => c.fluent.name === 'y')!;
  const refs = (r: { space: string; index: number }): Interval =>
    r.space === 'state' ? boxes.state[r.index]! : r.space === 'action' ? boxes.action[r.index]! : r.space === 'interm' ? intervalOf(y.expr, refs) : I.EVERYTHING;
  const yBox = intervalOf(y.expr, refs);
  const rewardBox = intervalOf(compiled.reward, refs);
  t.true(Number.isFinite(yBox.lo) && Number.isFinite(yBox.hi), `finite y box ${JSON.stringify(yBox)}`);
  const stream = new CounterStream(deriveSeedKey(1, 'test:milp:interval'));
  fc.assert(
    fc.property(inside(boxes.state[0]!), fc.integer({ min: -2, max: 5 }), inside(boxes.action[0]!), (s, k, a) => {
      const interm = new Float64Array(1);
      const env = { state: [s, k], action: [a], next: [0, 0], interm, observ: [], stream, episode: 0, step: 0 };
      interm[0] = interpret(y.expr, env);
      return contains(yBox, interm[0]) && contains(rewardBox, interpret(compiled.reward, env));
    }),
    { seed: 45, numRuns: 1000 },
  );
});
