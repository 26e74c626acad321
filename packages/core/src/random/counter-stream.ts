import { philox4x32 } from './philox.js';
import type { SeedKey } from './seed-key.js';

const TWO_POW_MINUS_53 = 1 / 9007199254740992;

/**
 * Uniform draws for one random "site": the Philox counter is
 * (episode, step, site << 16 | block, grounding), so the n-th draw of a site
 * is the same number whatever else was drawn before, in which order, in how
 * many workers. `site` identifies a random expression of the model (< 65536)
 * and `grounding` which grounding of it (object tuple) is drawing; each
 * (site, grounding) has 65536 blocks of two doubles (blocks wrap after that).
 * One object is reused for every site (call `reset`), so stepping allocates nothing.
 */
export class CounterStream {
  private readonly key: SeedKey;
  private readonly block = new Uint32Array(4);
  private episode = 0;
  private step = 0;
  private site = 0;
  private grounding = 0;
  private blockIndex = 0;
  /** Which half (0 or 1) of the current 4-word block is next; 2 = block used up. */
  private half = 2;

  /**
   * `antithetic`: every uniform u of the plain stream is given as 1 − u
   * (0 stays 0), so a draw by inverse CDF is mirrored: averaging a plain and
   * an antithetic sample makes anything linear in the noise exact.
   */
  constructor(
    key: SeedKey,
    private readonly antithetic = false,
  ) {
    this.key = key;
  }

  /** Start the draws of one site: episode, step and grounding are uint32, site < 65536. */
  reset(episode: number, step: number, site: number, grounding = 0): this {
    this.episode = episode >>> 0;
    this.step = step >>> 0;
    this.site = (site & 0xffff) << 16;
    this.grounding = grounding >>> 0;
    this.blockIndex = 0;
    this.half = 2;
    return this;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number {
    if (this.half === 2) {
      philox4x32(this.episode, this.step, (this.site | this.blockIndex) >>> 0, this.grounding, this.key.k0, this.key.k1, this.block);
      this.blockIndex = (this.blockIndex + 1) & 0xffff;
      this.half = 0;
    }
    const i = this.half * 2;
    this.half++;
    const hi = this.block[i]! >>> 5; // 27 bits
    const lo = this.block[i + 1]! >>> 6; // 26 bits
    const u = (hi * 67108864 + lo) * TWO_POW_MINUS_53;
    return this.antithetic && u !== 0 ? 1 - u : u;
  }

  /** A uniform double in (0, 1): never 0, for logarithms and inverse CDFs. */
  nextOpen(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return u;
  }

  /** A uniform integer in [0, n) for n >= 1, without modulo bias. */
  nextInt(n: number): number {
    return Math.min(n - 1, Math.floor(this.next() * n));
  }
}
