import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveSeedKey, type SeedKey } from '@rddl/core';
import type { Planner, PlannerContext, PlannerStats } from '@rddl/planning';
import { Simulator } from '@rddl/sim';
import { analyseModel, type ModelAnalysis } from './analysis.js';
import { EncodingError } from './encode-error.js';
import { writeLp } from './lp-format.js';
import { checkOptions, solveLimits, solverName, type MilpOptions } from './options.js';
import { meanDraws, SampledDraws } from './scenarios.js';
import { solveProgram, type ProgramSolution } from './solve-program.js';
import { loadSolver, type Solver } from './solver.js';
import { Unroller } from './unroll.js';

/** One planning step: the program built, how it was solved, the plan. */
export interface PlanRecord {
  readonly t: number;
  readonly episode: number;
  readonly solution: ProgramSolution | undefined;
  /** Actions for steps t, t + 1, ... (as many as are played before the next replan). */
  readonly plan: readonly Float64Array[];
  /** Why no program was solved or its solution was not played. */
  readonly note?: string;
  readonly unroller: Unroller | undefined;
}

/**
 * Rolling-horizon MILP/MIQP planning: at each replanning step the IR is
 * unrolled over the lookahead from the current state, for K scenarios (or
 * the means), into one program; its solution's first actions are played.
 */
export class MilpPlanner implements Planner {
  readonly name = 'milp';
  private readonly analysis: ModelAnalysis;
  private readonly checker: Simulator;
  private key: SeedKey;
  private plan: { start: number; actions: readonly Float64Array[] } | undefined;
  private dumped = false;
  private firstLp: string | undefined;
  private readonly log: PlanRecord[] = [];
  private readonly counts = { solves: 0, polished: 0, idle: 0, fallbacks: 0, retries: 0, oaIterations: 0, seconds: 0, maxGap: 0, terminationIgnored: false };
  private largest = { vars: 0, rows: 0, integers: 0 };
  private readonly statuses = new Map<string, number>();
  private readonly backends = new Map<string, number>();
  private readonly methods = new Set<string>();

  constructor(
    private readonly ctx: PlannerContext,
    readonly options: MilpOptions,
    readonly solver: Solver,
  ) {
    checkOptions(options);
    this.analysis = analyseModel(ctx.compiled);
    this.checker = new Simulator(ctx.compiled, { seed: ctx.seed, purpose: 'planner:milp:check', constraints: 'ignore' });
    this.key = deriveSeedKey(ctx.seed, 'planner:milp:scenarios:0');
  }

  startEpisode(episode: number): void {
    this.key = deriveSeedKey(this.ctx.seed, `planner:milp:scenarios:${episode}`);
    this.plan = undefined;
  }

  act(state: Float64Array, t: number, episode: number, out: Float64Array): void {
    const p = this.plan;
    if (p && t >= p.start && t - p.start < p.actions.length) {
      out.set(p.actions[t - p.start]!);
      return;
    }
    const record = this.planAt(state, t, episode);
    this.plan = { start: t, actions: record.plan };
    out.set(record.plan[0]!);
  }

  /** Plan from a state at step t: build, solve, extract (also what tests call directly). */
  planAt(state: Float64Array, t: number, episode = 0): PlanRecord {
    const o = this.options;
    const compiled = this.ctx.compiled;
    const lookahead = Math.max(1, Math.min(o.horizon, compiled.horizon - t, 1024));
    const defaults = compiled.defaultAction;
    // Nothing to decide: the first action changes neither reward nor next state (e.g. not a rebalancing day).
    if (o.replanEvery === 1) {
      const probe = new Unroller(this.analysis, state, t, meanDraws, { lookahead: 1, scenarios: 1, sharedSteps: 1, pieces: o.pieces, epsilon: o.epsilon, invariants: false });
      if (probe.firstActionIsIdle() && this.valid(state, defaults, t, episode)) {
        this.counts.idle++;
        return this.remember({ t, episode, solution: undefined, plan: [Float64Array.from(defaults)], note: 'idle step', unroller: undefined });
      }
    }
    let record = this.solveAt(state, t, episode, lookahead, o.invariants);
    if (record.solution?.status === 'infeasible' && o.invariants) {
      // The invariants cannot hold in every scenario whatever the actions: plan without them.
      this.counts.retries++;
      record = this.solveAt(state, t, episode, lookahead, false);
    }
    if (!record.solution?.x) {
      this.counts.fallbacks++;
      return this.remember({ ...record, plan: [Float64Array.from(defaults)], note: `no solution (${record.solution?.status ?? 'not solved'}${record.solution?.message ? `: ${record.solution.message}` : ''}): default action` });
    }
    if (!this.valid(state, record.plan[0]!, t, episode)) {
      this.counts.fallbacks++;
      return this.remember({ ...record, plan: [Float64Array.from(defaults)], note: 'the planned action violates a precondition (numerical tolerance): default action' });
    }
    return this.remember(record);
  }

  private solveAt(state: Float64Array, t: number, episode: number, lookahead: number, invariants: boolean): PlanRecord {
    const o = this.options;
    const compiled = this.ctx.compiled;
    const mean = o.uncertainty === 'mean';
    const draws = mean ? meanDraws : new SampledDraws(this.key, t, o.antithetic);
    const unroller = new Unroller(this.analysis, state, t, draws, {
      lookahead,
      scenarios: mean ? 1 : o.scenarios,
      sharedSteps: Math.min(lookahead, Math.max(o.sharedSteps, o.replanEvery)),
      pieces: o.pieces,
      epsilon: o.epsilon,
      invariants,
    });
    try {
      unroller.build();
    } catch (err) {
      if (err instanceof EncodingError) throw new Error(`cannot encode the model as a MILP: ${err.message}`);
      throw err;
    }
    const limits = solveLimits(o, this.ctx.budget);
    const settings = { ...limits, mipGap: o.mipGap, threads: o.threads, verbose: o.verbose, quadratic: o.quadratic as 'auto', oaTolerance: o.oaTolerance, oaIterations: o.oaIterations };
    let solution = solveProgram(unroller.program, this.solver, settings, compiled.model.reward.span);
    this.note(solution, unroller);
    if (!this.dumped) {
      this.dumped = true;
      this.firstLp = writeLp(solution.problem, `${compiled.model.domainName} / ${compiled.model.instanceName}: step ${t}, lookahead ${lookahead}, ${mean ? 'mean values' : `${o.scenarios} scenarios`}`);
      if (o.dumpLp) writeFileSync(o.dumpLp, this.firstLp);
    }
    solution = this.polish(unroller, solution, settings);
    const steps = Math.min(o.replanEvery, lookahead);
    const plan = solution.x ? Array.from({ length: steps }, (_, j) => unroller.actionsAt(j, solution.x!)) : [];
    return { t, episode, solution, plan, unroller };
  }

  /**
   * Solvers return vertices within their tolerances: 1e-6 where the model
   * allows a weight sum of 1 + 1e-6, 0.9999999 for 1. Among (nearly) equally
   * good plans, prefer the one whose first actions are clean: fix them at
   * the nearby clean values, solve again, and keep that plan when it loses
   * no more than the MIP gap.
   */
  private polish(unroller: Unroller, solution: ProgramSolution, settings: Parameters<typeof solveProgram>[2]): ProgramSolution {
    if (!solution.x) return solution;
    const snaps = unroller.snapCandidates(solution.x);
    if (snaps.length === 0) return solution;
    for (const { index, value } of snaps) unroller.program.tighten(index, value, value);
    const again = solveProgram(unroller.program, this.solver, settings, this.ctx.compiled.model.reward.span);
    const allowed = Math.max(this.options.mipGap, 1e-9) * Math.max(Math.abs(solution.objective), 1e-9);
    if (!again.x || !(again.objective >= solution.objective - allowed)) return solution;
    this.counts.polished++;
    return again;
  }

  private valid(state: Float64Array, action: Float64Array, t: number, episode: number): boolean {
    return this.checker.preconditionsHold(state, action, t, episode);
  }

  private note(s: ProgramSolution, u: Unroller): void {
    this.counts.solves++;
    this.counts.seconds += s.seconds;
    if (Number.isFinite(s.gap)) this.counts.maxGap = Math.max(this.counts.maxGap, s.gap);
    if (s.method === 'outer-approximation') this.counts.oaIterations += s.iterations;
    if (u.terminationIgnored) this.counts.terminationIgnored = true;
    this.statuses.set(s.status, (this.statuses.get(s.status) ?? 0) + 1);
    this.backends.set(s.solver, (this.backends.get(s.solver) ?? 0) + 1);
    this.methods.add(s.method);
    const p = u.program;
    if (p.vars.length > this.largest.vars) this.largest = { vars: p.vars.length, rows: p.rows.length, integers: p.integerCount };
  }

  private remember(r: PlanRecord): PlanRecord {
    // Keep the first few records whole (tests and artifacts read them); later ones without their programs.
    this.log.push(this.log.length < 8 ? r : { ...r, unroller: undefined, solution: r.solution ? { ...r.solution, problem: { vars: [], rows: [], cost: new Float64Array(0), offset: 0, quadratic: [] } } : undefined });
    return r;
  }

  /** Every planning step so far (programs kept for the first few only). */
  get records(): readonly PlanRecord[] {
    return this.log;
  }

  stats(): PlannerStats {
    const c = this.counts;
    return {
      solver: `${this.solver.name}${this.solver.name === 'auto' && this.backends.size ? ` (${[...this.backends].map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`,
      method: [...this.methods].join('+') || 'none',
      solves: c.solves,
      'idle steps': c.idle,
      status: [...this.statuses].map(([k, v]) => `${k} ${v}`).join(', ') || 'none',
      'max gap': c.maxGap,
      'solve s (mean)': c.solves ? c.seconds / c.solves : 0,
      'largest program': `${this.largest.vars} variables (${this.largest.integers} integer), ${this.largest.rows} rows`,
      ...(c.polished ? { 'polished plans': c.polished } : {}),
      ...(c.oaIterations ? { 'outer-approximation iterations': c.oaIterations } : {}),
      ...(c.fallbacks ? { 'default-action fallbacks': c.fallbacks } : {}),
      ...(c.retries ? { 'retried without invariants': c.retries } : {}),
      ...(c.terminationIgnored ? { termination: 'decision-dependent; planned as if the episode goes on' } : {}),
    };
  }

  writeArtifacts(dir: string): string[] {
    const files: string[] = [];
    if (this.firstLp) {
      writeFileSync(join(dir, 'milp-model.lp'), this.firstLp);
      files.push('milp-model.lp');
    }
    const lines = ['episode,t,status,method,objective,bound,gap,seconds,note'];
    for (const r of this.log) {
      const s = r.solution;
      lines.push([r.episode, r.t, s?.status ?? '', s?.method ?? '', s?.objective ?? '', s?.bound ?? '', s?.gap ?? '', s?.seconds ?? '', JSON.stringify(r.note ?? '')].join(','));
    }
    writeFileSync(join(dir, 'milp-solves.csv'), `${lines.join('\n')}\n`);
    files.push('milp-solves.csv');
    return files;
  }
}

/** Create a planner: loads the chosen solver's WebAssembly module first. */
export async function createMilpPlanner(ctx: PlannerContext, options: MilpOptions): Promise<MilpPlanner> {
  checkOptions(options);
  const solver = await loadSolver(solverName(options));
  return new MilpPlanner(ctx, options, solver);
}
