import test from 'ava';
import { constantPolicy, randomPolicy, Simulator } from '@rddl/sim';
import { action, assertClose, checkBaselines, instanceFilesOf, loadInstance, play } from './helpers.js';

// domains/asset_allocation_lots.rddl: integer lots with a cap on the number of
// assets held, the mixed-integer variant the milp planner is measured on
// (docs/domains/asset_allocation.md, "Integer lots").

test('asset_allocation_lots: both instances parse, check clean, compile, and run noop and random with no violation', (t) => {
  const files = instanceFilesOf('asset_allocation_lots');
  t.is(files.length, 2, files.join(', '));
  for (const file of files) checkBaselines(t, 'asset_allocation_lots', file);
});

// Instance 1 with risk(a) = 0: each 60-day period of a portfolio returns
// 60 * sum_a w(a) mean(a) exactly, less the cost of the first move from the
// initial 0.02 in each of the 50 assets.
test('asset_allocation_lots_1 with risk = 0: five lots in each of a01..a04 return exactly what the equations give', (t) => {
  const { compiled } = loadInstance('asset_allocation_lots', 'instances/asset_allocation_lots_1.rddl', ['risk=0']);
  const a = action(compiled, 'set_lots(a01)=5, set_lots(a02)=5, set_lots(a03)=5, set_lots(a04)=5');
  const means = [0.0006, 0.000294, 0.000789, 0.000483];
  const perPeriod = 60 * means.reduce((s, m) => s + 0.25 * m, 0);
  // |0.25 - 0.02| in four assets, |0 - 0.02| in the other 46.
  const cost = 0.001 * (4 * 0.23 + 46 * 0.02);
  const byHand = 5 * perPeriod - cost;
  const returns = play(compiled, constantPolicy(a), { episodes: 3 });
  for (const r of returns) assertClose(t, 'return', r, byHand, 1e-12);
});

test('asset_allocation_lots: a sixth lot above MAX-LOTS, or a seventh asset above MAX-ASSETS, is refused by the preconditions', (t) => {
  const { compiled } = loadInstance('asset_allocation_lots', 'instances/asset_allocation_lots_1.rddl');
  const tooMany = action(compiled, 'set_lots(a01)=6, set_lots(a02)=5, set_lots(a03)=5, set_lots(a04)=4');
  const tooWide = action(compiled, 'set_lots(a01)=4, set_lots(a02)=4, set_lots(a03)=3, set_lots(a04)=3, set_lots(a05)=2, set_lots(a06)=2, set_lots(a07)=2');
  for (const [label, a] of [['six lots in a01', tooMany], ['seven assets', tooWide]] as const) {
    t.throws(() => play(compiled, constantPolicy(a), { episodes: 1 }), { message: /precondition/i }, label);
  }
});

test('asset_allocation_lots: the random policy draws legal portfolios of lots (not the noop fallback) within the caps', (t) => {
  for (const file of instanceFilesOf('asset_allocation_lots')) {
    const { compiled } = loadInstance('asset_allocation_lots', file);
    const random = randomPolicy(compiled, { seed: 3 });
    const sim = new Simulator(compiled, { seed: 3, constraints: 'error' });
    const a = new Float64Array(compiled.layout.action.size);
    let portfolios = 0;
    let steps = 0;
    for (let episode = 0; episode < 20; episode++) {
      sim.reset(episode);
      while (!sim.done) {
        random.act(sim.state, sim.time, episode, a);
        if (a.some((x) => x !== 0)) {
          portfolios++;
          t.is(a.reduce((s, x) => s + x, 0), 20, `${file}: lots sum to LOTS`);
          t.true(a.every((x) => Number.isInteger(x) && x >= 0 && x <= 5), `${file}: 0..MAX-LOTS lots per asset`);
          t.true(a.filter((x) => x > 0).length <= 6, `${file}: at most MAX-ASSETS assets`);
        }
        sim.step(a);
        steps++;
      }
    }
    // The precondition allows two sums, 0 (hold) and 20, each chosen half the time; before
    // compositions were drawn, no draw ever met the caps and random always held.
    t.true(portfolios >= 0.35 * steps, `${file}: ${portfolios} portfolios in ${steps} steps`);
  }
});
