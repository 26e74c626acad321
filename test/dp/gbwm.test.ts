import test from 'ava';
import { solveDp, tablePolicy, type DpSolution } from '@rddl/planner-dp';
import { evaluatePolicy } from '@rddl/sim';
import { gbwmDp } from '../support/finance-references.js';
import { financeInstance } from './helpers.js';

// REFERENCE.md section 1: W0 100, G 200, T 10, the 15 portfolios of the thesis.
const gbwm = () => financeInstance('gbwm', 'gbwm_1');

let das: DpSolution | undefined;
const dasSolution = () => (das ??= solveDp(gbwm(), { grid: 'das' }));

/** The grid points around W0 at step 0: wealth, value and portfolio. */
function neighbours(s: DpSolution) {
  const axis = s.axes[0]!;
  const j = axis.values.findIndex((w) => w >= 100);
  return [j - 1, j].map((i) => ({ wealth: axis.values[i]!, value: s.layers[0]!.values[i]!, portfolio: s.actions[s.layers[0]!.policy[i]!]![0]! }));
}

test('the Das grid has 200 log points between the Das bounds', (t) => {
  const axis = dasSolution().axes[0]!;
  t.is(axis.values.length, 200);
  t.true(axis.log);
  t.true(Math.abs(axis.values[0]! - 21.876064377) < 1e-6, String(axis.values[0]));
  t.true(Math.abs(axis.values[199]! - 1280.165676978) < 1e-6, String(axis.values[199]));
});

test('Das grid: the value at W0 is 0.66523 (REFERENCE.md ± 2e-4)', (t) => {
  const v = dasSolution().initialValue;
  t.true(Math.abs(v - 0.66523) <= 2e-4, String(v));
});

test('Das grid: values at the neighbours of W0 are 0.65923 / 0.67796 with portfolios 14 / 13', (t) => {
  const [lo, hi] = neighbours(dasSolution());
  t.true(Math.abs(lo!.wealth - 99.34706) < 1e-5 && Math.abs(hi!.wealth - 101.39952) < 1e-5, `${lo!.wealth} ${hi!.wealth}`);
  t.true(Math.abs(lo!.value - 0.65923) <= 1e-5, String(lo!.value));
  t.true(Math.abs(hi!.value - 0.67796) <= 1e-5, String(hi!.value));
  t.is(lo!.portfolio, 14);
  t.is(hi!.portfolio, 13);
});

test('Das grid: every value equals the independent implementation of the thesis DP', (t) => {
  const s = dasSolution();
  const reference = gbwmDp({ initialWealth: 100, goal: 200, periods: 10, gridPoints: 200 });
  let worst = 0;
  for (let period = 0; period < 10; period++) {
    // One discrete state (period = t) per step.
    t.is(s.layers[period]!.ids.length, 1);
    const ours = s.layers[period]!.values;
    reference.values[period]!.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - ours[i]!))));
  }
  t.true(worst < 1e-12, `largest difference ${worst}`);
});

test('converged grid (default options): value 0.67023 ± 0.001 and portfolio 13 at W0', (t) => {
  const s = solveDp(gbwm());
  t.true(Math.abs(s.initialValue - 0.67023) <= 0.001, String(s.initialValue));
  const out = Float64Array.from(gbwm().defaultAction);
  tablePolicy(s).act(Float64Array.from(gbwm().initialState), 0, 0, out);
  t.is(out[0], 13);
  // A finer aligned grid moves the value by less than the tolerance: the default grid is converged.
  const finer = solveDp(gbwm(), { points: 800, workLimit: 1e8 });
  t.true(Math.abs(finer.initialValue - s.initialValue) < 2e-4, `${finer.initialValue} vs ${s.initialValue}`);
});

test('the Das-grid policy simulated over 100,000 episodes earns 0.6700 ± 0.006', (t) => {
  const c = gbwm();
  const policy = tablePolicy(dasSolution());
  const result = evaluatePolicy(c, policy, { episodes: 100_000, seed: 1 });
  t.true(Math.abs(result.summary.mean - 0.67) <= 0.006, String(result.summary.mean));
  t.is(policy.misses, 0);
});
