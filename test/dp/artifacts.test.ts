import test from 'ava';
import { policyHeatmap, policyTables, solveDp } from '@rddl/planner-dp';
import { compileText } from '../support/sim-helpers.js';
import { corpusInstance } from './helpers.js';

test('exact mode: the tables hold one row per step and reachable state, with the fluents as columns', async (t) => {
  const s = solveDp(corpusInstance('competitions/IPPC2011/Navigation/MDP/instance1.rddl'));
  const { value, policy } = policyTables(s);
  const valueRows = value.trim().split('\n');
  const policyRows = policy.trim().split('\n');
  const rows = s.layers.reduce((n, l) => n + l.ids.length, 0);
  t.is(valueRows.length, 1 + rows);
  t.is(policyRows.length, 1 + rows);
  t.true(valueRows[0]!.startsWith('step,robot-at___x6__y12,'));
  t.true(valueRows[0]!.endsWith(',value'));
  t.is(policyRows[0], `step,${s.compiled.layout.state.fluents.map((f) => f.name).join(',')},move-north,move-south,move-east,move-west,action`);
  // The first row is the initial state at step 0, with the value the solution reports.
  t.is(Number(valueRows[1]!.split(',').pop()), s.initialValue);
  t.true((await policyHeatmap(s)).startsWith('<svg'));
});

test('a stationary policy is written with step *', (t) => {
  const s = solveDp(
    compileText(`
domain coin {
  pvariables {
    on : { state-fluent, bool, default = false };
    flip : { action-fluent, bool, default = false };
  };
  cpfs { on' = if (flip) then Bernoulli(0.7) else on; };
  reward = on;
}
instance coin_1 { domain = coin; max-nondef-actions = 1; horizon = 10; discount = 0.9; }
`),
    { horizon: 'infinite' },
  );
  const { policy } = policyTables(s);
  t.deepEqual(policy.trim().split('\n'), ['step,on,flip,action', '*,false,true,flip=true', '*,true,false,flip=false']);
});
