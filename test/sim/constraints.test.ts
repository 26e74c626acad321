import test from 'ava';
import type { Diagnostic } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { constantPolicy, evaluatePolicy, fromValues, noopPolicy, SimulationError, Simulator, type ConstraintMode, type FlatValues } from '@rddl/sim';
import { compileText, lineContaining, lineOf } from '../support/sim-helpers.js';

// State invariants (RDDL5002), action preconditions (RDDL5003),
// max-nondef-actions (RDDL5004) and action ranges (RDDL5005) in the three
// constraint modes: 'error' stops with the diagnostic, 'warn' records a
// warning and goes on, 'ignore' checks nothing.

const text = (init = 1, maxNondef = 'pos-inf') => `domain guarded {
    types {
        obj : object;
        mode : {@slow, @fast};
    };
    pvariables {
        LIMIT : { non-fluent, int, default = 2 };
        x : { state-fluent, int, default = 0 };
        go(obj) : { action-fluent, bool, default = false };
        speed : { action-fluent, mode, default = @slow };
        amount : { action-fluent, real, default = 0.0 };
        count : { action-fluent, int, default = 0 };
    };
    cpfs {
        x' = x - 1 + count;
    };
    reward = x;
    state-invariants {
        x >= 0;
    };
    action-preconditions {
        (sum_{?o : obj} go(?o)) <= LIMIT;
        amount <= x + 0.5;
    };
}
instance guarded_1 {
    domain = guarded;
    objects { obj : { o1, o2, o3 }; };
    init-state { x = ${init}; };
    max-nondef-actions = ${maxNondef};
    horizon = 4;
    discount = 1.0;
}
`;

function action(compiled: CompiledModel, values: FlatValues): Float64Array {
  return fromValues(compiled.layout.action, values, compiled.defaultAction.slice());
}

function caught(fn: () => unknown): Diagnostic {
  try {
    fn();
  } catch (err) {
    if (err instanceof SimulationError) return err.diagnostic;
    throw err;
  }
  throw new Error('expected a SimulationError');
}

test('RDDL5002: an invariant violated in the initial state', (t) => {
  const src = text(-1);
  const compiled = compileText(src);
  const sim = new Simulator(compiled);
  const d = caught(() => sim.reset(0));
  t.is(d.code, 'RDDL5002');
  t.is(d.severity, 'error');
  t.is(d.message, 'state invariant 1 is violated in the initial state: x = -1');
  t.is(lineOf(d), lineContaining(src, 'x >= 0;'));
  t.throws(() => evaluatePolicy(compiled, noopPolicy(compiled), { episodes: 1 }), { instanceOf: SimulationError, message: /in the initial state/ });
});

test('RDDL5002: an invariant violated after a step', (t) => {
  const compiled = compileText(text(1));
  const sim = new Simulator(compiled);
  sim.reset(0);
  sim.step(compiled.defaultAction);
  t.deepEqual([...sim.state], [0]);
  const d = caught(() => sim.step(compiled.defaultAction));
  t.is(d.code, 'RDDL5002');
  t.is(d.message, 'state invariant 1 is violated after step 2: x = -1');
});

test('RDDL5003: a violated action precondition lists the ground atoms it reads and their values', (t) => {
  const src = text(1);
  const compiled = compileText(src);
  const sim = new Simulator(compiled);
  sim.reset(0);
  const d = caught(() => sim.step(action(compiled, { go___o1: true, go___o2: true, go___o3: true })));
  t.is(d.code, 'RDDL5003');
  t.is(d.message, 'action precondition 1 is violated at step 0: go___o1 = true, go___o2 = true, go___o3 = true');
  t.is(lineOf(d), lineContaining(src, '(sum_{?o : obj} go(?o)) <= LIMIT;'));
  t.deepEqual([...sim.state], [1], 'the state is unchanged');
  t.is(sim.time, 0);

  const d2 = caught(() => sim.step(action(compiled, { amount: 2 })));
  t.is(d2.message, 'action precondition 2 is violated at step 0: amount = 2, x = 1');
  t.is(lineOf(d2), lineContaining(src, 'amount <= x + 0.5;'));

  t.false(sim.preconditionsHold(sim.state, action(compiled, { amount: 2 })));
  t.true(sim.preconditionsHold(sim.state, action(compiled, { amount: 1.5, go___o1: true, go___o3: true })));
  t.notThrows(() => sim.step(action(compiled, { amount: 1.5, go___o1: true, go___o3: true })));
});

test('RDDL5004: more non-default actions than max-nondef-actions', (t) => {
  const compiled = compileText(text(1, '2'));
  const sim = new Simulator(compiled);
  sim.reset(0);
  const d = caught(() => sim.step(action(compiled, { go___o1: true, speed: '@fast', count: 1 })));
  t.is(d.code, 'RDDL5004');
  t.is(d.message, '3 actions differ from their defaults at step 0, but max-nondef-actions is 2');
  t.truthy(d.span, 'points at the instance');
  t.notThrows(() => sim.step(action(compiled, { go___o1: true, speed: '@fast' })));
});

test('RDDL5005: an action value outside its range', (t) => {
  const compiled = compileText(text(1));
  const expectations: [string, number, string][] = [
    ['go___o2', 2, "action 'go___o2' = 2 at step 0: expected true or false"],
    ['speed', 2, "action 'speed' = 2 at step 0: expected a value of 'mode'"],
    ['speed', -1, "action 'speed' = -1 at step 0: expected a value of 'mode'"],
    ['count', 1.5, "action 'count' = 1.5 at step 0: expected a whole number"],
    ['amount', Number.NaN, "action 'amount' = NaN at step 0: expected a finite number"],
    ['amount', Infinity, "action 'amount' = Infinity at step 0: expected a finite number"],
  ];
  for (const [name, value, message] of expectations) {
    const sim = new Simulator(compiled);
    sim.reset(0);
    const a = compiled.defaultAction.slice();
    a[compiled.layout.action.byName.get(name)!] = value;
    const d = caught(() => sim.step(a));
    t.is(d.code, 'RDDL5005', name);
    t.is(d.message, message);
    const declared = name.split('___')[0]!;
    t.is(lineOf(d), lineContaining(text(1), `${declared}${declared === 'go' ? '(obj)' : ''} : { action-fluent`), 'points at the declaration of the action');
  }
});

test("constraints 'warn' records warnings and goes on", (t) => {
  const compiled = compileText(text(1));
  const sim = new Simulator(compiled, { constraints: 'warn' });
  sim.reset(0);
  sim.step(action(compiled, { go___o1: true, go___o2: true, go___o3: true }));
  sim.step(compiled.defaultAction);
  sim.step(compiled.defaultAction);
  t.deepEqual([...sim.state], [-2], 'the simulation went on');
  t.deepEqual(
    sim.warnings.map((w) => [w.code, w.severity, w.message]),
    [
      ['RDDL5003', 'warning', 'action precondition 1 is violated at step 0: go___o1 = true, go___o2 = true, go___o3 = true'],
      ['RDDL5002', 'warning', 'state invariant 1 is violated after step 2: x = -1'],
      ['RDDL5003', 'warning', 'action precondition 2 is violated at step 2: amount = 0, x = -1'],
      ['RDDL5002', 'warning', 'state invariant 1 is violated after step 3: x = -2'],
    ],
  );
  const initial = new Simulator(compileText(text(-1)), { constraints: 'warn' });
  initial.reset(0);
  t.deepEqual(
    initial.warnings.map((w) => [w.code, w.message]),
    [['RDDL5002', 'state invariant 1 is violated in the initial state: x = -1']],
  );
  const r = evaluatePolicy(compiled, noopPolicy(compiled), { episodes: 2, constraints: 'warn' });
  t.is(r.steps, 8);
  // Per episode: the invariant after steps 2, 3 and 4, precondition 2 (amount <= x + 0.5) at steps 2 and 3.
  t.deepEqual(
    r.warnings.map((w) => w.code),
    [1, 2].flatMap(() => ['RDDL5002', 'RDDL5003', 'RDDL5002', 'RDDL5003', 'RDDL5002']),
  );
  t.true(r.warnings.every((w) => w.severity === 'warning'));
});

test("constraints 'ignore' checks nothing", (t) => {
  const compiled = compileText(text(-1, '1'));
  const run = (mode: ConstraintMode) => {
    const policy = constantPolicy(action(compiled, { go___o1: true, go___o2: true, go___o3: true, amount: 5 }));
    return evaluatePolicy(compiled, policy, { episodes: 1, constraints: mode });
  };
  const r = run('ignore');
  t.is(r.steps, 4);
  t.deepEqual(r.warnings, []);
  t.deepEqual([...r.returns], [-1 + -2 + -3 + -4]);
  t.throws(() => run('error'), { instanceOf: SimulationError, message: /in the initial state/ });
  const sim = new Simulator(compiled, { constraints: 'ignore' });
  t.notThrows(() => sim.reset(0));
  t.deepEqual(sim.warnings, []);
});

test('preconditionsHold answers for any state without changing the simulation', (t) => {
  const compiled = compileText(text(1));
  const sim = new Simulator(compiled);
  sim.reset(0);
  const big = action(compiled, { amount: 3.5 });
  t.false(sim.preconditionsHold(sim.state, big), 'amount 3.5 > x + 0.5 with x = 1');
  t.true(sim.preconditionsHold(Float64Array.of(5), big), 'but fine with x = 5');
  t.deepEqual([...sim.state], [1], 'the state of the simulation is still x = 1');
  t.is(sim.time, 0);
  const d = caught(() => sim.step(big));
  t.is(d.message, 'action precondition 2 is violated at step 0: amount = 3.5, x = 1');
  const outOfRange = compiled.defaultAction.slice();
  outOfRange[compiled.layout.action.byName.get('go___o1')!] = 2;
  t.false(sim.preconditionsHold(sim.state, outOfRange), 'an action out of range does not hold');
});
