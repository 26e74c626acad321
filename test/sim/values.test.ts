import test from 'ava';
import fc from 'fast-check';
import type { SpaceLayout } from '@rddl/compiler';
import { fromValues, Simulator, toFlat, toNested } from '@rddl/sim';
import { compileText } from '../support/sim-helpers.js';

// Values as users see them: pyRDDLGym's flat names (`price___a0`,
// `w___a0__a1`), nested objects (`{ price: { a0: 10 } }`) and RDDL-style keys
// (`'price(a0)'`), decoded to booleans, numbers, `@enum` values and object
// names, and encoded back; clear errors for unknown names and bad values.

const compiled = compileText(`domain vals {
    types {
        asset : object;
        level : {@low, @mid, @high};
    };
    pvariables {
        price(asset) : { state-fluent, real, default = 10.0 };
        w(asset, asset) : { state-fluent, real, default = 0.0 };
        running(asset) : { state-fluent, bool, default = false };
        held(level) : { state-fluent, int, default = 0 };
        lv : { state-fluent, level, default = @low };
        best : { state-fluent, asset, default = a0 };
        cash : { state-fluent, real, default = 5.0 };
        buy(asset) : { action-fluent, real, default = 0.0 };
        mode : { action-fluent, level, default = @mid };
    };
    cpfs {
        price'(?a) = price(?a) + buy(?a);
        w'(?a, ?b) = w(?a, ?b);
        running'(?a) = running(?a);
        held'(?l) = held(?l);
        lv' = mode;
        best' = best;
        cash' = cash - sum_{?a : asset} buy(?a) + Normal(0.0, 1.0);
    };
    reward = cash;
}
instance vals_1 {
    domain = vals;
    objects { asset : { a0, a1 }; };
    init-state {
        price(a1) = 20.0;
        w(a0, a1) = 0.5;
        running(a1) = true;
        held(@high) = 3;
        best = a1;
    };
    max-nondef-actions = pos-inf;
    horizon = 3;
    discount = 1.0;
}
`);
const S = compiled.layout.state;
const A = compiled.layout.action;

const flat = {
  price___a0: 10,
  price___a1: 20,
  w___a0__a0: 0,
  w___a0__a1: 0.5,
  w___a1__a0: 0,
  w___a1__a1: 0,
  running___a0: false,
  running___a1: true,
  held___low: 0,
  held___mid: 0,
  held___high: 3,
  lv: '@low',
  best: 'a1',
  cash: 5,
};

const nested = {
  price: { a0: 10, a1: 20 },
  w: { a0: { a0: 0, a1: 0.5 }, a1: { a0: 0, a1: 0 } },
  running: { a0: false, a1: true },
  held: { low: 0, mid: 0, high: 3 },
  lv: '@low',
  best: 'a1',
  cash: 5,
};

const blank = (layout: SpaceLayout) => new Float64Array(layout.size).fill(-99);

test("toFlat uses pyRDDLGym's ground names and decodes booleans, enums and objects", (t) => {
  t.deepEqual(toFlat(S, compiled.initialState), flat);
  t.deepEqual(Object.keys(toFlat(S, compiled.initialState)), Object.keys(flat), 'layout order');
  t.deepEqual(toFlat(A, compiled.defaultAction), { buy___a0: 0, buy___a1: 0, mode: '@mid' });
});

test('toNested nests by pvariable, then by object', (t) => {
  t.deepEqual(toNested(S, compiled.initialState), nested);
});

test('fromValues reads flat, nested and RDDL-style keys back to the same array', (t) => {
  const expected = [...compiled.initialState];
  t.deepEqual([...fromValues(S, flat, blank(S))], expected);
  t.deepEqual([...fromValues(S, nested, blank(S))], expected);
  const mixed = {
    'price(a0)': 10,
    'price( a1 )': 20,
    'w(a0, a0)': 0,
    'w(a0,a1)': 0.5,
    w: { a1: { a0: 0, a1: 0 } },
    running___a0: 'false',
    'running(a1)': 'true',
    'held(low)': 0,
    held: { '@mid': 0 },
    'held(@high)': '3',
    lv: 'low',
    'best()': '$a1',
    cash: '5',
  };
  t.deepEqual([...fromValues(S, mixed, blank(S))], expected);
});

test('fromValues only changes what it is given (the rest keeps the defaults passed in)', (t) => {
  const out = fromValues(A, { 'buy(a1)': 2.5 }, compiled.defaultAction.slice());
  t.deepEqual(toFlat(A, out), { buy___a0: 0, buy___a1: 2.5, mode: '@mid' });
  const same = compiled.defaultAction.slice();
  t.is(fromValues(A, {}, same), same, 'fills the array it is given');
});

test('round trips: any valid array → toFlat/toNested → fromValues gives the array back', (t) => {
  const value = (i: number) => {
    const range = S.fluents[i]!.pvariable.range;
    if (range.kind === 'bool') return fc.constantFrom(0, 1);
    if (range.kind === 'finite') return fc.integer({ min: 0, max: range.type.values.length - 1 });
    if (range.kind === 'int') return fc.integer({ min: -1000, max: 1000 });
    return fc.double({ noNaN: true, noDefaultInfinity: true });
  };
  let runs = 0;
  fc.assert(
    fc.property(fc.tuple(...S.fluents.map((_, i) => value(i))), (values) => {
      runs++;
      const array = Float64Array.from(values);
      const viaFlat = fromValues(S, JSON.parse(JSON.stringify(toFlat(S, array))), blank(S));
      const viaNested = fromValues(S, JSON.parse(JSON.stringify(toNested(S, array))), blank(S));
      // JSON turns -0 into 0; everything else must come back bit for bit.
      return [...viaFlat].every((v, i) => v === array[i]) && [...viaNested].every((v, i) => v === array[i]);
    }),
    { seed: 2_718, numRuns: 300 },
  );
  t.is(runs, 300);
});

test('unknown names throw a clear error', (t) => {
  t.throws(() => fromValues(S, { nope: 1 }, blank(S)), { message: "unknown fluent 'nope'" });
  t.throws(() => fromValues(S, { price___a9: 1 }, blank(S)), { message: "unknown fluent 'price___a9'" });
  t.throws(() => fromValues(S, { price: { a9: 1 } }, blank(S)), { message: "unknown fluent 'price___a9'" });
  t.throws(() => fromValues(S, { 'price(a0, a1)': 1 }, blank(S)), { message: "unknown fluent 'price___a0__a1'" });
  t.throws(() => fromValues(S, { price: 1 }, blank(S)), { message: "unknown fluent 'price'" });
  t.throws(() => fromValues(A, { price___a0: 1 }, blank(A)), { message: "unknown fluent 'price___a0'" }, 'a state fluent is not an action');
});

test('values that do not fit throw a clear error', (t) => {
  t.throws(() => fromValues(S, { price___a0: 'abc' }, blank(S)), { message: `'price___a0' takes a number, not "abc"` });
  t.throws(() => fromValues(S, { cash: '' }, blank(S)), { message: `'cash' takes a number, not ""` });
  t.throws(() => fromValues(S, { lv: '@nope' }, blank(S)), { message: `'lv' takes a value of 'level', not "@nope"` });
  t.throws(() => fromValues(S, { lv: 2 }, blank(S)), { message: `'lv' takes a value of 'level', not 2` });
  t.throws(() => fromValues(S, { best: 'a7' }, blank(S)), { message: `'best' takes a value of 'asset', not "a7"` });
  t.throws(() => fromValues(S, { running___a0: 2 }, blank(S)), { message: `'running___a0' takes true or false, not 2` });
  t.throws(() => fromValues(S, { running___a0: 'yes' }, blank(S)), { message: `'running___a0' takes true or false, not "yes"` });
  t.throws(() => fromValues(S, { held___low: 1.5 }, blank(S)), { message: `'held___low' takes a whole number, not 1.5` });
  t.throws(() => fromValues(S, { cash: Number.NaN }, blank(S)), { message: `'cash' takes a finite number, not NaN` });
  t.throws(() => fromValues(S, { cash: Infinity }, blank(S)), { message: `'cash' takes a finite number, not Infinity` });
});

test('clone and setState: a copy at the same state and step that steps on its own, with the same draws', (t) => {
  const sim = new Simulator(compiled, { seed: 5 });
  sim.reset(2);
  const buy = fromValues(A, { buy: { a0: 1.5 }, mode: '@high' }, compiled.defaultAction.slice());
  sim.step(buy);
  const copy = sim.clone();
  t.is(copy.time, 1);
  t.is(copy.episode, 2);
  t.false(copy.done);
  t.deepEqual([...copy.state], [...sim.state]);
  t.not(copy.state, sim.state, 'its own arrays');
  copy.step(buy);
  t.is(sim.time, 1, 'stepping the copy leaves the original alone');
  t.deepEqual(toFlat(S, sim.state).price___a0, 11.5);
  t.deepEqual(toFlat(S, copy.state).price___a0, 13);
  sim.step(buy);
  t.deepEqual([...sim.state], [...copy.state], 'the same step from the same state gives the same state, random draws included');
  t.not(toFlat(S, sim.state).cash, 5 - 3, 'cash has a random part');

  // setState puts a simulator anywhere.
  const other = new Simulator(compiled, { seed: 5 });
  other.reset(0);
  other.setState(fromValues(S, { ...nested, cash: 100, lv: '@mid' }, compiled.initialState.slice()), 2, 7);
  t.is(other.time, 2);
  t.is(other.episode, 7);
  t.like(toFlat(S, other.state), { cash: 100, lv: '@mid', best: 'a1' });
  const last = other.step(compiled.defaultAction);
  t.true(last.done && last.truncated, 'horizon 3 reached after one more step');
  t.is(last.reward, 100);
  other.setState(compiled.initialState, 3);
  t.true(other.done, 'a state at the horizon is done');
  t.throws(() => other.step(compiled.defaultAction), { message: /episode is over/ });
});
