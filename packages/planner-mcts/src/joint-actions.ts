import { countJointActions } from '@rddl/planning';

/**
 * The joint actions with at most `maxNondef` ground actions away from their
 * defaults, each taking one of its alternative values, addressed by rank
 * (rank 0 = every action at its default) or drawn uniformly, without ever
 * building the set. `ways[i][k]` = joint choices for ground actions i.. with at
 * most k of them non-default (kept both exact, for ranks, and as logarithms,
 * for uniform draws in spaces too large for a double).
 */
export class JointSpace {
  /** Number of joint actions (counted by @rddl/planning's countJointActions; may be Infinity). */
  readonly size: number;
  private readonly n: number;
  /** Non-default actions allowed, capped at n; when it is n the actions are independent. */
  private readonly m: number;
  private readonly independent: boolean;
  private readonly ways: Float64Array;
  private readonly logWays: Float64Array;

  constructor(
    private readonly defaults: Float64Array,
    private readonly alternatives: readonly (readonly number[])[],
    maxNondef: number,
  ) {
    this.n = alternatives.length;
    this.m = Math.min(maxNondef, this.n);
    this.independent = this.m >= this.n;
    this.size = countJointActions(alternatives, maxNondef);
    const width = this.m + 1;
    this.ways = new Float64Array(this.independent ? 0 : (this.n + 1) * width);
    this.logWays = new Float64Array(this.independent ? 0 : (this.n + 1) * width);
    if (this.independent) return;
    for (let k = 0; k <= this.m; k++) this.ways[this.n * width + k] = 1;
    for (let i = this.n - 1; i >= 0; i--) {
      const a = alternatives[i]!.length;
      const logA = Math.log(a);
      for (let k = 0; k <= this.m; k++) {
        const stay = this.ways[(i + 1) * width + k]!;
        const logStay = this.logWays[(i + 1) * width + k]!;
        if (k === 0 || a === 0) {
          this.ways[i * width + k] = stay;
          this.logWays[i * width + k] = logStay;
        } else {
          const move = this.logWays[(i + 1) * width + k - 1]! + logA;
          this.ways[i * width + k] = stay + a * this.ways[(i + 1) * width + k - 1]!;
          this.logWays[i * width + k] = Math.max(logStay, move) + Math.log1p(Math.exp(-Math.abs(logStay - move)));
        }
      }
    }
  }

  /** The joint action of a rank in [0, size), written into `out` (exact while size <= 2^53). */
  unrank(rank: number, out: Float64Array): void {
    out.set(this.defaults);
    let r = rank;
    if (this.independent) {
      // Mixed radix: digit 0 = the default, digit j = alternative j - 1.
      for (let i = this.n - 1; i >= 0; i--) {
        const radix = this.alternatives[i]!.length + 1;
        const digit = r % radix;
        r = (r - digit) / radix;
        if (digit > 0) out[i] = this.alternatives[i]![digit - 1]!;
      }
      return;
    }
    const width = this.m + 1;
    let k = this.m;
    for (let i = 0; i < this.n && r > 0; i++) {
      const stay = this.ways[(i + 1) * width + k]!;
      if (r < stay) continue;
      r -= stay;
      const block = this.ways[(i + 1) * width + k - 1]!;
      const j = Math.floor(r / block);
      out[i] = this.alternatives[i]![j]!;
      r -= j * block;
      k--;
    }
  }

  /** A joint action drawn uniformly (each value of `uniform()` in [0, 1) is used once), written into `out`. */
  sample(uniform: () => number, out: Float64Array): void {
    out.set(this.defaults);
    if (this.independent) {
      for (let i = 0; i < this.n; i++) {
        const a = this.alternatives[i]!.length;
        const digit = Math.min(a, Math.floor(uniform() * (a + 1)));
        if (digit > 0) out[i] = this.alternatives[i]![digit - 1]!;
      }
      return;
    }
    const width = this.m + 1;
    let k = this.m;
    for (let i = 0; i < this.n && k > 0; i++) {
      const a = this.alternatives[i]!.length;
      if (a === 0) continue;
      // P(default) = ways(i+1, k) / ways(i, k); each alternative shares the rest equally.
      const pStay = Math.exp(this.logWays[(i + 1) * width + k]! - this.logWays[i * width + k]!);
      const u = uniform();
      if (u < pStay) continue;
      out[i] = this.alternatives[i]![Math.min(a - 1, Math.floor(((u - pStay) / (1 - pStay)) * a))]!;
      k--;
    }
  }
}
