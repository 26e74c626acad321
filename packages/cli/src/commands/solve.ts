import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { renderDiagnostic } from '@rddl/core';
import { compileModel } from '@rddl/compiler';
import {
  compareReturns,
  evaluatePlanner,
  formatBudget,
  parseAction,
  parseBudget,
  parseOverride,
  withNonFluents,
  type Budget,
  type PlannerEvaluation,
  type PlannerFactory,
} from '@rddl/planning';
import { SimulationError, toFlat, type StepRecord } from '@rddl/sim';
import { CliError, type CliIo } from '../io.js';
import { parseChoice, parseCount, parseSeed } from '../options.js';
import { choosePlanner, loadPlanner, plannerNames } from '../planners.js';
import { loadProblem, reportDiagnostics } from '../problem.js';
import { startProgress } from '../progress.js';
import { mergeOptions, readConfig, type SolveConfig } from '../solve-config.js';
import { cumulativeChart, describeActions, fmt, summaryTable } from '../solve-report.js';
import { availableParallelism } from 'node:os';

export interface SolveOptions {
  readonly instance?: string;
  readonly planner?: string;
  readonly budget?: string;
  readonly episodes?: string;
  readonly seed?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly out?: string;
  readonly action?: string;
  readonly override?: string[];
  readonly baselines?: string | boolean;
  readonly workers?: string;
  readonly constraints?: string;
  readonly maxNodes?: string;
  readonly option?: string[];
  readonly dumpLp?: string;
  readonly explain?: boolean;
}

export function registerSolve(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('solve')
    .description('plan for an instance, evaluate the plan on simulated episodes, and compare it with baselines')
    .argument('<files...>', 'the domain file, and the instance file if it is not in the same file (or in instances/)')
    .option('--instance <name>', 'the instance when the files hold several')
    .option('--planner <name>', `auto (default: chosen from the model, with the reason) or one of ${plannerNames.join(', ')}`)
    .option('--budget <n>', 'planning budget: iterations (500it) or seconds (2s, 250ms); per decision for planners that search every step')
    .option('--episodes <n>', 'evaluation episodes (default 100)')
    .option('--seed <s>', 'seed of the evaluation draws and of the planner (default 0)')
    .option('--config <file>', 'JSON file with planner, budget, episodes, seed, options (the planner\'s own), overrides, action, baselines')
    .option('--action <text>', "the constant planner's action: 'name=value,...' (name alone sets every grounding) or JSON")
    .option('--override <name=value...>', 'change a non-fluent in the model the planner plans with (never the evaluation model)')
    .option('--baselines <names>', 'comma-separated baselines to compare with (default noop,random); --no-baselines for none')
    .option('--no-baselines', 'compare with no baseline')
    .option('--workers <n>', 'worker threads for planners that use them (default: number of cores)')
    .option('--constraints <mode>', 'error, warn or ignore violated invariants and preconditions', 'error')
    .option('--max-nodes <n>', 'grounding limit in expression nodes', '5000000')
    .option('--option <key=value...>', "set one of the planner's options (see docs/planners.md), e.g. --option horizon=20")
    .option('--dump-lp <file>', 'milp planner: also write the first model it solves in CPLEX LP format')
    .option('--explain', 'gradient planner: list which expressions were relaxed and how')
    .option('--out <dir>', 'write returns.csv (every episode of every planner) and trace.jsonl (first episode of the planner)')
    .option('--json', 'print one JSON object with the results on stdout')
    .addHelpText(
      'after',
      `
Every planner is evaluated on the same episodes of the same seed, so they see
the same random draws (common random numbers) and their returns are compared
episode by episode: "vs noop" is the mean paired difference with its 95% CI.

Examples:
  rddl solve domains/asset_allocation.rddl
  rddl solve domains/asset_allocation_discrete.rddl --planner mcts --budget 500it --episodes 30
  rddl solve domains/asset_allocation.rddl --planner constant --action 'set_weight=0.5'
  rddl solve domains/asset_allocation.rddl --planner myopic --override alpha_trans_cost=0
  rddl solve domain.rddl instance1.rddl --config bench.json --json`,
    )
    .action(async (files: string[], options: SolveOptions) => setExit(await runSolve(files, options, io)));
}

interface Recorder {
  readonly rewardByStep: Float64Array;
  readonly count: Float64Array;
  readonly firstActions: Float64Array[];
  readonly trace: string[];
  onStep(r: StepRecord): void;
}

function recorder(horizon: number, keepTrace: boolean, compiledLayout: Parameters<typeof toFlat>[0], stateLayout: Parameters<typeof toFlat>[0]): Recorder {
  const rec: Recorder = {
    rewardByStep: new Float64Array(horizon),
    count: new Float64Array(horizon),
    firstActions: [],
    trace: [],
    onStep(r) {
      rec.rewardByStep[r.t]! += r.reward;
      rec.count[r.t]! += 1;
      if (r.episode === 0) {
        rec.firstActions.push(Float64Array.from(r.action));
        if (keepTrace) {
          rec.trace.push(JSON.stringify({ episode: r.episode, t: r.t, state: toFlat(stateLayout, r.state), action: toFlat(compiledLayout, r.action), reward: r.reward, done: r.done }));
        }
      }
    },
  };
  return rec;
}

export async function runSolve(files: readonly string[], flags: SolveOptions, io: CliIo): Promise<number> {
  const config: SolveConfig = flags.config ? readConfig(flags.config, io.cwd) : {};
  const episodes = parseCount(flags.episodes ?? (config.episodes !== undefined ? String(config.episodes) : undefined), '--episodes', 100, 1, 1_000_000);
  const seed = parseSeed(flags.seed ?? (config.seed !== undefined ? String(config.seed) : undefined));
  const workers = parseCount(flags.workers ?? (config.workers !== undefined ? String(config.workers) : undefined), '--workers', availableParallelism(), 1, 256);
  const constraints = parseChoice(flags.constraints, '--constraints', ['error', 'warn', 'ignore'] as const, 'error');
  const maxNodes = parseCount(flags.maxNodes, '--max-nodes', 5_000_000, 1000);
  const budgetText = flags.budget ?? config.budget;
  let budget: Budget | undefined;
  if (budgetText !== undefined) {
    budget = parseBudget(budgetText);
    if (!budget) throw new CliError(`cannot read the budget '${budgetText}': write a number of iterations (500 or 500it) or a time (2s, 1.5s, 250ms)`);
  }
  const instance = flags.instance ?? config.instance;
  const quiet = flags.json === true;
  const problem = loadProblem(files, { ...(instance !== undefined ? { instance } : {}), maxNodes }, io, quiet);
  const { compiled, model } = problem;

  // The planner may plan on a model with some non-fluents changed; evaluation always uses the real one.
  const overrideTexts = [...(config.overrides ?? []), ...(flags.override ?? [])];
  const overrides = overrideTexts.map((text) => {
    const o = parseOverride(text);
    if (!o) throw new CliError(`cannot read the override '${text}': write NAME=VALUE or NAME(obj,...)=VALUE`);
    return o;
  });
  let planningCompiled = compiled;
  if (overrides.length > 0) {
    let planningModel;
    try {
      planningModel = withNonFluents(model, overrides);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    const recompiled = compileModel(planningModel, { maxNodes });
    reportDiagnostics(recompiled.diagnostics, io);
    planningCompiled = recompiled.compiled!;
  }

  let plannerName = flags.planner ?? config.planner ?? 'auto';
  let reason = '';
  if (plannerName === 'auto') {
    const choice = await choosePlanner(planningCompiled);
    plannerName = choice.name;
    reason = choice.reason;
  }
  const factory = await loadPlanner(plannerName);
  if (!factory) {
    if (!plannerNames.includes(plannerName)) throw new CliError(`unknown planner '${plannerName}' (planners: auto, ${plannerNames.join(', ')})`);
    throw new CliError(`planner '${plannerName}' is not installed (its package @rddl/planner-${plannerName} is missing)`, 1);
  }
  const actionText = flags.action ?? config.action;
  const given: Record<string, unknown> = { ...(config.options ?? {}) };
  for (const text of flags.option ?? []) {
    const m = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(text);
    if (!m) throw new CliError(`cannot read --option '${text}': write key=value`);
    given[m[1]!] = optionValue(m[2]!);
  }
  if (flags.dumpLp !== undefined) given['dumpLp'] = resolve(io.cwd, flags.dumpLp);
  if (flags.explain) given['explain'] = true;
  if (plannerName === 'constant') {
    if (actionText === undefined) throw new CliError("the constant planner needs --action, e.g. --action 'set_weight=0.5'");
    try {
      given['action'] = parseAction(compiled, actionText);
    } catch (err) {
      throw new CliError(`--action: ${(err as Error).message}`);
    }
  }
  const options = mergeOptions(plannerName, factory.defaults as Record<string, unknown>, given);
  const unsupported = factory.supports?.(planningCompiled, options);
  if (unsupported) throw new CliError(`planner '${plannerName}' cannot handle this model: ${unsupported}`, 1);
  const plannerBudget = budget ?? factory.defaultBudget ?? { kind: 'iterations', iterations: 100 };

  const baselineNames = flags.baselines === false ? [] : typeof flags.baselines === 'string' ? flags.baselines.split(',').map((s) => s.trim()).filter(Boolean) : [...(config.baselines ?? ['noop', 'random'])];
  const baselines: { name: string; factory: PlannerFactory<Record<string, unknown>> }[] = [];
  for (const name of baselineNames.filter((n) => n !== plannerName)) {
    const f = await loadPlanner(name);
    if (!f || name === 'constant') throw new CliError(`unknown baseline '${name}' (baselines: noop, random, myopic)`);
    baselines.push({ name, factory: f });
  }

  if (!quiet) {
    io.stderr(`planner ${plannerName}${reason ? ` (auto: ${reason})` : ''} · budget ${formatBudget(plannerBudget)} · ${episodes} episodes · seed ${String(seed)}${overrides.length ? ` · planning with ${overrideTexts.join(', ')}` : ''}\n`);
  }
  const total = episodes * (1 + baselines.length);
  const progress = startProgress(io, 'evaluating', total);
  let done = 0;
  const artifacts: string[] = [];
  const runOne = async (name: string, f: PlannerFactory<Record<string, unknown>>, opts: Record<string, unknown>, planModel = compiled, keepTrace = false) => {
    const rec = recorder(compiled.horizon, keepTrace, compiled.layout.action, compiled.layout.state);
    const planner = await f.create(
      { compiled: planModel, seed, budget: plannerBudget, workers, onProgress: (p) => progress.update(done, `${name}: ${p.message}`) },
      opts,
    );
    try {
      const evaluation = await evaluatePlanner(compiled, planner, {
        episodes,
        seed,
        constraints,
        onStep: (r) => rec.onStep(r),
        onEpisode: () => progress.update(++done, name),
      });
      if (keepTrace && flags.out && planner.writeArtifacts) {
        const dir = resolve(io.cwd, flags.out);
        mkdirSync(dir, { recursive: true });
        artifacts.push(...(await planner.writeArtifacts(dir)));
      }
      return { evaluation, rec };
    } finally {
      await planner.dispose?.();
    }
  };

  let main: { evaluation: PlannerEvaluation; rec: Recorder };
  const others: { evaluation: PlannerEvaluation; rec: Recorder }[] = [];
  try {
    main = await runOne(plannerName, factory, options, planningCompiled, flags.out !== undefined);
    for (const b of baselines) others.push(await runOne(b.name, b.factory, b.factory.defaults as Record<string, unknown>));
  } catch (err) {
    progress.stop();
    if (err instanceof SimulationError) {
      io.stderr(`${renderDiagnostic(err.diagnostic, { color: io.color })}\n\n`);
      throw new CliError('the evaluation stopped at the error above', 1);
    }
    if (err instanceof CliError) throw err;
    if (err instanceof Error && !(err instanceof TypeError) && !(err instanceof RangeError) && !(err instanceof ReferenceError)) {
      throw new CliError(`planner '${plannerName}' failed: ${err.message}`, 1);
    }
    throw err;
  }
  progress.stop();

  const m = main.evaluation;
  const s = m.result.summary;
  const paired = Object.fromEntries(
    others.map((o) => {
      const d = compareReturns(m, o.evaluation);
      return [o.evaluation.planner, { meanDifference: d.mean, ci95: d.ci95, standardError: d.standardError }];
    }),
  );
  if (flags.out) writeOut(resolve(io.cwd, flags.out), [main, ...others], main.rec.trace);
  const firstActions = main.rec.firstActions.slice(0, 5).map((a) => toFlat(compiled.layout.action, a));
  if (quiet) {
    const report = {
      domain: model.domainName,
      instance: model.instanceName,
      planner: plannerName,
      ...(reason ? { plannerReason: reason } : {}),
      budget: plannerBudget,
      episodes,
      seed,
      horizon: model.horizon,
      discount: model.discount,
      meanReturn: s.mean,
      stdReturn: s.std,
      standardError: s.standardError,
      ci95: s.ci95,
      planSeconds: m.planSeconds,
      stats: m.stats,
      overrides: overrideTexts,
      baselines: Object.fromEntries(others.map((o) => [o.evaluation.planner, { meanReturn: o.evaluation.result.summary.mean, ci95: o.evaluation.result.summary.ci95, standardError: o.evaluation.result.summary.standardError }])),
      paired,
      firstActions,
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }
  const statsLine = Object.entries(m.stats).map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`).join(' · ');
  io.stdout(
    [
      `domain ${model.domainName} · instance ${model.instanceName} · horizon ${model.horizon} · discount ${model.discount}`,
      '',
      summaryTable(m, others.map((o) => o.evaluation)),
      '',
      ...(statsLine ? [`${plannerName}: ${statsLine}`, ''] : []),
      `first actions of ${plannerName} (episode 0):`,
      ...describeActions(compiled, main.rec.firstActions),
      '',
      cumulativeChart([
        { name: plannerName, rewardByStep: main.rec.rewardByStep, count: main.rec.count },
        ...others.map((o) => ({ name: o.evaluation.planner, rewardByStep: o.rec.rewardByStep, count: o.rec.count })),
      ], io.color),
      ...(flags.out ? ['', `wrote ${[join(flags.out, 'returns.csv'), join(flags.out, 'trace.jsonl'), ...artifacts.map((a) => join(flags.out!, a))].join(', ')}`] : []),
      '',
    ].join('\n'),
  );
  return 0;
}

/** `--option` values: numbers, true/false, JSON arrays/objects, or text. */
function optionValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return Number(text);
  if (text.startsWith('[') || text.startsWith('{')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new CliError(`--option value '${text}' is not valid JSON`);
    }
  }
  return text;
}

function writeOut(dir: string, runs: readonly { evaluation: PlannerEvaluation }[], trace: readonly string[]): void {
  mkdirSync(dir, { recursive: true });
  const lines = ['planner,episode,return,undiscounted_return'];
  for (const { evaluation } of runs) {
    evaluation.result.returns.forEach((r, i) => lines.push(`${evaluation.planner},${i},${r},${evaluation.result.undiscounted[i]}`));
  }
  writeFileSync(join(dir, 'returns.csv'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'trace.jsonl'), trace.length ? `${trace.join('\n')}\n` : '');
}
