import test from 'ava';
import { sourceOf } from '@rddl/compiler';
import { Simulator } from '@rddl/sim';
import { compileText } from '../support/sim-helpers.js';

/**
 * Names from the file — pvariables, types, objects, enum values — must never
 * reach the generated JavaScript: the source may hold only numbers and
 * generated identifiers. Names that read as JavaScript are the hostile case.
 */
const hostile = `
domain process-exit {
    types {
        constructor : object;
        eval : { @require, @Function, @globalThis };
    };
    pvariables {
        process-env(constructor) : { non-fluent, real, default = 1.0 };
        require-x : { state-fluent, eval, default = @require };
        globalThis-y(constructor) : { state-fluent, real, default = 0.0 };
        Function-z : { action-fluent, bool, default = false };
    };
    cpfs {
        require-x' = if (Function-z) then @Function else @globalThis;
        globalThis-y'(?c) = globalThis-y(?c) + process-env(?c) * Normal(0.0, 1.0) + ln[1.0 + abs[globalThis-y(?c)]];
    };
    reward = (sum_{?c : constructor} [globalThis-y(?c)]) + (require-x == @Function);
}
non-fluents nf {
    domain = process-exit;
    objects { constructor : { prototype, proto-x, toString }; };
    non-fluents { process-env(prototype) = 2.5; };
}
instance i { domain = process-exit; non-fluents = nf; horizon = 3; discount = 1.0; }
`;

test('generated source contains no name from the RDDL file', (t) => {
  const compiled = compileText(hostile);
  const { source } = sourceOf(compiled);
  for (const name of ['process', 'require', 'globalThis', 'Function', 'constructor', 'prototype', 'proto-x', 'toString', 'eval']) {
    t.false(source.includes(name), `'${name}' reached the generated source`);
  }
  // What does appear: numbers, the runtime object, array and generated names.
  t.regex(source, /rt\.sampleNormal/);
});

test('the hostile model simulates normally', (t) => {
  const compiled = compileText(hostile);
  const sim = new Simulator(compiled, { seed: 1 });
  sim.reset(0);
  const action = Float64Array.from(compiled.defaultAction);
  action[compiled.layout.action.byName.get('Function-z')!] = 1;
  let total = 0;
  while (!sim.done) total += sim.step(action).reward;
  t.true(Number.isFinite(total));
  t.is(sim.state[compiled.layout.state.byName.get('require-x')!], 1, '@Function is value 1 of the enum');
});

test('special numbers are written as JavaScript numbers', (t) => {
  const compiled = compileText(`
domain nums {
    pvariables {
        x : { state-fluent, real, default = 0.0 };
        lo : { non-fluent, real, default = neg-inf };
    };
    cpfs { x' = max[x, lo] + 1e-300 * 0.0 + -0.0 + 1.5e+300 / 1e300; };
    reward = x;
}
instance i { domain = nums; horizon = 2; discount = 1.0; }
`);
  const sim = new Simulator(compiled, { seed: 0 });
  sim.reset(0);
  sim.step(compiled.defaultAction);
  t.is(sim.state[0], 1.5);
});
