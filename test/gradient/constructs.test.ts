import test from 'ava';
import { deriveSeedKey } from '@rddl/core';
import { CompiledRollout, printProgram, ScenarioNoise, setupGradient } from '@rddl/planner-gradient';
import { compileText } from '../support/sim-helpers.js';
import { checkGradient } from './support.js';

/**
 * Every relaxed construct on a gradient path, in one small domain: the
 * adjoint against central differences with the smooth relaxations, and the
 * relaxed program listing shows each construct relaxed.
 */

const domain = `
domain constructs {
  types {
    level : { @low, @mid, @high };
    item : object;
  };
  pvariables {
    W(item) : { non-fluent, real, default = 1 };
    x : { state-fluent, real, default = 0.3 };
    y : { state-fluent, real, default = 1.2 };
    n : { state-fluent, real, default = 0 };
    lvl : { state-fluent, level, default = @low };
    d : { interm-fluent, level };
    best : { interm-fluent, item };
    z : { interm-fluent, real };
    a : { action-fluent, real, default = 0 };
    b : { action-fluent, real, default = 0 };
  };
  cpfs {
    d = Discrete(level, @low : exp[a], @mid : 1, @high : exp[b]);
    best = argmax_{?i : item} [ W(?i) * a - (W(?i) - b) * (W(?i) - b) ];
    z = Normal(a, 1 + b * b) + Uniform(a - 1, b + 1) + Exponential(1 + a * a) + Gamma(2 + a, 1 + b * b) + Bernoulli(1 / (1 + exp[-a]));
    lvl' = d;
    x' = x + (switch (lvl) { case @low : a, case @mid : b * b, default : a * b })
           + floor[x + a] + ceil[y - b] + round[a * b] + sgn[a - b] + mod[x + 3 * b, 2] + div[y + 3 * a, 2]
           + (if ((a > b) ^ ((x <= 1) | ~(y >= 2))) then a * x else b * y)
           + (if (best == @i2) then 1 else 0) * a
           + max[a, b] + min[x, a] + abs[a - b] + z / 10;
    y' = y + 0.1 * ln[1 + a * a] + 0.1 * sqrt[1 + b * b] + 0.1 * tanh[a] + 0.05 * pow[1 + a * a, 1.5] + 0.1 * atan[b] + Poisson(exp[a]) / 10;
    n' = n + (exists_{?i : item} [ W(?i) * a > b ]) + (forall_{?i : item} [ W(?i) * b < a + 1 ]);
  };
  reward = x + y - 0.1 * n - (a - 0.5) * (a - 0.5) - (b + 0.2) * (b + 0.2);
  action-preconditions {
    a >= -1;
    a <= 1;
    b >= -1;
    b <= 1;
  };
}
non-fluents nf_constructs {
  domain = constructs;
  objects { item : { i1, i2, i3 }; };
  non-fluents { W(i2) = 1.5; W(i3) = 0.5; };
}
instance constructs_1 {
  domain = constructs;
  non-fluents = nf_constructs;
  horizon = 6;
  discount = 0.95;
}
`;

test('every relaxed construct is differentiated correctly (smooth relaxations against central differences)', (t) => {
  const compiled = compileText(domain);
  const r = checkGradient(compiled, { relax: 'smooth,comparison=sigmoid:3,equality=tanh:3,switch=softmax:3,argmax=softmax:3,discrete=gumbel-softmax:3,bernoulli=gumbel:3,rounding=soft:3' }, 6, 4);
  t.true(r.norm > 1e-6, `gradient norm ${r.norm}`);
  t.true(r.worst < 1e-5, `worst error ${r.worst} (norm ${r.norm})`);
});

test('the default relaxations are straight-through and relax exactly the constructs on a gradient path', (t) => {
  const setup = setupGradient(compileText(domain), {});
  const listing = printProgram(setup.program);
  for (const needle of ['select/3', 'argmax/3', 'Discrete/3', 'Bernoulli', 'Poisson', 'Gamma', 'floor', 'sgn', 'mod', 'idiv', 'gt', 'le', 'ge']) t.true(listing.includes(needle), `${needle} in\n${listing}`);
  const constructs = new Set(setup.relaxed.map((r) => `${r.construct}=${r.method}`));
  for (const c of ['comparison=straight-through', 'equality=straight-through', 'logic=product', 'switch=straight-through', 'argmax=straight-through', 'rounding=straight-through', 'minmax=straight-through', 'bernoulli=straight-through', 'discrete=straight-through', 'integer-sampler=straight-through', 'continuous-sampler=reparameterisation'])
    t.true(constructs.has(c), `${c} among ${[...constructs].join(', ')}`);
});

const counts = `
domain counts {
  pvariables {
    y : { state-fluent, real, default = 0 };
    a : { action-fluent, real, default = 0 };
  };
  cpfs { y' = Poisson(exp[a]) + 3 * Binomial(20, 1 / (1 + exp[-a])); };
  reward = y';
}
instance counts_1 { domain = counts; horizon = 1; discount = 1.0; }
`;

test('straight-through gradients of integer draws follow the mean (Poisson, Binomial)', (t) => {
  const compiled = compileText(counts);
  const setup = setupGradient(compiled, {});
  const batch = 4000;
  const rollout = new CompiledRollout(setup.program, { batch, horizon: 1, discount: 1, penalty: 0, passThroughTermination: true });
  const noise = new ScenarioNoise(setup.program.noise, batch, 1, deriveSeedKey(3, 'test:gradient:counts'));
  noise.fill(0, 0);
  const a = 0.4;
  const r = rollout.run(compiled.initialState, Float64Array.of(a), noise, true);
  // d/da E[reward] = exp(a) + 3 * 20 * p (1 - p), p = sigmoid(a); the loss is minus the reward.
  const p = 1 / (1 + Math.exp(-a));
  const expected = Math.exp(a) + 60 * p * (1 - p);
  t.true(Math.abs(-r.gradient[0]! - expected) < 0.05 * expected, `gradient ${-r.gradient[0]!} vs ${expected}`);
});
