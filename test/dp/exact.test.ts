import test from 'ava';
import { solveDp, tablePolicy } from '@rddl/planner-dp';
import { evaluatePolicy } from '@rddl/sim';
import { compileText } from '../support/sim-helpers.js';
import { corpusInstance } from './helpers.js';

// A switch that a flip turns on with probability 0.7; reward 1 while on.
const coin = (horizon: number, discount: number) => `
domain coin {
  pvariables {
    on : { state-fluent, bool, default = false };
    flip : { action-fluent, bool, default = false };
  };
  cpfs { on' = if (flip) then Bernoulli(0.7) else on; };
  reward = on;
}
instance coin_1 { domain = coin; max-nondef-actions = 1; horizon = ${horizon}; discount = ${discount}; }
`;

test('exact mode: a Bernoulli switch over 3 steps, value computed by hand', (t) => {
  // V2 = on; V1(off) = 0.9 * 0.7 = 0.63, V1(on) = 1 + 0.9 = 1.9; V0(off) = 0.9 * (0.7 * 1.9 + 0.3 * 0.63) = 1.3671.
  const s = solveDp(compileText(coin(3, 0.9)));
  t.is(s.mode, 'exact');
  t.true(Math.abs(s.initialValue - 1.3671) < 1e-12, String(s.initialValue));
  t.is(s.stats.discreteStates, 2);
});

test('infinite horizon: value iteration converges to the fixed point', (t) => {
  // V(on) = 1 / (1 - 0.9) = 10 (never flip); V(off) = 0.9 (0.7 V(on) + 0.3 V(off)) = 6.3 / 0.73.
  const s = solveDp(compileText(coin(40, 0.9)), { horizon: 'infinite', tolerance: 1e-12 });
  t.true(s.stationary);
  t.true(Math.abs(s.initialValue - 6.3 / 0.73) < 1e-9, String(s.initialValue));
});

const counts = `
domain counts {
  types { level : { @low, @mid, @high }; };
  pvariables {
    VALUE(level) : { non-fluent, real, default = 0.0 };
    lv : { state-fluent, level, default = @low };
    n : { state-fluent, int, default = 0 };
    boost : { action-fluent, bool, default = false };
  };
  cpfs {
    lv' = Discrete(level, @low : 0.5, @mid : 0.3, @high : 0.2);
    n' = Binomial(3, if (boost) then 0.6 else 0.2) + Poisson(0.5);
  };
  reward = VALUE(lv) + n - 0.4 * boost;
}
non-fluents counts_nf { domain = counts; non-fluents { VALUE(@mid) = 1.0; VALUE(@high) = 3.0; }; }
instance counts_1 { domain = counts; non-fluents = counts_nf; max-nondef-actions = 1; horizon = 4; discount = 1.0; }
`;

test('exact mode: Discrete, Binomial and truncated Poisson draws give the exact expectation', (t) => {
  // Boosting costs 0.4 and adds 1.2 to the next count: boost at steps 0..2. E[VALUE] = 0.9, E[n] = 2.3 after a boost.
  // V = -0.4 + 3 (0.9 + 2.3) - 0.8 = 8.4
  const s = solveDp(compileText(counts));
  t.true(Math.abs(s.initialValue - 8.4) < 1e-9, String(s.initialValue));
  const out = new Float64Array(1);
  tablePolicy(s).act(Float64Array.from([0, 0]), 0, 0, out);
  t.is(out[0], 1);
});

// Small corpus instances: the DP value matches the mean return of its own policy in simulation.
const corpus = [
  { path: 'competitions/IPPC2011/Navigation/MDP/instance1.rddl', states: 13 },
  { path: 'competitions/IPPC2011/SkillTeaching/MDP/instance1.rddl', states: 63 },
  { path: 'arcade/TowerOfHanoi/instance0.rddl', states: 81 },
  { path: 'competitions/IPPC2011/GameOfLife/MDP/instance1.rddl', states: 512 },
  { path: 'competitions/IPPC2011/SysAdmin/MDP/instance1.rddl', states: 1024 },
];

for (const { path, states } of corpus) {
  test(`exact mode solves ${path}: value within the 95% interval of its simulated policy`, (t) => {
    const compiled = corpusInstance(path);
    const s = solveDp(compiled);
    t.is(s.mode, 'exact');
    t.is(s.stats.states, states);
    const policy = tablePolicy(s);
    const r = evaluatePolicy(compiled, policy, { episodes: 2000, seed: 7 });
    t.is(policy.misses, 0);
    t.true(Math.abs(s.initialValue - r.summary.mean) <= Math.max(r.summary.ci95, 1e-9), `value ${s.initialValue}, simulated ${r.summary.mean} ± ${r.summary.ci95}`);
  });
}
