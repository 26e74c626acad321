import test from 'ava';
import { compileModel } from '@rddl/compiler';
import { renderDiagnostic } from '@rddl/core';
import { lineContaining, lineOf, modelOf } from '../support/sim-helpers.js';

// Problems found while grounding a model for an instance (RDDL4xxx), with the
// place in the source. RDDL4001 (too large) is covered by the corpus test.

test('RDDL4002: argmax over a type with no objects in the instance has no value', (t) => {
  const text = `
domain empty_arg {
  types { item : object; };
  pvariables {
    score(item) : { non-fluent, int, default = 0 };
    same : { state-fluent, bool, default = false };
    go : { action-fluent, bool, default = false };
  };
  cpfs {
    same' = (argmax_{?i : item} [score(?i)]) == (argmax_{?i : item} [score(?i)]);
  };
  reward = 0;
}
instance empty_arg_1 {
  domain = empty_arg;
  max-nondef-actions = 1;
  horizon = 2;
  discount = 1.0;
}
`;
  const { compiled, diagnostics } = compileModel(modelOf(text));
  t.is(compiled, undefined);
  t.deepEqual([...new Set(diagnostics.map((d) => d.code))], ['RDDL4002']);
  t.regex(diagnostics[0]!.message, /argmax over the empty type 'item'/);
  t.is(lineOf(diagnostics[0]!), lineContaining(text, 'argmax_'));
  t.notThrows(() => renderDiagnostic(diagnostics[0]!));
});
