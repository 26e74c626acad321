import test from 'ava';
import { BatchSimulator, evaluatePolicy, noopPolicy, SimulationError, Simulator } from '@rddl/sim';
import { compileText, lineContaining, lineOf } from '../support/sim-helpers.js';

// Run-time domain errors stop the simulation with RDDL5001: the span points
// at the offending expression, the message names what went wrong, the ground
// fluent being computed, the step and the values involved. The simulator never
// continues with NaN or Infinity: the state is left as it was before the step.

interface Case {
  readonly title: string;
  /** The CPF expression of `y(?o)` (a real fluent), written on its own line; `x(?o)` holds -1, 0 or 4. */
  readonly expr: string;
  /** Text on the line the span must point at (defaults to `expr`). */
  readonly at?: string;
  /** What the message says (before the values). */
  readonly what: RegExp;
  /** Values the message lists. */
  readonly values: RegExp;
  /** Which grounding fails (o1: x = 4, o2: x = -1, o3: x = 0). */
  readonly fluent: string;
}

const cases: Case[] = [
  { title: 'ln of a negative number', expr: 'ln[x(?o)]', what: /^ln of a non-positive number/, values: /\(value -1\)/, fluent: "y___o2'" },
  { title: 'ln of zero', expr: 'if (x(?o) >= 0) then ln[x(?o)] else 0.0', at: 'ln[x(?o)]', what: /^ln of a non-positive number/, values: /\(value 0\)/, fluent: "y___o3'" },
  { title: 'sqrt of a negative number', expr: 'sqrt[x(?o)]', what: /^sqrt of a negative number/, values: /\(value -1\)/, fluent: "y___o2'" },
  { title: 'division by zero', expr: '3.0 / x(?o)', what: /^division by zero/, values: /\(values 3, 0\)/, fluent: "y___o3'" },
  { title: 'integer division by zero', expr: 'div[7, x(?o)]', what: /^division by zero/, values: /\(values 7, 0\)/, fluent: "y___o3'" },
  { title: 'mod by zero', expr: 'mod[7, x(?o)]', what: /^mod by zero/, values: /\(values 7, 0\)/, fluent: "y___o3'" },
  { title: 'fmod by zero', expr: 'fmod[7.5, x(?o)]', what: /^mod by zero/, values: /\(values 7.5, 0\)/, fluent: "y___o3'" },
  { title: 'pow with no real result', expr: 'pow[x(?o), 0.5]', what: /^pow with no finite real result/, values: /\(values -1, 0.5\)/, fluent: "y___o2'" },
  { title: 'pow overflow', expr: 'pow[x(?o) + 6, 1000]', what: /^pow with no finite real result/, values: /\(values 10, 1000\)/, fluent: "y___o1'" },
  { title: 'exp overflow', expr: 'exp[x(?o) * 1000]', what: /^overflow to infinity/, values: /\(value Infinity\)/, fluent: "y___o1'" },
  { title: 'an overflow in plain arithmetic', expr: '1.0e308 * x(?o)', at: '1.0e308 * x(?o)', what: /^a value that is not a finite number/, values: /\(value Infinity\)/, fluent: "y___o1'" },
  { title: 'a negative variance', expr: 'Normal(0.0, x(?o))', what: /^Normal: invalid distribution parameters: .*variance/, values: /\(values 0, -1\)/, fluent: "y___o2'" },
  { title: 'a probability above 1', expr: 'if (Bernoulli(x(?o) / 2)) then 1.0 else 0.0', at: 'Bernoulli(x(?o) / 2)', what: /^Bernoulli: invalid distribution parameters: .*\bp\b/, values: /\(value 2\)/, fluent: "y___o1'" },
  {
    title: 'Discrete probabilities that do not sum to 1',
    expr: 'if (Discrete(level, @low : 0.5, @high : 0.25 * x(?o)) == @low) then 1.0 else 0.0',
    at: 'Discrete(level',
    what: /^invalid Discrete probabilities: probabilities must sum to 1, got 1\.5/,
    values: /.*/,
    fluent: "y___o1'",
  },
  {
    title: 'a negative Discrete probability',
    expr: 'if (Discrete(level, @low : 0.5 * (1 - x(?o)), @high : otherwise) == @low) then 1.0 else 0.0',
    at: 'Discrete(level',
    what: /^invalid Discrete probabilities: probability 0 must be finite and >= 0, got -1\.5/,
    values: /.*/,
    fluent: "y___o1'",
  },
];

function domainText(expr: string): string {
  return `domain errs {
    types {
        obj : object;
        level : {@low, @high};
    };
    pvariables {
        x(obj) : { state-fluent, real, default = 0.0 };
        y(obj) : { state-fluent, real, default = 0.0 };
        a : { action-fluent, bool, default = false };
    };
    cpfs {
        x'(?o) = x(?o);
        y'(?o) =
            ${expr};
    };
    reward = 0;
}
instance errs_1 {
    domain = errs;
    objects { obj : { o1, o2, o3 }; };
    init-state {
        x(o1) = 4.0;
        x(o2) = -1.0;
        x(o3) = 0.0;
    };
    max-nondef-actions = pos-inf;
    horizon = 3;
    discount = 1.0;
}
`;
}

function stopAt(sim: Simulator, action: Float64Array): SimulationError {
  const before = sim.state.slice();
  const err = (() => {
    try {
      sim.step(action);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  if (!(err instanceof SimulationError)) throw new Error(`expected a SimulationError, got ${String(err)}`);
  if (!sim.state.every(Number.isFinite)) throw new Error('the state holds a non-finite value after the error');
  if (!sim.state.every((v, i) => Object.is(v, before[i]))) throw new Error('the state changed although the step failed');
  return err;
}

for (const c of cases) {
  test(`RDDL5001: ${c.title}`, (t) => {
    const text = domainText(c.expr);
    const compiled = compileText(text);
    const sim = new Simulator(compiled, { seed: 3 });
    sim.reset(0);
    const err = stopAt(sim, compiled.defaultAction);
    const d = err.diagnostic;
    t.is(d.code, 'RDDL5001');
    t.is(d.severity, 'error');
    t.is(lineOf(d), lineContaining(text, c.at ?? c.expr), 'the span is on the line of the expression');
    const spanText = text.slice(d.span!.start, d.span!.end).replace(/^\((.*)\)$/s, '$1');
    t.true(spanText.startsWith(c.at ?? c.expr), `the span covers the expression, not more: ${spanText}`);
    t.regex(d.message, c.what);
    t.regex(d.message, c.values);
    t.true(d.message.endsWith(`while computing '${c.fluent}' at step 0`), d.message);
    // Lockstep batches and evaluatePolicy stop the same way.
    const batch = new BatchSimulator(compiled, 2, { seed: 3 });
    const be = t.throws(() => batch.step(new Float64Array(2 * compiled.layout.action.size)), { instanceOf: SimulationError });
    t.is(be?.diagnostic.message, d.message);
    t.true(batch.states.every(Number.isFinite));
    t.throws(() => evaluatePolicy(compiled, noopPolicy(compiled), { episodes: 1, seed: 3 }), { instanceOf: SimulationError, message: d.message });
  });
}

test('a domain error at a later step names that step, and the state of the step before stays', (t) => {
  const text = `domain countdown {
    pvariables {
        x : { state-fluent, real, default = 2.0 };
        l : { interm-fluent, real };
        a : { action-fluent, bool, default = false };
    };
    cpfs {
        l = ln[x];
        x' = x - 1;
    };
    reward = l;
}
instance countdown_1 { domain = countdown; max-nondef-actions = pos-inf; horizon = 5; discount = 1.0; }
`;
  const compiled = compileText(text);
  const sim = new Simulator(compiled, { seed: 1 });
  sim.reset(0);
  sim.step(compiled.defaultAction);
  sim.step(compiled.defaultAction);
  t.deepEqual([...sim.state], [0]);
  const err = stopAt(sim, compiled.defaultAction);
  t.is(err.diagnostic.code, 'RDDL5001');
  t.is(err.diagnostic.message, "ln of a non-positive number (value 0) while computing 'l' at step 2");
  t.is(lineOf(err.diagnostic), lineContaining(text, 'l = ln[x]'));
  t.deepEqual([...sim.state], [0]);
});

test('domain errors in the reward and in constraints name them', (t) => {
  const text = (reward: string, precondition: string) => `domain where {
    pvariables {
        x : { state-fluent, real, default = -1.0 };
        a : { action-fluent, real, default = 0.0 };
    };
    cpfs { x' = x; };
    reward = ${reward};
    action-preconditions {
        ${precondition};
    };
}
instance where_1 { domain = where; max-nondef-actions = pos-inf; horizon = 2; discount = 1.0; }
`;
  const inReward = text('sqrt[x]', 'a >= 0');
  let sim = new Simulator(compileText(inReward), { seed: 1 });
  sim.reset(0);
  let err = stopAt(sim, Float64Array.of(0));
  t.is(err.diagnostic.message, 'sqrt of a negative number (value -1) while computing the reward at step 0');
  t.is(lineOf(err.diagnostic), lineContaining(inReward, 'sqrt[x]'));

  const inPrecondition = text('0', 'ln[x] <= a');
  sim = new Simulator(compileText(inPrecondition), { seed: 1 });
  sim.reset(0);
  err = stopAt(sim, Float64Array.of(0));
  t.is(err.diagnostic.code, 'RDDL5001');
  t.is(err.diagnostic.message, 'ln of a non-positive number (value -1) while computing action precondition 1 at step 0');
  t.is(lineOf(err.diagnostic), lineContaining(inPrecondition, 'ln[x] <= a'));
});
