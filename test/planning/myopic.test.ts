import test from 'ava';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import { compileModel } from '@rddl/compiler';
import { myopicPlanner, parseOverride, withNonFluents } from '@rddl/planning';
import { Simulator } from '@rddl/sim';
import { compileFiles } from '../support/sim-helpers.js';

test('an antithetic stream gives 1 - u for every draw of the plain stream', (t) => {
  const key = deriveSeedKey(7, 'test');
  const plain = new CounterStream(key).reset(3, 5, 2, 1);
  const mirror = new CounterStream(key, true).reset(3, 5, 2, 1);
  for (let i = 0; i < 1000; i++) {
    const u = plain.next();
    t.is(mirror.next(), u === 0 ? 0 : 1 - u);
  }
});

// Table 1: equal drifts, volatilities 0.010 and 0.005, alpha_risk 0.1: the expected one-day reward
// of weights w is sum w (mu - alpha_risk sigma), largest at w = (0, 1). The difference to w = (1, 0)
// is 0.0005 a day against a one-day noise of about 0.011, so plain sampling picks a corner by chance.
test('greedy Markowitz (myopic, alpha_trans_cost = 0) holds (0, 1) at every rebalancing day, with 32 samples', async (t) => {
  const evaluated = compileFiles(['domains/asset_allocation.rddl', 'instances/asset_allocation_1.rddl']);
  const planning = compileModel(withNonFluents(evaluated.model, [parseOverride('alpha_trans_cost=0')!])).compiled!;
  const greedy = await myopicPlanner.create({ compiled: planning, seed: 0, budget: { kind: 'iterations', iterations: 100 }, workers: 1 }, myopicPlanner.defaults);
  const weight = (name: string) => evaluated.layout.state.fluents.find((f) => f.name === name)!.index;
  const [w1, w2] = [weight('weight___a1'), weight('weight___a2')];
  const sim = new Simulator(evaluated, { seed: 0 });
  const action = new Float64Array(evaluated.defaultAction.length);
  for (let episode = 0; episode < 3; episode++) {
    sim.reset(episode);
    for (let time = 0; time < 300; time++) {
      greedy.act(Float64Array.from(sim.state), time, episode, action);
      sim.step(action);
      if (time % 60 === 0) t.deepEqual([sim.state[w1], sim.state[w2]], [0, 1], `episode ${episode}, day ${time}`);
    }
  }
});
