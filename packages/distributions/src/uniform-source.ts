/**
 * Where a sampler gets its randomness. `CounterStream` from `@rddl/core`
 * satisfies it. Samplers keep nothing between calls, so a draw depends only on
 * the uniforms it reads after the simulator resets the stream for its site.
 */
export interface UniformSource {
  /** A uniform double in [0, 1). */
  next(): number;
  /** A uniform double in (0, 1): never 0, for logarithms and inverse CDFs. */
  nextOpen(): number;
}
