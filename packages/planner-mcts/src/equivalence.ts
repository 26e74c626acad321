import { SimulationError, type Simulator } from '@rddl/sim';
import { hashValues, sameValues } from './state-key.js';

/**
 * One action of each class of actions with the same effect at a state: the
 * same reward, end of episode and next state on each of `samples` common
 * draws (Prost's pruning of equivalent actions, done by sampling). On
 * FinRDDL's allocation domains this leaves only noop on the days the
 * portfolio cannot change, and one action per distinct portfolio on the
 * days it can. Actions the simulator rejects are dropped. The first action
 * of a class (in the order given) represents it.
 */
export function distinctActions(
  sim: Simulator,
  state: Float64Array,
  t: number,
  candidates: Iterable<Float64Array>,
  samples: number,
  key: (sample: number) => number,
): Float64Array[] {
  const width = sim.compiled.layout.state.size + 2;
  const kept: Float64Array[] = [];
  const seen = new Map<number, Float64Array[]>();
  next: for (const action of candidates) {
    const effect = new Float64Array(samples * width);
    for (let s = 0; s < samples; s++) {
      sim.setState(state, t, key(s));
      try {
        const r = sim.step(action);
        effect[s * width] = r.reward;
        effect[s * width + 1] = r.done ? 1 : 0;
        effect.set(sim.state, s * width + 2);
      } catch (err) {
        if (err instanceof SimulationError) continue next;
        throw err;
      }
    }
    const h = hashValues(effect);
    const bucket = seen.get(h);
    if (bucket?.some((e) => sameValues(e, effect))) continue;
    if (bucket) bucket.push(effect);
    else seen.set(h, [effect]);
    kept.push(action);
  }
  return kept;
}
