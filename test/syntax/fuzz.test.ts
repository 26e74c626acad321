import test from 'ava';
import { readCorpus } from '../support/corpus.js';
import { fuzzCases } from '../support/fuzz-cases.js';
import { checkParseInvariants } from '../support/parse-invariants.js';

// Mutated corpus files (token and character edits, truncation, splices, deep
// nesting, random bytes; see test/support/mutate.ts) must never make the
// parser or printer throw, and must keep the invariants of
// parseInvariantProblems. Fixed seeds: a failure names the case to replay
// (`fuzzCases(corpus, seed, 1, index)`); `bench/fuzz.ts` runs many more.
const SEED = 20_240_611;
const CASES = 5_000;
const BATCHES = 5;

const corpus = readCorpus();

for (let batch = 0; batch < BATCHES; batch++) {
  const size = CASES / BATCHES;
  test(`fuzz cases ${batch * size}..${(batch + 1) * size - 1} (seed ${SEED})`, (t) => {
    const failures: string[] = [];
    let count = 0;
    let printed = 0;
    for (const c of fuzzCases(corpus, SEED, size, batch * size)) {
      count++;
      let problems: string[];
      try {
        const report = checkParseInvariants(c.source);
        problems = report.problems;
        if (report.printed) printed++;
      } catch (err) {
        problems = [`threw ${(err as Error).stack ?? String(err)}`];
      }
      if (problems.length > 0) failures.push(`case ${c.index} (${c.kind} of ${c.base}): ${problems[0]!.slice(0, 2000)}`);
    }
    t.is(count, size);
    t.deepEqual(failures.slice(0, 3), [], `${failures.length} failing cases`);
    // Both paths must be exercised: inputs with errors, and clean ones that are printed and re-parsed.
    t.true(printed > size / 20 && printed < size, `${printed} of ${size} cases parsed without errors`);
    t.log(`${count} cases, ${printed} without errors (printed and re-parsed)`);
  });
}
