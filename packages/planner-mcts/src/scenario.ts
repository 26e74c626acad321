/**
 * Keys of the planner's random draws. The simulator keys every draw by
 * (episode, step, site); the planner passes a 32-bit "episode" that mixes
 * what must make draws differ: the tree (worker), the real episode and step,
 * and the scenario number. Different inputs collide with probability 2^-32,
 * which only makes two samples alike, never wrong.
 */
export function mixKey(a: number, b: number, c: number, d: number): number {
  let h = 0x9e3779b9;
  for (const part of [a, b, c, d]) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Tags that keep the planner's different uses of draws apart. */
export const KeyTag = { scenario: 1, equivalence: 2, choice: 3 } as const;
