import type { CompiledModel } from '@rddl/compiler';
import { buildActionSet } from './actions.js';
import { analyzeModel, stateNames, type ModelAnalysis } from './analyze.js';
import type { Axis } from './axis.js';
import { drawRules } from './draw-outcomes.js';
import { designGrid, type GridDesign } from './grid-design.js';
import { resolveOptions, type DpOptions } from './options.js';
import { StepEvaluator } from './outcomes.js';
import { copyRows, RowBuilder, rowEntries, type StateRows } from './rows.js';
import { StateLimitError, StateRegistry } from './state-registry.js';

/** The model is beyond what the DP does (with the reason, for `supports`). */
export class DpUnsupportedError extends Error {}

/** The DP would take more work than allowed. */
export class WorkLimitError extends Error {}

/** Transition rows kept in memory at most (entries of next state and probability). */
export const CACHE_ENTRIES = 12_000_000;

export interface Setup {
  readonly analysis: ModelAnalysis;
  readonly options: DpOptions;
  readonly mode: 'exact' | 'grid';
  readonly actions: readonly Float64Array[];
  readonly ev: StepEvaluator;
  readonly design: GridDesign | undefined;
  readonly axes: readonly Axis[];
  readonly gridSize: number;
  readonly registry: StateRegistry;
  readonly rows: RowBuilder;
}

/** Everything the DP needs before it explores states; throws DpUnsupportedError with the reason when it cannot solve the model. */
export function setUp(compiled: CompiledModel, given: Partial<DpOptions> = {}, seed: number | string = 0): Setup {
  const options = resolveOptions(given);
  const analysis = analyzeModel(compiled);
  if (analysis.problems.length > 0) throw new DpUnsupportedError(analysis.problems[0]!);
  const mode = options.mode === 'exact' || analysis.continuous.length === 0 ? 'exact' : 'grid';
  let actions: readonly Float64Array[];
  try {
    actions = buildActionSet(compiled, options).actions;
  } catch (err) {
    throw new DpUnsupportedError((err as Error).message);
  }
  const ev = new StepEvaluator(analysis, drawRules({ ...options, seed }));
  let design: GridDesign | undefined;
  if (mode === 'grid') {
    try {
      design = designGrid(analysis, ev, actions, options);
    } catch (err) {
      throw new DpUnsupportedError((err as Error).message);
    }
  }
  const axes = design?.axes ?? [];
  const gridSize = axes.reduce((n, a) => n * a.coords.length, 1);
  const discrete = mode === 'exact' ? compiled.layout.state.fluents.map((_, i) => i) : analysis.discrete;
  const registry = new StateRegistry(compiled, discrete);
  const strict = options.grid === 'das' || options.quadrature === 'grid';
  const rows = new RowBuilder(analysis, ev, registry, axes, design?.quadrature ?? 'hermite', actions, options.outcomeLimit, strict);
  return { analysis, options, mode, actions, ev, design, axes, gridSize, registry, rows };
}

/** Put discrete state `id` at grid point `g` into the evaluator's state. */
export function loadState(s: Pick<Setup, 'ev' | 'registry' | 'axes'>, id: number, g: number): void {
  s.registry.write(id, s.ev.S);
  let rest = g;
  for (let k = s.axes.length - 1; k >= 0; k--) {
    const axis = s.axes[k]!;
    const n = axis.coords.length;
    s.ev.S[axis.index] = axis.values[rest % n]!;
    rest = Math.floor(rest / n);
  }
}

/** Rows of (id, g), cached within the memory budget. */
export class RowStore {
  private readonly cache = new Map<number, StateRows>();
  private entries = 0;
  constructor(
    private readonly s: Setup,
    private readonly budget: number,
  ) {}

  get(id: number, g: number, keep: boolean): StateRows {
    const key = id * this.s.gridSize + g;
    const hit = this.cache.get(key);
    if (hit) return hit;
    loadState(this.s, id, g);
    const rows = this.s.rows.build();
    const size = rowEntries(rows);
    if (keep && this.entries + size <= this.budget) {
      this.cache.set(key, copyRows(rows));
      this.entries += size;
    }
    return rows;
  }
}

export function checkLimits(s: Setup, step: number, perState = 0): void {
  const states = s.registry.size * s.gridSize;
  if (states > s.options.stateLimit) {
    const grid = s.gridSize > 1 ? `(${s.registry.size} discrete states times ${s.gridSize} grid points) ` : '';
    const nominal = Number.isFinite(s.registry.nominal) ? `; the ranges of its ${s.registry.width} discrete state fluents allow ${s.registry.nominal.toExponential(3)} discrete states` : '';
    throw new StateLimitError(s.options.stateLimit, states, `${grid}reachable within ${step} of ${s.analysis.compiled.horizon} steps${nominal}`);
  }
  // Every state found must be expanded at least once: stop as soon as that alone exceeds the limit.
  const least = Math.max(s.rows.work, states * perState);
  if (least > s.options.workLimit) {
    throw new WorkLimitError(`solving needs more than ${least.toExponential(2)} outcome evaluations (${states} states found within ${step} step${step === 1 ? '' : 's'} so far) against a limit of ${s.options.workLimit.toExponential(2)} (option workLimit)`);
  }
}

export function terminal(s: Pick<Setup, 'ev'>): boolean {
  const ev = s.ev;
  return ev.analysis.compiled.terminations.length > 0 && ev.program.terminal(ev.S, ev.A, ev.N, ev.I);
}

/** The state (id, g) in words, for messages. */
export function describe(s: Pick<Setup, 'analysis' | 'ev' | 'registry' | 'axes'>, id: number, g: number): string {
  loadState(s, id, g);
  const compiled = s.analysis.compiled;
  const names = stateNames(compiled, compiled.layout.state.fluents.map((_, i) => i));
  return `the state ${names.map((n, i) => `${n}=${s.ev.S[i]}`).join(', ')}`;
}

