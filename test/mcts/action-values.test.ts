import test from 'ava';
import { extractActionBounds } from '@rddl/compiler';
import { actionValues, defaultMctsOptions, gridValues, integerValues } from '@rddl/planner-mcts';
import { finance } from './support/load.js';

test('gridValues: steps of 0.1 from 0 to 1 include both ends and read cleanly', (t) => {
  t.deepEqual(gridValues(0, 1, 0.1, 21), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  t.deepEqual(gridValues(0, 0.25, 0.1, 21), [0, 0.1, 0.2]);
  t.deepEqual(gridValues(1, 0, 0.1, 21), []);
});

test('gridValues: a range with more points than the cap gets evenly spaced values', (t) => {
  t.deepEqual(gridValues(0, 1e7, 0.1, 5), [0, 2.5e6, 5e6, 7.5e6, 1e7]);
});

test('integerValues: every integer, or a spread of them', (t) => {
  t.deepEqual(integerValues(1, 5, 21), [1, 2, 3, 4, 5]);
  t.deepEqual(integerValues(0, 100, 5), [0, 25, 50, 75, 100]);
  t.deepEqual(integerValues(3, 2, 5), []);
});

test('actionValues: bool, integer units and real weights read their bounds from the preconditions', (t) => {
  const discrete = finance('asset_allocation_discrete');
  const v = actionValues(discrete, extractActionBounds(discrete), discrete.initialState, defaultMctsOptions);
  // rebalance (bool, default false), set_weight(a1), set_weight(a2) (int 1..10, default 1)
  t.deepEqual(v.alternatives, [[1], [2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 3, 4, 5, 6, 7, 8, 9, 10]]);
  t.deepEqual(v.continuous, [undefined, undefined, undefined]);

  const real = finance('asset_allocation_normalised');
  const grid = actionValues(real, extractActionBounds(real), real.initialState, defaultMctsOptions);
  t.deepEqual(grid.alternatives[0], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  const widening = actionValues(real, extractActionBounds(real), real.initialState, { ...defaultMctsOptions, realActions: 'widening' });
  t.deepEqual(widening.continuous[0], [0, 1]);
});
