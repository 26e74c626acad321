import { SourceFile } from '@rddl/core';
import { mutateCase } from './mutate.js';
import { Rng } from './random.js';

export interface NumberedCase {
  readonly index: number;
  readonly kind: string;
  /** The corpus file the case was made from. */
  readonly base: string;
  readonly source: SourceFile;
}

/**
 * `count` fuzz cases made from the corpus, the same ones for the same seed:
 * case `i` depends only on (seed, i), so any failure can be replayed alone.
 */
export function* fuzzCases(corpus: readonly SourceFile[], seed: number, count: number, first = 0): Generator<NumberedCase> {
  for (let index = first; index < first + count; index++) {
    const rng = new Rng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
    const base = rng.pick(corpus);
    const other = rng.pick(corpus);
    const { kind, text } = mutateCase(base.text, other.text, rng);
    yield { index, kind, base: base.path, source: new SourceFile(`fuzz-${seed}-${index}.rddl`, text) };
  }
}
