import test from 'ava';
import type { CompiledModel } from '@rddl/compiler';
import { evaluatePolicy, fromValues, noopPolicy, SimulationError, Simulator, summarize, toFlat, type FlatValues, type FluentValue } from '@rddl/sim';
import { buildText, compileText, miniDomain, render, type MiniDomain } from '../support/sim-helpers.js';

// The meaning of RDDL's corner cases, each on a small inline domain run
// through the whole pipeline (parse, model, compile, generated kernel,
// Simulator). Seeds are fixed; statistical checks use wide, fixed tolerances.

const SEED = 11;

/** One step from the initial state with the given action (defaults elsewhere). */
function stepOnce(compiled: CompiledModel, action: FlatValues = {}, seed = SEED, episode = 0) {
  const sim = new Simulator(compiled, { seed });
  sim.reset(episode);
  const a = fromValues(compiled.layout.action, action, compiled.defaultAction.slice());
  const result = sim.step(a);
  return {
    sim,
    result,
    state: toFlat(compiled.layout.state, sim.state),
    interm: toFlat(compiled.layout.interm, sim.interm),
    observ: toFlat(compiled.layout.observ, sim.observation),
  };
}

/**
 * A domain of interm fluents, one per expression, evaluated once.
 * `rows` are [name, range, expression]; `extra` adds declarations.
 */
function evalInterms(rows: readonly (readonly [string, 'real' | 'int' | 'bool' | string, string])[], extra: Partial<MiniDomain> = {}): FlatValues {
  const compiled = compileText(
    miniDomain({
      ...extra,
      pvariables: [
        ...rows.map(([name, range]) => `        ${name} : { interm-fluent, ${range} };`),
        '        noop-action : { action-fluent, bool, default = false };',
        extra.pvariables ?? '',
      ].join('\n'),
      cpfs: [...rows.map(([name, , expr]) => `        ${name} = ${expr};`), extra.cpfs ?? ''].join('\n'),
    }),
  );
  return stepOnce(compiled).interm;
}

/** The errors of building inline text, rendered (for failures). */
function errorsOf(text: string) {
  return buildText(text).diagnostics.filter((d) => d.severity === 'error');
}

/**
 * `episodes` one-step episodes: the values of the state after the step, one
 * array per episode (each episode draws afresh: draws are keyed by episode).
 */
function oneStepSamples(compiled: CompiledModel, episodes: number, seed = SEED): Float64Array[] {
  const out: Float64Array[] = [];
  evaluatePolicy(compiled, noopPolicy(compiled), { episodes, seed, onStep: (r) => out.push(r.nextState.slice()) });
  return out;
}

// ---------------------------------------------------------------- arithmetic

test("'/' is real division even between ints; an int fluent cannot hold it", (t) => {
  const v = evalInterms(
    [
      ['q', 'real', '7 / 2'],
      ['qn', 'real', 'n / 2'],
      ['qneg', 'real', '-7 / 2'],
    ],
    { pvariables: '        n : { state-fluent, int, default = 7 };', cpfs: "        n' = n;" },
  );
  t.deepEqual(v, { q: 3.5, qn: 3.5, qneg: -3.5 });
  const errors = errorsOf(
    miniDomain({ pvariables: 'n : { state-fluent, int, default = 7 };\n a : { action-fluent, bool, default = false };', cpfs: "n' = n / 2;" }),
  );
  t.deepEqual(
    errors.map((d) => d.code),
    ['RDDL2009'],
    render(errors),
  );
  t.regex(errors[0]!.message, /computes a value of type real, but 'n' is int/);
});

test('div and mod floor (mod takes the sign of the divisor); fmod truncates', (t) => {
  const v = evalInterms([
    ['d1', 'int', 'div[-7, 2]'],
    ['d2', 'int', 'div[7, -2]'],
    ['d3', 'int', 'div[7, 2]'],
    ['d4', 'int', 'div[-8, 2]'],
    ['m1', 'int', 'mod[-7, 5]'],
    ['m2', 'int', 'mod[7, -5]'],
    ['m3', 'int', 'mod[7, 5]'],
    ['m4', 'int', 'mod[-10, 5]'],
    ['f1', 'real', 'fmod[-7, 5]'],
    ['f2', 'real', 'fmod[7.5, 2]'],
    ['f3', 'real', 'fmod[7, -5]'],
  ]);
  t.deepEqual(v, { d1: -4, d2: -4, d3: 3, d4: -4, m1: 3, m2: -3, m3: 2, m4: 0, f1: -2, f2: 1.5, f3: 2 });
});

test("'~' on a number is a boolean: ~~x is 1 for any non-zero x, never x itself", (t) => {
  const v = evalInterms(
    [
      ['dn', 'bool', '~~x'],
      ['dnInt', 'int', '~~x + 0'],
      ['dnZero', 'bool', '~~z'],
      ['single', 'bool', '~x'],
      ['nested', 'int', '~(~(x)) * 10'],
    ],
    {
      pvariables: '        x : { state-fluent, real, default = 3.5 };\n        z : { state-fluent, real, default = 0.0 };',
      cpfs: "        x' = x;\n        z' = z;",
    },
  );
  t.deepEqual(v, { dn: true, dnInt: 1, dnZero: false, single: false, nested: 10 });
});

test('booleans count as 0/1 in arithmetic', (t) => {
  const v = evalInterms(
    [
      ['bb', 'int', 'true + true'],
      ['bm', 'int', 'b * 3'],
      ['bn', 'int', 'c * 3'],
      ['count', 'int', 'sum_{?x : obj} flag(?x)'],
      ['mixed', 'real', 'b + 0.5'],
    ],
    {
      types: '        obj : object;',
      objects: '        obj : { o1, o2, o3 };',
      pvariables: [
        '        b : { non-fluent, bool, default = true };',
        '        c : { state-fluent, bool, default = false };',
        '        flag(obj) : { state-fluent, bool, default = false };',
      ].join('\n'),
      cpfs: "        c' = c;\n        flag'(?x) = flag(?x);",
      initState: '        flag(o1) = true;\n        flag(o3) = true;',
    },
  );
  t.deepEqual(v, { bb: 2, bm: 3, bn: 0, count: 2, mixed: 1.5 });
});

test('round sends halves to the even neighbour (numpy), keeping the sign of zero', (t) => {
  const v = evalInterms([
    ['r1', 'int', 'round[2.5]'],
    ['r2', 'int', 'round[3.5]'],
    ['r3', 'int', 'round[-2.5]'],
    ['r4', 'int', 'round[-0.5]'],
    ['r5', 'int', 'round[0.5]'],
    ['r6', 'int', 'round[1.4999]'],
    ['r7', 'int', 'round[-1.5]'],
    ['fl', 'int', 'floor[-2.5]'],
    ['ce', 'int', 'ceil[-2.5]'],
  ]);
  t.deepEqual(v, { r1: 2, r2: 4, r3: -2, r4: -0, r5: 0, r6: 1, r7: -2, fl: -3, ce: -2 });
  t.true(Object.is(v.r4, -0), 'round[-0.5] is -0');
  t.true(Object.is(v.r5, 0), 'round[0.5] is +0');
});

test('min, max, abs, sgn, pow, log, hypot, exp and ln give the usual values', (t) => {
  const v = evalInterms([
    ['mn', 'int', 'min[3, -2]'],
    ['mx', 'real', 'max[3, 4.5]'],
    ['ab', 'int', 'abs[-3]'],
    ['sg', 'int', 'sgn[-0.2]'],
    ['pw', 'real', 'pow[2, 10]'],
    ['lg', 'real', 'log[8, 2]'],
    ['hy', 'real', 'hypot[3, 4]'],
    ['ex', 'real', 'exp[0]'],
    ['ln0', 'real', 'ln[1]'],
  ]);
  t.deepEqual(v, { mn: -2, mx: 4.5, ab: 3, sg: -1, pw: 1024, lg: 3, hy: 5, ex: 1, ln0: 0 });
});

// ---------------------------------------------------------------- distributions

test("Normal's second parameter is the variance: variance 0 gives the mean exactly, and samples have the given variance", (t) => {
  const exact = compileText(
    miniDomain({
      pvariables: 'x : { state-fluent, real, default = 0.0 };\n a : { action-fluent, bool, default = false };',
      cpfs: "x' = Normal(5.25, 0.0);",
      horizon: 4,
    }),
  );
  const sim = new Simulator(exact, { seed: SEED });
  sim.reset(0);
  for (let k = 0; k < 4; k++) {
    sim.step(exact.defaultAction);
    t.is(sim.state[0], 5.25);
  }
  const noisy = compileText(
    miniDomain({
      pvariables: 'x : { state-fluent, real, default = 0.0 };\n a : { action-fluent, bool, default = false };',
      cpfs: "x' = Normal(1.0, 4.0);",
      horizon: 1,
    }),
  );
  const xs = oneStepSamples(noisy, 4000).map((s) => s[0]!);
  const s = summarize(xs);
  // Variance 4 (sd 2): the standard error of the sample variance is 4·sqrt(2/3999) ≈ 0.09.
  t.true(Math.abs(s.std ** 2 - 4) < 0.5, `sample variance ${s.std ** 2}`);
  t.true(Math.abs(s.mean - 1) < 0.15, `sample mean ${s.mean}`);
});

test('Discrete: listed probabilities, otherwise takes the rest, float sums within 1e-9 of 1 are accepted', (t) => {
  const domain = (dist: string) =>
    compileText(
      miniDomain({
        types: '        level : {@low, @mid, @high};',
        pvariables: 'lv : { state-fluent, level, default = @low };\n a : { action-fluent, bool, default = false };',
        cpfs: `lv' = ${dist};`,
        horizon: 1,
      }),
    );
  const freq = (compiled: CompiledModel) => {
    const draws = oneStepSamples(compiled, 3000).map((s) => s[0]!);
    return [0, 1, 2].map((k) => draws.filter((d) => d === k).length / draws.length);
  };
  const close = (f: number[], p: number[], label: string) => {
    // 3000 draws: the standard error of a frequency is at most 0.0092.
    t.true(
      f.every((x, i) => Math.abs(x - p[i]!) < 0.045),
      `${label}: ${f.join(', ')} vs ${p.join(', ')}`,
    );
  };
  close(freq(domain('Discrete(level, @low : 0.2, @mid : 0.3, @high : otherwise)')), [0.2, 0.3, 0.5], 'otherwise');
  close(freq(domain('Discrete(level, @high : 0.7, @low : 0.1, @mid : 0.2)')), [0.1, 0.2, 0.7], 'listed in any order (0.7 + 0.1 + 0.2 != 1 in floating point)');
  close(freq(domain('Discrete(level, @mid : 1.0)')), [0, 1, 0], 'a value left out has probability 0');
  close(freq(domain('UnnormDiscrete(level, @low : 2, @mid : 6, @high : 2)')), [0.2, 0.6, 0.2], 'UnnormDiscrete normalises its weights');
  close(freq(domain('Discrete_{?v : level} [if (?v == @high) then 0.5 else 0.25]')), [0.25, 0.25, 0.5], 'Discrete_ over a type');
  close(freq(domain('UnnormDiscrete_{?v : level} [if (?v == @low) then 3 else 1]')), [0.6, 0.2, 0.2], 'UnnormDiscrete_ over a type');
});

test('KronDelta and DiracDelta are their argument, exactly', (t) => {
  const compiled = compileText(
    miniDomain({
      pvariables: [
        'b : { state-fluent, bool, default = false };',
        'n : { state-fluent, int, default = 3 };',
        'x : { state-fluent, real, default = 0.0 };',
        'a : { action-fluent, bool, default = false };',
      ].join('\n'),
      cpfs: "b' = KronDelta(n > 2);\n n' = KronDelta(n + 1);\n x' = DiracDelta(x + 0.125);",
    }),
  );
  const sim = new Simulator(compiled, { seed: SEED });
  sim.reset(0);
  sim.step(compiled.defaultAction);
  t.deepEqual(toFlat(compiled.layout.state, sim.state), { b: true, n: 4, x: 0.125 });
  sim.step(compiled.defaultAction);
  t.deepEqual(toFlat(compiled.layout.state, sim.state), { b: true, n: 5, x: 0.25 });
});

// ---------------------------------------------------------------- control flow and objects

test('switch picks its case, its default, or (without default) covers every value', (t) => {
  const run = (start: string) =>
    evalInterms(
      [
        ['withDefault', 'int', 'switch (lv) { case @low : 1, case @mid : 2, default : 9 }'],
        ['noDefault', 'real', 'switch (lv) { case @high : 0.5, case @mid : 1.5, case @low : 2.5 }'],
        ['enumOut', 'level', 'switch (lv) { case @low : @high, default : @low }'],
      ],
      {
        types: '        level : {@low, @mid, @high};',
        pvariables: '        lv : { state-fluent, level, default = @low };',
        cpfs: "        lv' = lv;",
        initState: `        lv = ${start};`,
      },
    );
  t.deepEqual(run('@low'), { withDefault: 1, noDefault: 2.5, enumOut: '@high' });
  t.deepEqual(run('@mid'), { withDefault: 2, noDefault: 1.5, enumOut: '@low' });
  t.deepEqual(run('@high'), { withDefault: 9, noDefault: 0.5, enumOut: '@low' });
});

test('argmax and argmin return the first object on ties', (t) => {
  const v = evalInterms(
    [
      ['best', 'obj', 'argmax_{?x : obj} v(?x)'],
      ['worst', 'obj', 'argmin_{?x : obj} v(?x)'],
      ['allTied', 'obj', 'argmax_{?x : obj} 1'],
    ],
    {
      types: '        obj : object;',
      objects: '        obj : { o1, o2, o3, o4, o5 };',
      pvariables: '        v(obj) : { state-fluent, real, default = 0.0 };',
      cpfs: "        v'(?x) = v(?x);",
      initState: '        v(o1) = 1.0; v(o2) = 3.0; v(o3) = 3.0; v(o4) = -1.0; v(o5) = -1.0;',
    },
  );
  t.deepEqual(v, { best: 'o2', worst: 'o4', allTied: 'o1' });
});

test('nested pvariables take an object computed at run time; object-valued fluents step through objects', (t) => {
  const compiled = compileText(
    miniDomain({
      types: '        obj : object;',
      objects: '        obj : { o1, o2, o3 };',
      pvariables: [
        '        NEXT(obj) : { non-fluent, obj, default = o1 };',
        '        VAL(obj) : { non-fluent, real, default = 0.0 };',
        '        pos : { state-fluent, obj, default = o1 };',
        '        here : { interm-fluent, real };',
        '        ahead : { interm-fluent, real };',
        '        a : { action-fluent, bool, default = false };',
      ].join('\n'),
      nonFluents: '        NEXT(o1) = o2; NEXT(o2) = o3; NEXT(o3) = o1;\n        VAL(o1) = 10.0; VAL(o2) = 20.0; VAL(o3) = 30.0;',
      cpfs: "        here = VAL(pos);\n        ahead = VAL(NEXT(NEXT(pos)));\n        pos' = NEXT(pos);",
      reward: 'VAL(pos)',
      horizon: 4,
    }),
  );
  const sim = new Simulator(compiled, { seed: SEED });
  sim.reset(0);
  const seen: [FluentValue, number, number, number][] = [];
  while (!sim.done) {
    const r = sim.step(compiled.defaultAction);
    seen.push([toFlat(compiled.layout.state, sim.state).pos!, sim.interm[0]!, sim.interm[1]!, r.reward]);
  }
  t.deepEqual(seen, [
    ['o2', 10, 30, 10],
    ['o3', 20, 10, 20],
    ['o1', 30, 20, 30],
    ['o2', 10, 30, 10],
  ]);
});

test('object subtypes: a value of a subtype keeps its object in a fluent, branch or argument of the parent type', (t) => {
  // animal's values are its own objects, then those of its subtypes: a1, d1, d2, c1; dog's are d1, d2.
  const compiled = compileText(
    miniDomain({
      types: '        animal : object;\n        dog : animal;\n        cat : animal;',
      objects: '        animal : { a1 };\n        dog : { d1, d2 };\n        cat : { c1 };',
      pvariables: [
        '        W(animal) : { non-fluent, real, default = 0.0 };',
        '        best : { state-fluent, animal, default = a1 };',
        '        pet : { state-fluent, dog, default = d2 };',
        '        chosen : { interm-fluent, animal };',
        '        picked : { interm-fluent, animal };',
        '        same : { interm-fluent, bool };',
        '        wpet : { interm-fluent, real };',
        '        dogs : { interm-fluent, real };',
        '        all : { interm-fluent, real };',
        '        a : { action-fluent, bool, default = false };',
      ].join('\n'),
      nonFluents: '        W(a1) = 1.0; W(d1) = 2.0; W(d2) = 3.0; W(c1) = 4.0;',
      cpfs: [
        "        best' = pet;",
        "        pet' = pet;",
        '        chosen = if (a) then best else pet;',
        '        picked = switch (pet) { case d1 : best, default : pet };',
        '        same = best == pet;',
        '        wpet = W(pet);',
        '        dogs = sum_{?d : dog} W(?d);',
        '        all = sum_{?x : animal} W(?x);',
      ].join('\n'),
    }),
  );
  t.deepEqual(compiled.model.types.get('animal')!.values, ['a1', 'd1', 'd2', 'c1']);
  const out = stepOnce(compiled);
  t.deepEqual(out.state, { best: 'd2', pet: 'd2' }, "best' = pet stores d2, not animal's value at pet's index");
  t.deepEqual(out.interm, { chosen: 'd2', picked: 'd2', same: false, wpet: 3, dogs: 5, all: 10 });
  const next = out.sim.step(compiled.defaultAction);
  t.false(next.done);
  t.like(toFlat(compiled.layout.interm, out.sim.interm), { same: true, chosen: 'd2' });
});

test('enum values compare with == and ~=; enum-valued fluents update', (t) => {
  const compiled = compileText(
    miniDomain({
      types: '        level : {@low, @mid, @high};',
      pvariables: [
        '        lv : { state-fluent, level, default = @low };',
        '        isHigh : { interm-fluent, bool };',
        '        notLow : { interm-fluent, bool };',
        '        same : { interm-fluent, bool };',
        '        a : { action-fluent, bool, default = false };',
      ].join('\n'),
      cpfs: [
        "        lv' = if (lv == @low) then @mid else @high;",
        '        isHigh = lv == @high;',
        '        notLow = lv ~= @low;',
        '        same = lv == lv;',
      ].join('\n'),
      horizon: 3,
    }),
  );
  const sim = new Simulator(compiled, { seed: SEED });
  sim.reset(0);
  const rows: FlatValues[] = [];
  while (!sim.done) {
    sim.step(compiled.defaultAction);
    rows.push({ ...toFlat(compiled.layout.state, sim.state), ...toFlat(compiled.layout.interm, sim.interm) });
  }
  t.deepEqual(rows, [
    { lv: '@mid', isHigh: false, notLow: false, same: true },
    { lv: '@high', isHigh: false, notLow: true, same: true },
    { lv: '@high', isHigh: true, notLow: true, same: true },
  ]);
  const ordering = errorsOf(
    miniDomain({
      types: 'level : {@low, @high};',
      pvariables: 'lv : { state-fluent, level, default = @low };\n b : { interm-fluent, bool };\n a : { action-fluent, bool, default = false };',
      cpfs: "lv' = lv; b = lv < @high;",
    }),
  );
  t.true(ordering.length > 0 && ordering.every((d) => d.code === 'RDDL2008'), render(ordering));
  t.regex(ordering[0]!.message, /operand of '<' must be a number, not a value of type 'level'/);
});

test('if is lazy: a domain error in the branch not taken does not fire', (t) => {
  const v = evalInterms(
    [
      ['guarded', 'real', 'if (x > 0) then ln[x] else -1.0'],
      ['guardedDiv', 'real', 'if (x == 0) then 0.0 else 1 / x'],
      ['guardedSqrt', 'real', 'if (x >= 0) then sqrt[x] else sqrt[-x]'],
    ],
    { pvariables: '        x : { state-fluent, real, default = 0.0 };', cpfs: "        x' = x;", initState: '        x = -4.0;' },
  );
  t.deepEqual(v, { guarded: -1, guardedDiv: -0.25, guardedSqrt: 2 });
});

test('a random draw in the branch not taken does not change later draws', (t) => {
  const text = (flag: boolean) =>
    miniDomain({
      pvariables: [
        '        flag : { state-fluent, bool, default = false };',
        '        y : { state-fluent, real, default = 0.0 };',
        '        z : { state-fluent, real, default = 0.0 };',
        '        w : { state-fluent, bool, default = false };',
        '        a : { action-fluent, bool, default = false };',
      ].join('\n'),
      cpfs: ["        flag' = flag;", "        y' = if (flag) then Normal(0.0, 1.0) + Uniform(0.0, 1.0) else 0.0;", "        z' = Normal(0.0, 1.0);", "        w' = Bernoulli(0.5);"].join('\n'),
      initState: `        flag = ${flag};`,
      horizon: 5,
    });
  const taken = compileText(text(true));
  const skipped = compileText(text(false));
  const trace = (c: CompiledModel) => {
    const out: number[][] = [];
    evaluatePolicy(c, noopPolicy(c), { episodes: 3, seed: SEED, onStep: (r) => out.push([...r.nextState]) });
    return out;
  };
  const a = trace(taken);
  const b = trace(skipped);
  t.true(a.every((s) => s[1] !== 0), 'y is drawn when the branch is taken');
  t.true(b.every((s) => s[1] === 0), 'y is 0 when it is not');
  t.deepEqual(
    a.map((s) => [s[2], s[3]]),
    b.map((s) => [s[2], s[3]]),
    'z and w are the same draws either way',
  );
});

test("'^', '|' and '=>' short-circuit: the right side is not evaluated when the left decides", (t) => {
  const v = evalInterms(
    [
      ['andFalse', 'bool', '(x > 0) ^ (ln[x] > 0)'],
      ['orTrue', 'bool', '(x <= 0) | (ln[x] > 0)'],
      ['impliesTrue', 'bool', '(x > 0) => (ln[x] > 0)'],
      ['andTrue', 'bool', '(x < 0) ^ (sqrt[-x] == 2)'],
    ],
    { pvariables: '        x : { state-fluent, real, default = 0.0 };', cpfs: "        x' = x;", initState: '        x = -4.0;' },
  );
  t.deepEqual(v, { andFalse: false, orTrue: true, impliesTrue: true, andTrue: true });
});

test('aggregations over an empty type: sum 0, prod 1, forall true, exists false', (t) => {
  const v = evalInterms(
    [
      ['s', 'real', 'sum_{?n : none} v(?n)'],
      ['p', 'real', 'prod_{?n : none} v(?n)'],
      ['fa', 'bool', 'forall_{?n : none} v(?n) > 0'],
      ['ex', 'bool', 'exists_{?n : none} v(?n) > 0'],
      ['si', 'int', 'sum_{?n : none, ?x : obj} 1'],
    ],
    {
      types: '        none : object;\n        obj : object;',
      objects: '        none : { };\n        obj : { o1, o2 };',
      pvariables: '        v(none) : { state-fluent, real, default = 1.0 };',
      cpfs: "        v'(?n) = v(?n);",
    },
  );
  t.deepEqual(v, { s: 0, p: 1, fa: true, ex: false, si: 0 });
});

test('avg, minimum and maximum aggregate over objects (min_/max_ too)', (t) => {
  const v = evalInterms(
    [
      ['av', 'real', 'avg_{?x : obj} v(?x)'],
      ['avInt', 'real', 'avg_{?x : obj} n(?x)'],
      ['lo', 'real', 'minimum_{?x : obj} v(?x)'],
      ['hi', 'real', 'maximum_{?x : obj} v(?x)'],
      ['lo2', 'real', 'min_{?x : obj} v(?x)'],
      ['hi2', 'int', 'max_{?x : obj} n(?x)'],
      ['pr', 'real', 'prod_{?x : obj} v(?x)'],
    ],
    {
      types: '        obj : object;',
      objects: '        obj : { o1, o2, o3, o4 };',
      pvariables: '        v(obj) : { non-fluent, real, default = 0.0 };\n        n(obj) : { state-fluent, int, default = 0 };',
      nonFluents: '        v(o1) = 1.5; v(o2) = -2.0; v(o3) = 4.0; v(o4) = 0.5;',
      cpfs: "        n'(?x) = n(?x);",
      initState: '        n(o1) = 1; n(o2) = 2;',
    },
  );
  t.deepEqual(v, { av: 1, avInt: 0.75, lo: -2, hi: 4, lo2: -2, hi2: 2, pr: -6 });
});

// ---------------------------------------------------------------- levels and synchrony

test('interm fluents may read other interm fluents: evaluated by level whatever the declaration order', (t) => {
  const compiled = compileText(
    miniDomain({
      pvariables: [
        '        third : { interm-fluent, real };',
        '        second : { interm-fluent, real };',
        '        first : { interm-fluent, real };',
        '        x : { state-fluent, real, default = 1.0 };',
        '        a : { action-fluent, real, default = 0.0 };',
      ].join('\n'),
      cpfs: ['        third = second * 10;', '        second = first + 1;', '        first = x + a;', "        x' = third;"].join('\n'),
    }),
  );
  const order = compiled.cpfs.map((c) => [c.fluent.name, c.cpf.level]);
  t.deepEqual(order, [
    ['first', 0],
    ['second', 1],
    ['third', 2],
    ['x', 3],
  ]);
  const out = stepOnce(compiled, { a: 2 });
  t.deepEqual(out.interm, { third: 40, second: 4, first: 3 });
  t.deepEqual(out.state, { x: 40 });
});

test("next-state values are synchronous: p' reads the current q, and r' reads the new values p' and q'", (t) => {
  const compiled = compileText(
    miniDomain({
      pvariables: [
        '        p : { state-fluent, int, default = 1 };',
        '        q : { state-fluent, int, default = 2 };',
        '        r : { state-fluent, int, default = 0 };',
        '        a : { action-fluent, bool, default = false };',
      ].join('\n'),
      cpfs: ["        p' = q;", "        q' = p;", "        r' = p' * 10 + q';"].join('\n'),
      horizon: 2,
    }),
  );
  const sim = new Simulator(compiled, { seed: SEED });
  sim.reset(0);
  sim.step(compiled.defaultAction);
  t.deepEqual(toFlat(compiled.layout.state, sim.state), { p: 2, q: 1, r: 21 }, 'p and q swap; r reads both new values');
  sim.step(compiled.defaultAction);
  t.deepEqual(toFlat(compiled.layout.state, sim.state), { p: 1, q: 2, r: 12 });
});

test('observation fluents (POMDP) are computed from the next state and the action', (t) => {
  const compiled = compileText(
    miniDomain({
      pvariables: [
        '        x : { state-fluent, real, default = 0.0 };',
        '        seen : { observ-fluent, real };',
        '        alarm : { observ-fluent, bool };',
        '        a : { action-fluent, real, default = 0.0 };',
      ].join('\n'),
      cpfs: ["        x' = x + 1;", "        seen = x' * 2 + a;", "        alarm = x' >= 2;"].join('\n'),
    }),
  );
  t.is(compiled.layout.observ.size, 2);
  const sim = new Simulator(compiled, { seed: SEED });
  sim.reset(0);
  sim.step(Float64Array.of(0.5));
  t.deepEqual(toFlat(compiled.layout.observ, sim.observation), { seen: 2.5, alarm: false });
  sim.step(Float64Array.of(0));
  t.deepEqual(toFlat(compiled.layout.observ, sim.observation), { seen: 4, alarm: true });
  const errors = errorsOf(
    miniDomain({
      pvariables: 'x : { state-fluent, real, default = 0.0 };\n o : { observ-fluent, real };\n a : { action-fluent, bool, default = false };',
      cpfs: "x' = x; o = x;",
    }),
  );
  t.deepEqual(
    errors.map((d) => d.code),
    ['RDDL3004'],
    'an observation may not read the current state',
  );
});

// ---------------------------------------------------------------- episodes

test('termination ends the episode: done, terminated, and no more steps', (t) => {
  const compiled = compileText(
    miniDomain({
      pvariables: 'x : { state-fluent, int, default = 0 };\n a : { action-fluent, bool, default = false };',
      cpfs: "x' = x + 1;",
      reward: '1',
      termination: '        x >= 2;',
      horizon: 10,
    }),
  );
  const sim = new Simulator(compiled, { seed: SEED });
  sim.reset(0);
  t.like(sim.step(compiled.defaultAction), { terminated: false, truncated: false, done: false });
  t.like(sim.step(compiled.defaultAction), { terminated: true, truncated: false, done: true });
  t.true(sim.done);
  t.throws(() => sim.step(compiled.defaultAction), { message: /episode is over/ });
  const r = evaluatePolicy(compiled, noopPolicy(compiled), { episodes: 3, seed: SEED });
  t.is(r.steps, 6);
  t.deepEqual([...r.returns], [2, 2, 2]);
  // The horizon ends episodes too (truncated).
  const long = compileText(miniDomain({ pvariables: 'x : { state-fluent, int, default = 0 };\n a : { action-fluent, bool, default = false };', cpfs: "x' = x + 1;", horizon: 2 }));
  const s2 = new Simulator(long, { seed: SEED });
  s2.reset(0);
  s2.step(long.defaultAction);
  t.like(s2.step(long.defaultAction), { terminated: false, truncated: true, done: true });
});

test('the discount is applied to returns (undiscounted returns are kept too)', (t) => {
  const compiled = compileText(
    miniDomain({
      pvariables: 'x : { state-fluent, int, default = 0 };\n a : { action-fluent, bool, default = false };',
      cpfs: "x' = x + 1;",
      reward: 'x + 1',
      horizon: 3,
      discount: 0.5,
    }),
  );
  const r = evaluatePolicy(compiled, noopPolicy(compiled), { episodes: 2, seed: SEED });
  // Rewards 1, 2, 3: 1 + 0.5·2 + 0.25·3.
  t.deepEqual([...r.returns], [2.75, 2.75]);
  t.deepEqual([...r.undiscounted], [6, 6]);
});

test('max-nondef-actions counts the actions that differ from their defaults', (t) => {
  const compiled = compileText(
    miniDomain({
      pvariables: [
        '        go(obj) : { action-fluent, bool, default = false };',
        '        level : { action-fluent, int, default = 2 };',
        '        x : { state-fluent, real, default = 0.0 };',
      ].join('\n'),
      types: '        obj : object;',
      objects: '        obj : { o1, o2, o3 };',
      cpfs: "        x' = x + level + sum_{?o : obj} go(?o);",
      maxNondefActions: '2',
    }),
  );
  const attempt = (action: FlatValues) => {
    try {
      return stepOnce(compiled, action).state.x;
    } catch (err) {
      if (err instanceof SimulationError) return err.diagnostic;
      throw err;
    }
  };
  t.is(attempt({ go___o1: true, go___o2: true }), 4, 'two non-default actions are allowed');
  t.is(attempt({ go___o1: true, go___o2: true, level: 2 }), 4, 'an action set to its default does not count');
  t.is(attempt({ go___o1: true, level: 5 }), 6);
  const d = attempt({ go___o1: true, go___o2: true, level: 3 });
  t.like(d, { code: 'RDDL5004' });
  t.regex((d as { message: string }).message, /^3 actions differ from their defaults at step 0, but max-nondef-actions is 2$/);
});
