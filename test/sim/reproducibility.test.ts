import test from 'ava';
import { join } from 'node:path';
import type { CompiledModel } from '@rddl/compiler';
import { BatchSimulator, evaluatePolicy, noopPolicy, randomPolicy, type Policy } from '@rddl/sim';
import { compileFiles, compileText, repoRoot, requireCorpus } from '../support/sim-helpers.js';

// Same seed ⇒ same trajectory. Every draw is a function of (seed, episode,
// step, site), so the returns of episodes 0..19 must be exactly the same
// numbers whether they run as one batch of 20, as episodes 10..19 alone, one
// at a time in reverse order, or in lockstep through BatchSimulator.

const EPISODES = 20;
const SEED = 42;

interface Case {
  readonly label: string;
  /** Files to read, or inline RDDL text. */
  readonly paths: readonly string[] | string;
  /** Whether the noop policy's return is random (gbwm and mgwm: noop holds cash, whose return is fixed). */
  readonly noopRandom: boolean;
}

const corpus = (dir: string, instance: string) => [join(requireCorpus(), 'rddlrepository', dir, 'domain.rddl'), join(requireCorpus(), 'rddlrepository', dir, instance)];
const fin = (domain: string, instance: string) => [join(repoRoot, 'domains', `${domain}.rddl`), join(repoRoot, 'instances', `${instance}.rddl`)];

const cases: Case[] = [
  { label: 'SysAdmin (IPPC2011, MDP 1)', paths: corpus('competitions/IPPC2011/SysAdmin/MDP', 'instance1.rddl'), noopRandom: true },
  { label: 'Wildfire (IPPC2014, MDP 1)', paths: corpus('competitions/IPPC2014/Wildfire/MDP', 'instance1.rddl'), noopRandom: true },
  { label: 'Reservoir (IPPC2023, 1)', paths: corpus('competitions/IPPC2023/Reservoir', 'instance1.rddl'), noopRandom: true },
  { label: 'GameOfLife (IPPC2011, MDP 1)', paths: corpus('competitions/IPPC2011/GameOfLife/MDP', 'instance1.rddl'), noopRandom: true },
  { label: 'asset_allocation_1', paths: fin('asset_allocation', 'asset_allocation_1'), noopRandom: true },
  { label: 'asset_allocation_discrete_1', paths: fin('asset_allocation_discrete', 'asset_allocation_discrete_1'), noopRandom: true },
  { label: 'asset_allocation_normalised_1', paths: fin('asset_allocation_normalised', 'asset_allocation_normalised_1'), noopRandom: true },
  { label: 'gbwm_1', paths: fin('gbwm', 'gbwm_1'), noopRandom: false },
  { label: 'inventory_1', paths: fin('inventory', 'inventory_1'), noopRandom: true },
  { label: 'mgwm_1', paths: fin('mgwm', 'mgwm_1'), noopRandom: false },
  { label: 'trade_execution_1', paths: fin('trade_execution', 'trade_execution_1'), noopRandom: true },
  {
    // Episodes of different lengths: BatchSimulator must stop each at its own termination.
    label: 'random termination (inline)',
    paths: `domain stopper {
    pvariables {
        x : { state-fluent, int, default = 0 };
        y : { state-fluent, real, default = 0.0 };
        push : { action-fluent, bool, default = false };
    };
    cpfs {
        x' = x + Bernoulli(if (push) then 0.6 else 0.3);
        y' = y + Normal(x, 1.0);
    };
    reward = y';
    termination { x >= 3; };
}
instance stopper_1 { domain = stopper; max-nondef-actions = pos-inf; horizon = 15; discount = 0.9; }
`,
    noopRandom: true,
  },
];

const compiledOf = (c: Case) => (typeof c.paths === 'string' ? compileText(c.paths) : compileFiles(c.paths));

type PolicyMaker = (compiled: CompiledModel) => Policy;

interface Run {
  readonly returns: number[];
  /** The state after the last step of each episode. */
  readonly finals: number[][];
}

/** evaluatePolicy over `episodes` episodes starting at `firstEpisode`. */
function evaluate(compiled: CompiledModel, makePolicy: PolicyMaker, seed: number, episodes: number, firstEpisode = 0): Run {
  const finals: number[][] = [];
  const r = evaluatePolicy(compiled, makePolicy(compiled), {
    episodes,
    seed,
    firstEpisode,
    onStep: (s) => {
      if (s.done) finals.push([...s.nextState]);
    },
  });
  return { returns: [...r.returns], finals };
}

/** The same episodes in lockstep through BatchSimulator, with the same discounting as evaluatePolicy. */
function lockstep(compiled: CompiledModel, makePolicy: PolicyMaker, seed: number, episodes: number, firstEpisode = 0): Run {
  const policy = makePolicy(compiled);
  const batch = new BatchSimulator(compiled, episodes, { seed, firstEpisode });
  const ns = compiled.layout.state.size;
  const na = compiled.layout.action.size;
  const actions = new Float64Array(episodes * na);
  const returns = new Array<number>(episodes).fill(0);
  const discounts = new Array<number>(episodes).fill(1);
  for (let e = 0; e < episodes; e++) policy.startEpisode?.(firstEpisode + e);
  for (let t = 0; !batch.done.every((d) => d === 1); t++) {
    const alive = [...batch.done].map((d) => d === 0);
    for (let e = 0; e < episodes; e++) {
      const out = actions.subarray(e * na, (e + 1) * na);
      out.set(compiled.defaultAction);
      if (alive[e]) policy.act(batch.states.slice(e * ns, (e + 1) * ns), t, firstEpisode + e, out);
    }
    batch.step(actions);
    for (let e = 0; e < episodes; e++) {
      if (!alive[e]) continue;
      returns[e]! += discounts[e]! * batch.rewards[e]!;
      discounts[e]! *= compiled.discount;
    }
  }
  const finals = Array.from({ length: episodes }, (_, e) => [...batch.states.subarray(e * ns, (e + 1) * ns)]);
  return { returns, finals };
}

const noop: PolicyMaker = (c) => noopPolicy(c);
const random: PolicyMaker = (c) => randomPolicy(c, { seed: 7 });

for (const c of cases) {
  for (const [policyName, makePolicy] of [
    ['noop', noop],
    ['random', random],
  ] as const) {
    test(`${c.label}, ${policyName} policy: the same seed gives the same returns however the episodes are run`, (t) => {
      const compiled = compiledOf(c);
      const all = evaluate(compiled, makePolicy, SEED, EPISODES);
      t.is(all.returns.length, EPISODES);
      t.true(all.returns.every(Number.isFinite));

      // Run again: nothing is carried over between evaluations.
      t.deepEqual(evaluate(compiled, makePolicy, SEED, EPISODES), all, 'a second run gives the same numbers');

      // Episodes 10..19 on their own.
      const tail = evaluate(compiled, makePolicy, SEED, EPISODES / 2, EPISODES / 2);
      t.deepEqual(tail.returns, all.returns.slice(EPISODES / 2), 'episodes 10..19 alone (firstEpisode)');
      t.deepEqual(tail.finals, all.finals.slice(EPISODES / 2));

      // One at a time, last to first.
      const reversed: number[] = [];
      const reversedFinals: number[][] = [];
      for (let e = EPISODES - 1; e >= 0; e--) {
        const one = evaluate(compiled, makePolicy, SEED, 1, e);
        reversed[e] = one.returns[0]!;
        reversedFinals[e] = one.finals[0]!;
      }
      t.deepEqual(reversed, all.returns, 'episodes in reverse order');
      t.deepEqual(reversedFinals, all.finals);

      // Lockstep.
      const batch = lockstep(compiled, makePolicy, SEED, EPISODES);
      t.deepEqual(batch.returns, all.returns, 'BatchSimulator with 20 lockstep episodes');
      t.deepEqual(batch.finals, all.finals);
      const batchTail = lockstep(compiled, makePolicy, SEED, EPISODES / 2, EPISODES / 2);
      t.deepEqual(batchTail.returns, all.returns.slice(EPISODES / 2), 'BatchSimulator with firstEpisode 10');
      t.deepEqual(batchTail.finals, all.finals.slice(EPISODES / 2));
    });
  }

  test(`${c.label}: different seeds give different trajectories`, (t) => {
    const compiled = compiledOf(c);
    if (c.noopRandom) {
      const a = evaluate(compiled, noop, SEED, EPISODES);
      const b = evaluate(compiled, noop, SEED + 1, EPISODES);
      t.notDeepEqual(a.returns, b.returns, 'noop returns under two simulation seeds');
      t.true(new Set(a.returns).size > 1, 'the episodes of one seed differ from each other');
    } else {
      // The noop return is deterministic here: seeds change nothing the noop policy can see.
      const a = evaluate(compiled, noop, SEED, 3);
      t.deepEqual(evaluate(compiled, noop, SEED + 1, 3).returns, a.returns);
    }
    // The random policy: its own seed changes the actions, the simulation seed the draws.
    const p1 = evaluate(compiled, (m) => randomPolicy(m, { seed: 1 }), SEED, EPISODES);
    const p2 = evaluate(compiled, (m) => randomPolicy(m, { seed: 2 }), SEED, EPISODES);
    t.notDeepEqual(p1.returns, p2.returns, 'random policy under two policy seeds');
    t.notDeepEqual(p1.finals, p2.finals);
  });
}

test('the inline termination case really has episodes of different lengths', (t) => {
  const c = cases.find((x) => x.label.startsWith('random termination'))!;
  const compiled = compiledOf(c);
  const lengths = new Map<number, number>();
  evaluatePolicy(compiled, noopPolicy(compiled), { episodes: EPISODES, seed: SEED, onStep: (s) => lengths.set(s.episode, s.t + 1) });
  const distinct = new Set(lengths.values());
  t.true(distinct.size > 2, `episode lengths: ${[...distinct].join(', ')}`);
  t.true([...lengths.values()].some((n) => n < compiled.horizon));
});
