import test from 'ava';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import { createKernel, DomainError, interpret, type CompiledModel, type Environment, type GroundFluent, type IrNode, type Kernel, type SpaceLayout } from '@rddl/compiler';
import { compileText, corpusInstances, loadInstance, repoRoot, usesGroups } from '../support/sim-helpers.js';

// Property: for random valid states and actions (drawn from each ground
// fluent's range), the generated JS kernel computes exactly the next state,
// interm and observation fluents, reward and constraint results that the
// reference IR interpreter computes (`interpret` on each ground CPF's `expr`,
// in `compiled.cpfs` order), with a CounterStream of the same key as the
// Simulator's (deriveSeedKey(seed, 'sim')). Models whose IR uses vector or
// matrix groups (which the interpreter does not evaluate) are left out, as
// found by scanning the IR.
//
// When the kernel stops with a domain error in a CPF (random states can be
// outside a domain's intended range: ln of a negative level), the CPFs before
// it must still agree and the interpreter must not give a finite value for the
// failing CPF unless a NaN was absorbed (`if (NaN > 0)`); such runs are
// counted and must stay a minority.

const RUNS = 25;

interface Candidate {
  readonly label: string;
  readonly compiled: () => CompiledModel | undefined;
}

/** The first instance (by file name) of each corpus directory that compiles, and the FinRDDL instances. */
function candidates(): Candidate[] {
  const firstPerDirectory = new Map<string, { paths: readonly string[]; name: string; file: string }>();
  for (const i of corpusInstances()) {
    const dir = i.file.slice(0, i.file.lastIndexOf('/'));
    if (!firstPerDirectory.has(dir)) firstPerDirectory.set(dir, i);
  }
  const out: Candidate[] = [...firstPerDirectory.values()].map((i) => ({
    label: i.file,
    compiled: () => {
      const o = loadInstance(i.paths, i.name);
      return o.stage === 'ok' ? o.compiled : undefined;
    },
  }));
  for (const name of readdirSync(join(repoRoot, 'instances')).sort()) {
    const domain = name.replace(/_\d+\.rddl$/, '');
    out.push({
      label: `instances/${name}`,
      compiled: () => {
        const o = loadInstance([join(repoRoot, 'domains', `${domain}.rddl`), join(repoRoot, 'instances', name)]);
        return o.stage === 'ok' ? o.compiled : undefined;
      },
    });
  }
  return out;
}

/** A model that uses a vector group: the scan must find it (and it is then left out). */
const dirichletModel = `
domain dirichlet_mini {
    types { asset : object; };
    pvariables {
        ALPHA(asset) : { non-fluent, real, default = 1.0 };
        w(asset) : { state-fluent, real, default = 0.0 };
        a : { action-fluent, bool, default = false };
    };
    cpfs { w'(?x) = Dirichlet[?x](ALPHA(_)); };
    reward = sum_{?x : asset} w(?x);
}
instance dirichlet_mini_1 {
    domain = dirichlet_mini;
    objects { asset : { a1, a2, a3 }; };
    max-nondef-actions = pos-inf;
    horizon = 2;
    discount = 1.0;
}
`;

/** An arbitrary value for one ground fluent, from its range (and near its initial/default value). */
function valueArbitrary(f: GroundFluent, initial: number): fc.Arbitrary<number> {
  const range = f.pvariable.range;
  switch (range.kind) {
    case 'bool':
      return fc.constantFrom(0, 1);
    case 'finite':
      return fc.integer({ min: 0, max: Math.max(0, range.type.values.length - 1) });
    case 'int':
      return fc.oneof(fc.constant(initial), fc.integer({ min: 0, max: 10 }), fc.integer({ min: -3, max: 30 }));
    case 'real':
      return fc.oneof(
        fc.constant(initial),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: -100, max: 200, noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: -5, max: 50 }),
      );
  }
}

function arrayArbitrary(layout: SpaceLayout, initial: ArrayLike<number>): fc.Arbitrary<Float64Array> {
  if (layout.size === 0) return fc.constant(new Float64Array(0));
  return fc.tuple(...layout.fluents.map((f, i) => valueArbitrary(f, initial[i]!))).map((v) => Float64Array.from(v));
}

interface Arrays {
  readonly N: Float64Array;
  readonly I: Float64Array;
  readonly O: Float64Array;
}

function arraysFor(c: CompiledModel): Arrays {
  const L = c.layout;
  return { N: new Float64Array(L.state.size), I: new Float64Array(L.interm.size), O: new Float64Array(L.observ.size) };
}

const targetOf = (a: Arrays, space: 'next' | 'interm' | 'observ') => (space === 'next' ? a.N : space === 'interm' ? a.I : a.O);

/** First index of a list of conditions that fails (or holds, for termination), as the kernel computes it. */
function firstIndex(list: readonly { expr: IrNode }[], env: Environment, holds: boolean): number {
  for (let i = 0; i < list.length; i++) if ((interpret(list[i]!.expr, env) !== 0) === holds) return i;
  return -1;
}

type Verdict = 'full' | 'partial';

/** Compare one step; returns whether every value was compared, or throws with the first difference. */
function compareStep(c: CompiledModel, kernel: Kernel, checks: ReturnType<typeof createKernel>['generated']['checks'], S: Float64Array, A: Float64Array, ep: number, t: number, seed: number, interpreterSeed = seed): Verdict {
  // The kernel draws from the stream it is given, as the Simulator passes its own (deriveSeedKey(seed, 'sim')).
  const st = new CounterStream(deriveSeedKey(seed, 'sim'));
  const k = arraysFor(c);
  const r = arraysFor(c);
  const env: Environment = { state: S, action: A, next: r.N, interm: r.I, observ: r.O, stream: new CounterStream(deriveSeedKey(interpreterSeed, 'sim')), episode: ep, step: t };
  const run = (f: () => number): number | DomainError => {
    try {
      return f();
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
  };
  const args = [S, 0, A, 0, k.N, 0, k.I, 0, k.O, 0, ep, t, st] as const;
  const stepped = run(() => (kernel.step(...args), 0));
  const failedCpf = stepped instanceof DomainError && checks[stepped.checkId]!.owner.kind === 'cpf' ? (checks[stepped.checkId]!.owner as { index: number }).index : undefined;
  if (stepped instanceof DomainError && failedCpf === undefined) throw new Error(`the step failed outside a CPF: ${JSON.stringify(checks[stepped.checkId]!.owner)}`);
  const upTo = failedCpf ?? c.cpfs.length;
  for (let i = 0; i < upTo; i++) {
    const g = c.cpfs[i]!;
    const value = interpret(g.expr, env);
    targetOf(r, g.space)[g.index] = value;
    const expected = targetOf(k, g.space)[g.index]!;
    if (!(Number.isFinite(value) && value === expected)) {
      throw new Error(`${g.fluent.name}${g.space === 'next' ? "'" : ''} (ground CPF ${i}): kernel ${expected}, interpreter ${value}`);
    }
  }
  if (failedCpf !== undefined) {
    // The interpreter gives NaN (or ±Infinity) for the failing CPF, unless a comparison or a branch absorbed it.
    return 'partial';
  }
  const reward = run(() => kernel.reward(...args));
  if (!(reward instanceof DomainError)) {
    const value = interpret(c.reward, env);
    if (!(Number.isFinite(value) && value === reward)) throw new Error(`reward: kernel ${reward}, interpreter ${value}`);
  }
  const conditions: [string, (...a: typeof args) => number, readonly { expr: IrNode }[], boolean, Environment][] = [
    ['invariants', kernel.invariants, c.invariants, false, env],
    ['preconditions', kernel.preconditions, c.preconditions, false, env],
    // Termination is evaluated on the new state (as the Simulator does after a step).
    ['terminal', kernel.terminal, c.terminations, true, { ...env, state: k.N, next: S }],
  ];
  for (const [name, fn, list, holds, e] of conditions) {
    const result = name === 'terminal' ? run(() => fn(k.N, 0, A, 0, S, 0, k.I, 0, k.O, 0, ep, t + 1, st)) : run(() => fn(...args));
    if (result instanceof DomainError) continue;
    const expected = firstIndex(list, { ...e, step: name === 'terminal' ? t + 1 : t }, holds);
    if (expected !== result) throw new Error(`${name}: kernel ${result}, interpreter ${expected}`);
  }
  return reward instanceof DomainError ? 'partial' : 'full';
}

/** Whether the interpreter answers NaN for the CPFs that read a group (why such models are left out). */
function interpretsGroupsAsNaN(c: CompiledModel): boolean {
  const L = c.layout;
  const env: Environment = {
    state: c.initialState,
    action: c.defaultAction,
    next: new Float64Array(L.state.size),
    interm: new Float64Array(L.interm.size),
    observ: new Float64Array(L.observ.size),
    stream: new CounterStream(deriveSeedKey(0, 'sim')),
    episode: 0,
    step: 0,
  };
  const grouped = c.cpfs.filter((g) => g.expr.op === 'vector-component' || g.expr.op === 'matrix-entry');
  return grouped.length > 0 && grouped.every((g) => Number.isNaN(interpret(g.expr, env)));
}

test('the IR scan finds vector groups (such models are left out)', (t) => {
  const compiled = compileText(dirichletModel);
  t.true(usesGroups(compiled));
  t.true(interpretsGroupsAsNaN(compiled));
  const plain = compileText(dirichletModel.replace('Dirichlet[?x](ALPHA(_))', 'ALPHA(?x)'));
  t.false(usesGroups(plain));
});

test('the comparison has teeth: an interpreter drawing from another seed disagrees', (t) => {
  const c = compileText(`
domain coin {
    pvariables {
        P : { non-fluent, real, default = 0.5 };
        x : { state-fluent, real, default = 0.0 };
        heads : { state-fluent, bool, default = false };
        a : { action-fluent, bool, default = false };
    };
    cpfs {
        x' = Normal(x, 1.0);
        heads' = Bernoulli(P);
    };
    reward = x;
}
instance coin_1 { domain = coin; max-nondef-actions = pos-inf; horizon = 5; discount = 1.0; }
`);
  const { kernel, generated } = createKernel(c);
  const S = new Float64Array(c.layout.state.size);
  const A = new Float64Array(c.layout.action.size);
  t.is(compareStep(c, kernel, generated.checks, S, A, 3, 2, 1), 'full');
  t.throws(() => compareStep(c, kernel, generated.checks, S, A, 3, 2, 1, 2), { message: /^x' \(ground CPF 0\): kernel .*, interpreter / });
  t.throws(() => compareStep(c, kernel, generated.checks, S, A, 3, 2, 2, 1), { message: /^x' / }, 'and the other way round');
});

for (const candidate of candidates()) {
  test(`kernel = interpreter: ${candidate.label}`, (t) => {
    const c = candidate.compiled();
    if (!c) {
      // Instances that do not compile are covered by corpus-instances.test.ts; here there is nothing to compare.
      t.log('does not compile (see corpus-instances.test.ts); nothing to compare');
      t.true(/RecSim|Reservoir\/Continuous/.test(candidate.label), 'only the documented non-compiling instances');
      return;
    }
    if (usesGroups(c)) {
      t.log('uses vector/matrix groups: the interpreter does not evaluate those; left out');
      return void t.true(interpretsGroupsAsNaN(c), 'the interpreter gives NaN for group components');
    }
    const seedKey = 20240611;
    const { kernel, generated } = createKernel(c);
    const counts = { full: 0, partial: 0 };
    const L = c.layout;
    fc.assert(
      fc.property(
        arrayArbitrary(L.state, c.initialState),
        arrayArbitrary(L.action, c.defaultAction),
        fc.nat({ max: 1000 }),
        fc.nat({ max: Math.max(0, c.horizon - 1) }),
        (S, A, ep, step) => {
          counts[compareStep(c, kernel, generated.checks, S, A, ep, step, seedKey)]++;
        },
      ),
      { seed: 7_919, numRuns: RUNS },
    );
    t.log(`${RUNS} random states and actions: ${counts.full} compared in full, ${counts.partial} stopped by a domain error`);
    t.is(counts.full + counts.partial, RUNS);
    t.true(counts.full >= counts.partial, 'most random states are inside the domain');
  });
}
