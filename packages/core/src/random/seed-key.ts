import seedrandom from 'seedrandom';

/** A 64-bit Philox key as two uint32 words. */
export interface SeedKey {
  readonly k0: number;
  readonly k1: number;
}

/**
 * Derives the Philox key for a user seed and a purpose ("sim", "policy",
 * "planner:mcts", ...) with seedrandom's ARC4 generator, so that different
 * purposes get independent streams from the same seed.
 */
export function deriveSeedKey(seed: number | string, purpose: string): SeedKey {
  const rng = seedrandom(`${String(seed)}\u0000${purpose}`);
  return { k0: rng.int32() >>> 0, k1: rng.int32() >>> 0 };
}
