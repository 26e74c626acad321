import test from 'ava';
import { randomPolicy } from '@rddl/sim';
import { compileText, miniDomain } from '../support/sim-helpers.js';

// The random policy on int actions whose sum a precondition fixes: it draws
// compositions of the sum (small sums unit by unit within the bounds, large
// ones from a rounded simplex draw plus the units left over).

function intSumModel(total: number, upper: number) {
  return compileText(
    miniDomain({
      types: '        item : object;',
      pvariables: ['        s : { state-fluent, int, default = 0 };', '        units(item) : { action-fluent, int, default = 0 };'].join('\n'),
      cpfs: "        s' = s + 1;",
      preconditions: [`        forall_{?i : item} [units(?i) >= 0 ^ units(?i) <= ${upper}];`, `        (sum_{?i : item} [units(?i)]) == ${total};`].join('\n'),
      objects: '        item : { i1, i2, i3, i4 };',
    }),
  );
}

for (const [total, upper] of [
  [7, 3],
  [50_000, 50_000],
] as const) {
  test(`random: int actions summing to ${total} (each at most ${upper}) are compositions of the sum within the bounds`, (t) => {
    const compiled = intSumModel(total, upper);
    const random = randomPolicy(compiled, { seed: 5 });
    const a = new Float64Array(compiled.layout.action.size);
    for (let step = 0; step < 50; step++) {
      random.act(compiled.initialState, step % 3, step, a);
      t.is(a.reduce((x, y) => x + y, 0), total);
      t.true(a.every((x) => Number.isInteger(x) && x >= 0 && x <= upper), Array.from(a).join(', '));
    }
  });
}
