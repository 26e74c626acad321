import test from 'ava';
import { setupGradient } from '@rddl/planner-gradient';
import { corpus, finance, rolloutAgainstSimulator, spreadActions } from './support.js';

/**
 * With the default relaxations (straight-through: exact values forward) the
 * relaxed rollout is the model itself: fed with the simulator's own draws,
 * it returns exactly what the simulator returns for the same actions.
 */

const cases: [string, () => ReturnType<typeof finance>][] = [
  ['asset_allocation', () => finance('asset_allocation')],
  ['asset_allocation_normalised', () => finance('asset_allocation_normalised')],
  ['asset_allocation_discrete', () => finance('asset_allocation_discrete')],
  ['asset_allocation (50 assets)', () => finance('asset_allocation', 4)],
  ['trade_execution', () => finance('trade_execution')],
  ['trade_execution (3 securities)', () => finance('trade_execution', 3)],
  ['gbwm', () => finance('gbwm')],
  ['mgwm', () => finance('mgwm')],
  ['inventory', () => finance('inventory')],
  ['Reservoir', () => corpus('rddlrepository/competitions/IPPC2023/Reservoir', 'instance1')],
  ['HVAC', () => corpus('rddlrepository/competitions/IPPC2023/HVAC', 'instance0')],
  ['Navigation', () => corpus('rddlrepository/competitions/IPPC2011/Navigation/MDP', 'instance1')],
  ['UAV', () => corpus('rddlrepository/competitions/IPPC2023/UAV', 'instance1')],
  ['MarsRover', () => corpus('rddlrepository/competitions/IPPC2023/MarsRover', 'instance0')],
];

for (const [name, load] of cases) {
  test(`relaxed rollout of ${name} equals the simulator's return`, (t) => {
    const compiled = load();
    const setup = setupGradient(compiled, {});
    const actions = spreadActions(setup, compiled.horizon, 7);
    // Portfolio weights on the simplex (so that rebalancing happens), integer and bool actions as the simulator takes them.
    const n = setup.constraints.actions.length;
    for (const group of setup.constraints.simplexGroups) {
      for (let k = 0; k < actions.length; k += n) {
        const total = group.reduce((s, i) => s + actions[k + i]!, 0);
        for (const i of group) actions[k + i]! /= total;
      }
    }
    setup.constraints.actions.forEach((a, i) => {
      if (a.kind === 'real') return;
      for (let k = i; k < actions.length; k += setup.constraints.actions.length) actions[k] = a.kind === 'bool' ? (actions[k]! >= 0.5 ? 1 : 0) : Math.round(actions[k]!);
    });
    for (const episode of [0, 3]) {
      const { relaxed, exact } = rolloutAgainstSimulator(compiled, actions, 11, episode);
      t.true(Math.abs(relaxed - exact) <= 1e-9 * Math.max(1, Math.abs(exact)), `episode ${episode}: relaxed ${relaxed}, simulator ${exact}`);
    }
  });
}
