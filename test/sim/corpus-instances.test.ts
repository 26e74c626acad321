import test from 'ava';
import type { Diagnostic, DiagnosticCode } from '@rddl/core';
import { evaluatePolicy, noopPolicy, SimulationError } from '@rddl/sim';
import { corpusInstances, loadInstance, render, type CorpusInstance } from '../support/sim-helpers.js';

// Every instance of the shared corpus (each instance file read with the
// domain.rddl beside it) compiles and runs 200 noop episodes, or stops with
// the documented diagnostic listed below. A new failure, a different
// diagnostic, or an instance listed here that now runs fails the test.
//
// The slow ones: Manufacturer/instance20 and CooperativeRecon/instance20
// (hundreds of ground CPFs with large selects, 80 steps, 200 episodes).

const EPISODES = 200;
const SEED = 1;
/** Episodes of the 'ignore' run of the instances whose noop action is illegal (kept short: some are slow). */
const IGNORE_EPISODES = 20;

interface Expected {
  readonly code: DiagnosticCode;
  /** Where it stops: building the model, compiling, or simulating. */
  readonly stage: 'model' | 'compile' | 'simulate';
  /** A fragment of the message. */
  readonly message: RegExp;
  readonly reason: string;
}

const illegalNoop = (domain: string, why: string): Expected => ({
  code: 'RDDL5003',
  stage: 'simulate',
  message: /action precondition \d+ is violated at step 0/,
  reason: `${domain}: the noop action violates an action precondition (${why}); the Java reference table has no noop row for it either`,
});

const tooLarge: Expected = {
  code: 'RDDL4001',
  stage: 'compile',
  message: /needs more than 5000000 expression nodes/,
  reason: 'RecSim with many consumers and items: grounding the affinity sums needs more than the default 5M-node limit',
};

const wrongDomain: Expected = {
  code: 'RDDL3006',
  stage: 'model',
  message: /domain 'reservoir_control_dis' is not in the files given/,
  reason:
    "data error in rddlrepository: standalone/Reservoir/Continuous instances say 'domain = reservoir_control_dis', but the domain.rddl beside them is reservoir_control_cont",
};

/** Instance file (relative to the corpus root) → the diagnostic it must stop with. */
const expectedFailures: Record<string, Expected> = {
  'rddlrepository/competitions/IPPC2018/ChromaticDice/instance1.rddl': illegalNoop('ChromaticDice', 'every die must be rolled in the first phase, @roll1'),
  'rddlrepository/competitions/IPPC2018/ChromaticDice/instance11.rddl': illegalNoop('ChromaticDice', 'every die must be rolled in the first phase, @roll1'),
  'rddlrepository/competitions/IPPC2018/ChromaticDice/instance20.rddl': illegalNoop('ChromaticDice', 'every die must be rolled in the first phase, @roll1'),
  'rddlrepository/competitions/IPPC2018/EarthObservation/instance1.rddl': illegalNoop('EarthObservation', 'exactly one slew action is required at every step'),
  'rddlrepository/competitions/IPPC2018/EarthObservation/instance11.rddl': illegalNoop('EarthObservation', 'exactly one slew action is required at every step'),
  'rddlrepository/competitions/IPPC2018/EarthObservation/instance20.rddl': illegalNoop('EarthObservation', 'exactly one slew action is required at every step'),
  'rddlrepository/competitions/IPPC2018/PushYourLuck/instance1.rddl': illegalNoop('PushYourLuck', 'the player must roll a die or cash out at every step'),
  'rddlrepository/competitions/IPPC2018/PushYourLuck/instance11.rddl': illegalNoop('PushYourLuck', 'the player must roll a die or cash out at every step'),
  'rddlrepository/competitions/IPPC2018/PushYourLuck/instance20.rddl': illegalNoop('PushYourLuck', 'the player must roll a die or cash out at every step'),
  'rddlrepository/competitions/IPPC2018/WildlifePreserve/p1/instance1.rddl': illegalNoop('WildlifePreserve', 'every ranger must defend exactly one area at every step'),
  'rddlrepository/competitions/IPPC2018/WildlifePreserve/p10/instance10.rddl': illegalNoop('WildlifePreserve', 'every ranger must defend exactly one area at every step'),
  'rddlrepository/competitions/IPPC2018/WildlifePreserve/p20/instance20.rddl': illegalNoop('WildlifePreserve', 'every ranger must defend exactly one area at every step'),
  'rddlrepository/or/BinPacking/instance0.rddl': illegalNoop('BinPacking', 'the item must be placed in exactly one bin'),
  'rddlrepository/or/TSP/instance0.rddl': illegalNoop('TSP', 'the salesman must move to exactly one node'),
  'rddlrepository/competitions/IPPC2023/RecSim/instance4.rddl': tooLarge,
  'rddlrepository/competitions/IPPC2023/RecSim/instance7.rddl': tooLarge,
  'rddlrepository/standalone/Reservoir/Continuous/instance0.rddl': wrongDomain,
  'rddlrepository/standalone/Reservoir/Continuous/instance1.rddl': wrongDomain,
};

const instances = corpusInstances();

type Outcome =
  | { readonly ok: true; readonly mean: number; readonly steps: number }
  | { readonly ok: false; readonly stage: Expected['stage']; readonly diagnostics: readonly Diagnostic[] };

function run(instance: CorpusInstance, constraints: 'error' | 'ignore', episodes: number): Outcome {
  const loaded = loadInstance(instance.paths, instance.name);
  if (loaded.stage !== 'ok') return { ok: false, stage: loaded.stage, diagnostics: loaded.diagnostics.filter((d) => d.severity === 'error') };
  try {
    const r = evaluatePolicy(loaded.compiled, noopPolicy(loaded.compiled), { episodes, seed: SEED, constraints });
    return { ok: true, mean: r.summary.mean, steps: r.steps };
  } catch (err) {
    if (err instanceof SimulationError) return { ok: false, stage: 'simulate', diagnostics: [err.diagnostic] };
    throw err;
  }
}

test('the corpus has instances, and every expected failure names one of them', (t) => {
  t.true(instances.length > 0, 'corpus instances found');
  const files = new Set(instances.map((i) => i.file));
  t.deepEqual(
    Object.keys(expectedFailures).filter((f) => !files.has(f)),
    [],
    'the table lists only instance files of the corpus',
  );
  const failing = instances.filter((i) => expectedFailures[i.file]).length;
  t.log(`${instances.length} corpus instances: ${instances.length - failing} expected to run ${EPISODES} noop episodes, ${failing} to stop with a documented diagnostic`);
});

for (const instance of instances) {
  const expected = expectedFailures[instance.file];
  const title = `${instance.file} (${instance.name}): ${expected ? `stops with ${expected.code}` : `runs ${EPISODES} noop episodes`}`;
  test(title, (t) => {
    const outcome = run(instance, 'error', EPISODES);
    if (!expected) {
      if (!outcome.ok) t.fail(`expected ${EPISODES} noop episodes; stopped while ${outcome.stage === 'simulate' ? 'simulating' : `at ${outcome.stage}`}:\n${render(outcome.diagnostics)}`);
      else {
        t.true(Number.isFinite(outcome.mean));
        t.true(outcome.steps >= EPISODES);
      }
      return;
    }
    if (outcome.ok) {
      t.fail(`expected ${expected.code} (${expected.reason}), but it ran: mean return ${outcome.mean}. Update the table if this is now right.`);
      return;
    }
    t.is(outcome.stage, expected.stage, render(outcome.diagnostics));
    t.deepEqual([...new Set(outcome.diagnostics.map((d) => d.code))], [expected.code], render(outcome.diagnostics));
    t.regex(outcome.diagnostics[0]!.message, expected.message);
    t.truthy(outcome.diagnostics[0]!.span, 'the diagnostic points at the source');
    t.log(`${expected.code}: ${expected.reason}`);
    if (expected.code === 'RDDL5003') {
      // The domain itself is fine: with constraints ignored the noop action runs.
      const ignored = run(instance, 'ignore', IGNORE_EPISODES);
      if (!ignored.ok) t.fail(`with constraints 'ignore' it should run; it stopped:\n${render(ignored.diagnostics)}`);
      else t.true(Number.isFinite(ignored.mean));
    }
  });
}
