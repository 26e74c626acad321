import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { renderDiagnostic } from '@rddl/core';
import { evaluatePolicy, noopPolicy, randomPolicy, SimulationError, toFlat, type ConstraintMode, type Policy } from '@rddl/sim';
import { CliError, type CliIo } from '../io.js';
import { parseChoice, parseCount, parseSeed } from '../options.js';
import { loadProblem } from '../problem.js';
import { startProgress } from '../progress.js';

export interface SimulateOptions {
  readonly instance?: string;
  readonly policy?: string;
  readonly episodes?: string;
  readonly seed?: string;
  readonly json?: boolean;
  readonly trace?: string;
  readonly constraints?: string;
  readonly maxNodes?: string;
}

export function registerSimulate(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('simulate')
    .description('simulate an instance under a fixed policy and report the mean return')
    .argument('<files...>', 'the domain file, and the instance file if it is not in the same file (or in instances/)')
    .option('--instance <name>', 'the instance to simulate when the files hold several')
    .option('--policy <name>', 'noop (every action at its default) or random (each action uniform over its range)', 'noop')
    .option('--episodes <n>', 'number of episodes', '200')
    .option('--seed <s>', 'seed of every random draw (same seed, same trajectories)', '0')
    .option('--constraints <mode>', 'error (stop at a violated invariant or precondition), warn or ignore', 'error')
    .option('--trace <file>', 'write one JSON line per step (state, action, reward) to this file')
    .option('--max-nodes <n>', 'grounding limit in expression nodes', '5000000')
    .option('--json', 'print one JSON object with the results on stdout')
    .addHelpText(
      'after',
      `
The return of an episode is the discounted sum of its rewards. Random draws
are a function of (seed, episode, step), so two runs with the same seed give
the same trajectories whatever the number of episodes.

Examples:
  rddl simulate domains/asset_allocation.rddl instances/asset_allocation_1.rddl
  rddl simulate domain.rddl instance1.rddl --policy random --episodes 1000 --seed 7 --json`,
    )
    .action((files: string[], options: SimulateOptions) => setExit(runSimulate(files, options, io)));
}

export function runSimulate(files: readonly string[], options: SimulateOptions, io: CliIo): number {
  const episodes = parseCount(options.episodes, '--episodes', 200, 1, 10_000_000);
  const seed = parseSeed(options.seed);
  const policyName = parseChoice(options.policy, '--policy', ['noop', 'random'] as const, 'noop');
  const constraints = parseChoice<ConstraintMode>(options.constraints, '--constraints', ['error', 'warn', 'ignore'], 'error');
  const maxNodes = parseCount(options.maxNodes, '--max-nodes', 5_000_000, 1000);
  const problem = loadProblem(files, { ...(options.instance !== undefined ? { instance: options.instance } : {}), maxNodes }, io, options.json === true);
  const { compiled, model } = problem;
  const policy: Policy = policyName === 'noop' ? noopPolicy(compiled) : randomPolicy(compiled, { seed });

  // The trace is written synchronously: an unwritable path fails here, before simulating, and
  // every line is on disk when the command returns.
  let trace: number | undefined;
  if (options.trace) {
    try {
      trace = openSync(resolve(io.cwd, options.trace), 'w');
    } catch (err) {
      throw new CliError(`cannot write the trace file '${options.trace}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 1);
    }
  }
  const writeTrace = (line: string) => writeSync(trace!, line);
  const closeTrace = () => {
    if (trace !== undefined) closeSync(trace);
  };
  const progress = startProgress(io, 'simulating', episodes);
  const started = performance.now();
  let result;
  try {
    result = evaluatePolicy(compiled, policy, {
      episodes,
      seed,
      constraints,
      onEpisode: (e) => progress.update(e + 1),
      ...(trace !== undefined
        ? {
            onStep: (r) =>
              writeTrace(
                `${JSON.stringify({
                  episode: r.episode,
                  t: r.t,
                  state: toFlat(compiled.layout.state, r.state),
                  action: toFlat(compiled.layout.action, r.action),
                  reward: r.reward,
                  next: toFlat(compiled.layout.state, r.nextState),
                  ...(compiled.layout.observ.size > 0 ? { observation: toFlat(compiled.layout.observ, r.observation) } : {}),
                  done: r.done,
                })}\n`,
              ),
          }
        : {}),
    });
  } catch (err) {
    progress.stop();
    closeTrace();
    if (err instanceof SimulationError) {
      io.stderr(`${renderDiagnostic(err.diagnostic, { color: io.color })}\n\n`);
      throw new CliError('the simulation stopped at the error above (use --constraints warn or ignore to go on past constraint violations)', 1);
    }
    throw err;
  }
  progress.stop();
  closeTrace();
  const seconds = (performance.now() - started) / 1000;
  for (const w of dedupeWarnings(result.warnings)) io.stderr(`${renderDiagnostic(w, { color: io.color })}\n\n`);
  const s = result.summary;
  const report = {
    domain: model.domainName,
    instance: model.instanceName,
    policy: policyName,
    episodes,
    horizon: model.horizon,
    discount: model.discount,
    seed,
    meanReturn: s.mean,
    stdReturn: s.std,
    standardError: s.standardError,
    ci95: s.ci95,
    meanUndiscountedReturn: result.undiscounted.reduce((a, b) => a + b, 0) / episodes,
    steps: result.steps,
    seconds,
    constraintWarnings: result.warnings.length,
  };
  if (options.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const fmt = (x: number) => (!Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(4) : x.toFixed(4));
  io.stdout(
    [
      `domain ${report.domain} · instance ${report.instance} · policy ${policyName} · ${episodes} episodes · horizon ${report.horizon} · discount ${report.discount} · seed ${String(seed)}`,
      `mean return      ${fmt(s.mean)} ± ${fmt(s.ci95)} (95% CI)`,
      `std of return    ${fmt(s.std)}   (standard error ${fmt(s.standardError)})`,
      `steps            ${result.steps} in ${seconds.toFixed(2)} s (${Math.round(result.steps / Math.max(seconds, 1e-9)).toLocaleString('en-US')} steps/s)`,
      ...(trace !== undefined ? [`trace            ${options.trace}`] : []),
      '',
    ].join('\n'),
  );
  return 0;
}

/** One warning per constraint (the first time it was violated), with a count. */
function dedupeWarnings<T extends { code: string; message: string; span?: { start: number } }>(warnings: readonly T[]): T[] {
  const seen = new Map<string, { first: T; count: number }>();
  for (const w of warnings) {
    const key = `${w.code}:${w.span?.start}`;
    const entry = seen.get(key);
    if (entry) entry.count++;
    else seen.set(key, { first: w, count: 1 });
  }
  return [...seen.values()].map(({ first, count }) => (count > 1 ? { ...first, message: `${first.message} (and ${count - 1} more times)` } : first));
}
