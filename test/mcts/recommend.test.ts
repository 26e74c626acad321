import test from 'ava';
import { budgetShares, mergeRoots, recommend, type SearchResult } from '@rddl/planner-mcts';

const result = (children: [number[], number, number][]): SearchResult => ({
  children: children.map(([a, visits, total]) => ({ action: Float64Array.from(a), visits, total })),
  iterations: 0,
  seconds: 0,
  nodes: 0,
  depth: 0,
  reused: false,
  trivial: false,
});

test('mergeRoots sums the statistics of the same action over trees, in first-seen order', (t) => {
  const merged = mergeRoots([
    result([
      [[0], 3, 3],
      [[1], 5, 10],
    ]),
    result([
      [[2], 4, 8],
      [[1], 1, 0],
    ]),
  ]);
  t.deepEqual(
    merged.map((c) => [Array.from(c.action), c.visits, c.total]),
    [
      [[0], 3, 3],
      [[1], 6, 10],
      [[2], 4, 8],
    ],
  );
});

test('recommend: most visited (ties to the better mean) or best mean (ties to more visits)', (t) => {
  const children = result([
    [[0], 6, 6],
    [[1], 6, 12],
    [[2], 2, 10],
  ]).children;
  t.deepEqual(Array.from(recommend(children, 'visits')!), [1]);
  t.deepEqual(Array.from(recommend(children, 'mean')!), [2]);
  t.is(recommend([], 'visits'), undefined);
});

test('budgetShares: iterations are split over the trees, time is given to each', (t) => {
  t.deepEqual(
    budgetShares({ kind: 'iterations', iterations: 7 }, 3).map((b) => (b.kind === 'iterations' ? b.iterations : -1)),
    [3, 2, 2],
  );
  t.deepEqual(budgetShares({ kind: 'iterations', iterations: 1 }, 2), [
    { kind: 'iterations', iterations: 1 },
    { kind: 'iterations', iterations: 1 },
  ]);
  t.deepEqual(budgetShares({ kind: 'seconds', seconds: 0.5 }, 2), [
    { kind: 'seconds', seconds: 0.5 },
    { kind: 'seconds', seconds: 0.5 },
  ]);
});
