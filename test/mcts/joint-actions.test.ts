import test from 'ava';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import { countJointActions, enumerateJointActions } from '@rddl/planning';
import { JointSpace } from '@rddl/planner-mcts';

const key = (a: ArrayLike<number>) => Array.from(a).join(',');

const cases: { name: string; defaults: number[]; alternatives: number[][]; maxNondef: number }[] = [
  { name: 'bools, max-nondef 1', defaults: [0, 0, 0, 0], alternatives: [[1], [1], [1], [1]], maxNondef: 1 },
  { name: 'mixed, max-nondef 2', defaults: [0, 1, 2, 0], alternatives: [[1], [2, 3, 4], [0, 1], []], maxNondef: 2 },
  { name: 'mixed, unlimited', defaults: [0, 1, 0.5], alternatives: [[1], [2, 3], [0, 0.1, 0.9]], maxNondef: Infinity },
];

for (const c of cases) {
  test(`JointSpace: ranks give every joint action once (${c.name})`, (t) => {
    const space = new JointSpace(Float64Array.from(c.defaults), c.alternatives, c.maxNondef);
    t.is(space.size, countJointActions(c.alternatives, c.maxNondef));
    const expected = enumerateJointActions(Float64Array.from(c.defaults), c.alternatives, c.maxNondef, 1e6)!.map(key).sort();
    const out = new Float64Array(c.defaults.length);
    const got: string[] = [];
    for (let r = 0; r < space.size; r++) {
      space.unrank(r, out);
      got.push(key(out));
    }
    t.is(got[0], key(c.defaults), 'rank 0 is every action at its default');
    t.deepEqual([...got].sort(), expected);
  });
}

test('JointSpace: draws are uniform over the joint actions (chi-square, fixed seed)', (t) => {
  const c = cases[1]!;
  const space = new JointSpace(Float64Array.from(c.defaults), c.alternatives, c.maxNondef);
  const stream = new CounterStream(deriveSeedKey(7, 'test:mcts'));
  const counts = new Map<string, number>();
  const draws = 20_000;
  const out = new Float64Array(c.defaults.length);
  for (let k = 0; k < draws; k++) {
    stream.reset(0, k, 0);
    space.sample(() => stream.next(), out);
    counts.set(key(out), (counts.get(key(out)) ?? 0) + 1);
  }
  t.is(counts.size, space.size, 'every joint action is drawn');
  const expected = draws / space.size;
  const chi2 = [...counts.values()].reduce((s, n) => s + (n - expected) ** 2 / expected, 0);
  // 17 degrees of freedom: the 99.9% quantile is 40.8.
  t.true(chi2 < 40.8, `chi-square ${chi2}`);
});

test('JointSpace: a space too large to count exactly is still drawn from, within max-nondef', (t) => {
  const n = 400;
  const alternatives = Array.from({ length: n }, () => Array.from({ length: 20 }, (_, v) => v + 1));
  const space = new JointSpace(new Float64Array(n), alternatives, 3);
  t.true(space.size > 1e9);
  const stream = new CounterStream(deriveSeedKey(1, 'test:mcts'));
  stream.reset(0, 0, 0);
  const out = new Float64Array(n);
  let three = 0;
  for (let k = 0; k < 200; k++) {
    space.sample(() => stream.next(), out);
    const moved = out.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0);
    t.true(moved <= 3);
    if (moved === 3) three++;
  }
  // Almost all joint actions move exactly three of 400 actions.
  t.true(three >= 190, `${three} of 200 draws move three actions`);
});
