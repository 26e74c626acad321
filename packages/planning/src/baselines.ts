import { CounterStream, deriveSeedKey } from '@rddl/core';
import { extractActionBounds } from '@rddl/compiler';
import { constantPolicy, noopPolicy, randomPolicy, SimulationError, Simulator } from '@rddl/sim';
import { alternativeValues, enumerateJointActions } from './action-space.js';
import { BudgetClock } from './budget.js';
import type { Planner, PlannerContext, PlannerFactory } from './planner.js';

const fromPolicy = (policy: { name: string; act: Planner['act'] }): Planner => ({ name: policy.name, act: (s, t, e, out) => policy.act(s, t, e, out) });

export const noopPlanner: PlannerFactory<Record<string, never>> = {
  name: 'noop',
  description: 'every action at its default (the "do nothing" baseline)',
  defaults: {},
  create: (ctx) => fromPolicy(noopPolicy(ctx.compiled)),
};

export const randomPlanner: PlannerFactory<{ attempts: number }> = {
  name: 'random',
  description: 'each action uniform over its range within the precondition bounds (see rddl simulate --help)',
  defaults: { attempts: 100 },
  create: (ctx, options) => fromPolicy(randomPolicy(ctx.compiled, { seed: ctx.seed, attempts: options.attempts })),
};

export interface ConstantOptions {
  /** The action, already encoded (see `parseAction`). */
  readonly action: Float64Array | undefined;
}

export const constantPlanner: PlannerFactory<ConstantOptions> = {
  name: 'constant',
  description: 'the same action at every step, given with --action (e.g. the uniform portfolio)',
  defaults: { action: undefined },
  create: (_ctx, options) => {
    if (!options.action) throw new Error("the constant planner needs an action: --action 'name=value,...'");
    return fromPolicy(constantPolicy(options.action, 'constant'));
  },
};

export interface MyopicOptions {
  /** Sampled next steps per candidate action (common random numbers across candidates). */
  readonly samples: number;
  /** Draw the samples in antithetic pairs (u, 1 − u): exact for rewards linear in the noise. */
  readonly antithetic: boolean;
  /** Random candidate actions added to the structured ones when the space is not enumerated. */
  readonly randomCandidates: number;
  /** Enumerate the joint action space when it has at most this many actions. */
  readonly enumerateLimit: number;
}

/**
 * Maximises the expected next-step reward: each candidate action is scored
 * by the mean reward of `samples` simulated steps from the state (the same
 * draws for every candidate, in antithetic pairs by default, so that a
 * reward linear in Normal noise, like a portfolio's, is scored exactly and
 * ties are not broken by sampling error), and the best valid one is played. Candidates:
 * every joint action when there are few, else noop, each action alone at each
 * of its interesting values (bounds, other values), and random draws.
 * A budget in iterations caps the candidates scored; in seconds, the time.
 */
export const myopicPlanner: PlannerFactory<MyopicOptions> = {
  name: 'myopic',
  description: 'maximises the expected next-step reward over candidate actions, by sampling',
  defaults: { samples: 32, antithetic: true, randomCandidates: 64, enumerateLimit: 512 },
  create: (ctx, options) => createMyopic(ctx, options),
};

function createMyopic(ctx: PlannerContext, options: MyopicOptions): Planner {
  const { compiled } = ctx;
  const bounds = extractActionBounds(compiled);
  const key = deriveSeedKey(ctx.seed, 'planner:myopic');
  const sim = new Simulator(compiled, { constraints: 'ignore' }, new CounterStream(key));
  const mirror = new Simulator(compiled, { constraints: 'ignore' }, new CounterStream(key, true));
  const stream = new CounterStream(deriveSeedKey(ctx.seed, 'planner:myopic:candidates'));
  const random = randomPolicy(compiled, { seed: `${String(ctx.seed)}/myopic` });
  let scored = 0;
  return {
    name: 'myopic',
    act(state, t, episode, out) {
      const candidates = candidatesFor(state, t, episode);
      const clock = new BudgetClock(ctx.budget);
      let best: Float64Array | undefined;
      let bestValue = -Infinity;
      for (const c of candidates) {
        if (!clock.next()) break;
        if (!sim.preconditionsHold(state, c, t, episode)) continue;
        let total = 0;
        try {
          for (let m = 0; m < options.samples; m++) {
            // Sample m uses the same draws for every candidate (episode number m in the planner's
            // stream; with antithetic pairs, samples 2k and 2k+1 mirror the draws of episode k).
            const flip = options.antithetic && m % 2 === 1;
            const s = flip ? mirror : sim;
            s.setState(state, t, options.antithetic ? m >> 1 : m);
            total += s.step(c).reward;
          }
        } catch (err) {
          // A candidate that leads to a domain error is not a candidate.
          if (err instanceof SimulationError) continue;
          throw err;
        }
        scored++;
        const value = total / options.samples;
        if (value > bestValue) {
          bestValue = value;
          best = c;
        }
      }
      out.set(best ?? compiled.defaultAction);
    },
    stats: () => ({ 'candidates scored': scored }),
  };

  function candidatesFor(state: Float64Array, t: number, episode: number): Float64Array[] {
    const alternatives = alternativeValues(compiled, bounds, state, stream);
    const all = enumerateJointActions(compiled.defaultAction, alternatives, compiled.maxNondefActions, options.enumerateLimit);
    if (all) return all;
    const list: Float64Array[] = [Float64Array.from(compiled.defaultAction)];
    alternatives.forEach((values, i) => {
      for (const v of values) {
        const a = Float64Array.from(compiled.defaultAction);
        a[i] = v;
        list.push(a);
      }
    });
    for (let k = 0; k < options.randomCandidates; k++) {
      const a = Float64Array.from(compiled.defaultAction);
      random.act(state, t, episode * options.randomCandidates + k, a);
      list.push(a);
    }
    return list;
  }
}
