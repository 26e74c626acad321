import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { renderDiagnostic, SourceFile, type Diagnostic } from '@rddl/core';
import { parseRddl, type RddlFile } from '@rddl/syntax';
import { buildModel, checkProgram, collectProgram, type Model } from '@rddl/model';
import { compileModel, type CompiledModel, type SpaceLayout } from '@rddl/compiler';
import { evaluatePolicy, noopPolicy, randomPolicy, SimulationError, Simulator, summarize, type Policy, type Summary } from '@rddl/sim';
import { parseAction, parseOverride, withNonFluents } from '@rddl/planning';
import { repoRoot } from '../support/corpus.js';

/**
 * Helpers of the FinRDDL domain tests (test/domains): load a domain with one
 * of its instances (optionally with non-fluents changed), run the noop and
 * random baselines, play fixed policies while reading the state and the
 * interm-fluents after each step, and compare Monte Carlo moments with closed
 * forms.
 */

export { repoRoot };

/** Seed of every simulation in these tests (fixed: the tests are deterministic). */
export const SEED = 1;

/** Repository-relative paths of the instance files of a domain: `instances/<domain>_<n>.rddl`, sorted by n. */
export function instanceFilesOf(domain: string): string[] {
  const pattern = new RegExp(`^${domain}_(\\d+)\\.rddl$`);
  return readdirSync(join(repoRoot, 'instances'))
    .filter((name) => pattern.test(name))
    .sort((a, b) => Number(pattern.exec(a)![1]) - Number(pattern.exec(b)![1]))
    .map((name) => `instances/${name}`);
}

/** Render diagnostics for assertion messages. */
export function render(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => renderDiagnostic(d)).join('\n');
}

/** Parse a repository file; its syntax diagnostics come back with it. */
export function parseFile(path: string): { file: RddlFile; diagnostics: Diagnostic[] } {
  const { file, diagnostics } = parseRddl(new SourceFile(path, readFileSync(join(repoRoot, path), 'utf8')));
  return { file, diagnostics: [...diagnostics] };
}

export interface LoadedInstance {
  readonly model: Model;
  readonly compiled: CompiledModel;
  /** Every diagnostic of parsing, `checkProgram`, building and compiling (the tests expect none). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parse, check, build and compile `domains/<domain>.rddl` with an instance
 * file, with optional non-fluent overrides (`risk=0`, `AV(s0)=0`, as
 * `rddl solve --override` reads them). Throws with the rendered diagnostics
 * when it does not compile.
 */
export function loadInstance(domain: string, instanceFile: string, overrides: readonly string[] = []): LoadedInstance {
  const parsed = [`domains/${domain}.rddl`, instanceFile].map(parseFile);
  const files = parsed.map((p) => p.file);
  const diagnostics: Diagnostic[] = parsed.flatMap((p) => p.diagnostics);
  diagnostics.push(...checkProgram(files));
  const { program, diagnostics: collected } = collectProgram(files);
  const built = buildModel(program, {});
  diagnostics.push(...collected, ...built.diagnostics);
  if (!built.model) throw new Error(`${domain} + ${instanceFile} did not build:\n${render(diagnostics)}`);
  const model = withNonFluents(
    built.model,
    overrides.map((text) => {
      const o = parseOverride(text);
      if (!o) throw new Error(`bad override '${text}'`);
      return o;
    }),
  );
  const { compiled, diagnostics: compileDiagnostics } = compileModel(model);
  diagnostics.push(...compileDiagnostics);
  if (!compiled) throw new Error(`${domain} + ${instanceFile} did not compile:\n${render(diagnostics)}`);
  return { model, compiled, diagnostics };
}

/** Array index of a ground fluent (`price___a1`), failing loudly on a wrong name. */
export function indexOf(space: SpaceLayout, groundName: string): number {
  const i = space.byName.get(groundName);
  if (i === undefined) throw new Error(`no ground fluent '${groundName}' (have: ${[...space.byName.keys()].join(', ')})`);
  return i;
}

/** Encode an action text (`set_weight(a1)=0.2, set_weight(a2)=0.8`) for a compiled model. */
export function action(compiled: CompiledModel, text: string): Float64Array {
  return parseAction(compiled, text);
}

/** A policy from a function of the step (and state): a schedule played open-loop, or a fixed rule. */
export function policyOf(name: string, choose: (t: number, state: Float64Array, episode: number) => Float64Array): Policy {
  return {
    name,
    act(state, t, episode, out) {
      out.set(choose(t, state, episode));
    },
  };
}

export interface StepView {
  readonly episode: number;
  readonly t: number;
  /** State before the step (a copy). */
  readonly state: Float64Array;
  readonly action: Float64Array;
  /** State after the step (the simulator's own array: read, do not keep). */
  readonly next: Float64Array;
  /** Interm-fluents of the step (the simulator's own array). */
  readonly interm: Float64Array;
  readonly reward: number;
  readonly done: boolean;
  readonly terminated: boolean;
}

export interface EpisodeView {
  readonly episode: number;
  /** Undiscounted return. */
  readonly ret: number;
  readonly steps: number;
  /** Final state (the simulator's own array). */
  readonly state: Float64Array;
}

/**
 * Play `policy` for `episodes` episodes with constraints checked as errors,
 * calling `onStep` after every step and `onEpisode` at the end of every
 * episode; returns the undiscounted returns. Same draws as evaluatePolicy
 * with the same seed (episode k is episode number k).
 */
export function play(
  compiled: CompiledModel,
  policy: Policy,
  options: { episodes: number; seed?: number; onStep?: (s: StepView) => void; onEpisode?: (e: EpisodeView) => void },
): Float64Array {
  const sim = new Simulator(compiled, { seed: options.seed ?? SEED, constraints: 'error' });
  const returns = new Float64Array(options.episodes);
  const act = new Float64Array(compiled.layout.action.size);
  for (let k = 0; k < options.episodes; k++) {
    sim.reset(k);
    policy.startEpisode?.(k);
    let ret = 0;
    let steps = 0;
    while (!sim.done) {
      const t = sim.time;
      act.set(compiled.defaultAction);
      policy.act(sim.state, t, k, act);
      const before = options.onStep ? Float64Array.from(sim.state) : undefined;
      const r = sim.step(act);
      ret += r.reward;
      steps++;
      options.onStep?.({ episode: k, t, state: before!, action: act, next: sim.state, interm: sim.interm, reward: r.reward, done: r.done, terminated: r.terminated });
    }
    returns[k] = ret;
    options.onEpisode?.({ episode: k, ret, steps, state: sim.state });
  }
  return returns;
}

/** Sample mean and (n - 1) variance. */
export function moments(xs: ArrayLike<number>): { n: number; mean: number; variance: number } {
  const s = summarize(xs);
  return { n: s.n, mean: s.mean, variance: s.std * s.std };
}

/**
 * The sample mean of `xs` is within `k` standard errors sqrt(variance / n)
 * of `mean`, with `variance` the true variance (closed form). Logs the figures.
 */
export function assertMean(t: ExecutionContext, label: string, xs: ArrayLike<number>, mean: number, variance: number, k = 4): number {
  const m = moments(xs);
  const tol = k * Math.sqrt(variance / m.n);
  t.log(`${label}: simulated mean ${fmt(m.mean)} vs ${fmt(mean)} (n = ${m.n}, |diff| ${fmt(Math.abs(m.mean - mean))} <= ${fmt(tol)}, ${(Math.abs(m.mean - mean) / Math.sqrt(variance / m.n)).toFixed(2)} SE)`);
  t.true(Math.abs(m.mean - mean) <= tol, `${label}: mean ${m.mean} is not within ${k} standard errors (${tol}) of ${mean}`);
  return m.mean;
}

/**
 * The sample variance of `xs` is within relative `k sqrt(2 / (n - 1))` of
 * `variance` (the standard error of a normal sample's variance). For samples
 * with excess kurtosis pass the true kurtosis-corrected relative standard error.
 */
export function assertVariance(t: ExecutionContext, label: string, xs: ArrayLike<number>, variance: number, k = 4, relativeSe?: number): number {
  const m = moments(xs);
  const se = relativeSe ?? Math.sqrt(2 / (m.n - 1));
  const rel = Math.abs(m.variance / variance - 1);
  t.log(`${label}: simulated variance ${fmt(m.variance)} vs ${fmt(variance)} (relative diff ${rel.toExponential(2)} <= ${(k * se).toExponential(2)})`);
  t.true(rel <= k * se, `${label}: variance ${m.variance} is not within relative ${k * se} of ${variance}`);
  return m.variance;
}

/** `actual` equals `expected` to a relative tolerance (absolute when expected is 0). */
export function assertClose(t: ExecutionContext, label: string, actual: number, expected: number, relative = 1e-12): void {
  const scale = Math.max(Math.abs(expected), expected === 0 ? 1 : 0);
  t.true(Math.abs(actual - expected) <= relative * scale, `${label}: ${actual} is not within relative ${relative} of ${expected} (diff ${actual - expected})`);
}

export function fmt(x: number): string {
  return Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(6) : x.toFixed(6);
}

/**
 * Every instance of a domain parses, checks with no diagnostic at all, and
 * compiles; noop and random policies run `episodes` episodes with
 * constraints as errors and no SimulationError. Returns the summaries.
 */
export function checkBaselines(
  t: ExecutionContext,
  domain: string,
  instanceFile: string,
  episodes = 200,
): { noop: Summary; random: Summary; compiled: CompiledModel } {
  const { compiled, diagnostics } = loadInstance(domain, instanceFile);
  t.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), [], render(diagnostics));
  const run = (policy: Policy): Summary => {
    try {
      const r = evaluatePolicy(compiled, policy, { episodes, seed: SEED, constraints: 'error' });
      t.is(r.warnings.length, 0);
      return r.summary;
    } catch (err) {
      if (err instanceof SimulationError) throw new Error(`${instanceFile}, policy ${policy.name}: ${renderDiagnostic(err.diagnostic)}`);
      throw err;
    }
  };
  const noop = run(noopPolicy(compiled));
  const random = run(randomPolicy(compiled, { seed: SEED }));
  t.true(Number.isFinite(noop.mean) && Number.isFinite(random.mean));
  t.log(`${instanceFile}: noop ${fmt(noop.mean)} ± ${fmt(noop.standardError)}, random ${fmt(random.mean)} ± ${fmt(random.standardError)} (${episodes} episodes, seed ${SEED})`);
  return { noop, random, compiled };
}
