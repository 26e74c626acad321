import { parseRelaxations, type RelaxationTable } from './relaxations.js';

export type BackendName = 'compiled' | 'tfjs' | 'tfjs-node' | 'tfjs-wasm' | 'tfjs-cpu';
export type OptimizerName = 'adam' | 'rmsprop';
export type BoxMethod = 'projection' | 'sigmoid';
export type InitMethod = 'noop' | 'center' | 'random';

/** Options of the gradient planner (`rddl solve --planner gradient --option key=value`). */
export interface GradientOptions {
  /** Differentiable backend: `compiled` (float64 forward pass and adjoint generated from the IR) or TensorFlow.js (`tfjs` = native, else wasm, else cpu). */
  readonly backend: BackendName;
  /** Scenarios (sampled futures) per iteration. */
  readonly batch: number;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** Draw a fresh scenario batch every this many iterations; 0 = one fixed batch. The batch is shared by every action of an iteration (common random numbers). */
  readonly resample: number;
  /** 0: one straight-line plan computed once; k > 0: re-optimise from the current state every k steps, warm-started. */
  readonly replan: number;
  /** Steps planned ahead when replanning; 0 = to the horizon. */
  readonly lookahead: number;
  /** Bounded real actions: clip to the box after each step (`projection`) or map through a sigmoid (`sigmoid`). */
  readonly boxMethod: BoxMethod;
  /** Initial plan: the noop action (clipped into the bounds), the centre of the bounds, or uniform in them. */
  readonly init: InitMethod;
  /** Relaxation overrides `construct=method[:weight],...`, or the preset `default` / `smooth` (see docs/planners/gradient.md). */
  readonly relax: string;
  /** Weight of the penalty on violated preconditions and invariants (sum of violation amounts). */
  readonly penalty: number;
  /** List which expressions are relaxed and how (in the stats, and as progress messages). */
  readonly explain: boolean;
  /** Iterations between progress messages (loss per iteration). */
  readonly progressEvery: number;
  /** Largest rollout tape kept in memory (MiB); above it each step is recomputed in the backward pass. */
  readonly tapeMiB: number;
}

export const gradientDefaults: GradientOptions = {
  backend: 'compiled',
  batch: 32,
  optimizer: 'adam',
  learningRate: 0.03,
  resample: 1,
  replan: 0,
  lookahead: 0,
  boxMethod: 'projection',
  init: 'noop',
  relax: 'default',
  penalty: 100,
  explain: false,
  progressEvery: 10,
  tapeMiB: 256,
};

/** Checked options: the relaxation table parsed. Throws with what is wrong. */
export interface ResolvedOptions extends GradientOptions {
  readonly relaxations: RelaxationTable;
}

const choice = <T extends string>(name: string, value: string, allowed: readonly T[]): T => {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`option ${name} must be one of ${allowed.join(', ')}, not '${value}'`);
  return value as T;
};

const count = (name: string, value: number, min: number): number => {
  if (!Number.isInteger(value) || value < min) throw new Error(`option ${name} must be a whole number >= ${min}, not ${value}`);
  return value;
};

const positive = (name: string, value: number): number => {
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`option ${name} must be a positive number, not ${value}`);
  return value;
};

export function resolveOptions(options: Partial<GradientOptions>): ResolvedOptions {
  const o = { ...gradientDefaults, ...options };
  return {
    backend: choice('backend', o.backend, ['compiled', 'tfjs', 'tfjs-node', 'tfjs-wasm', 'tfjs-cpu']),
    batch: count('batch', o.batch, 1),
    optimizer: choice('optimizer', o.optimizer, ['adam', 'rmsprop']),
    learningRate: positive('learningRate', o.learningRate),
    resample: count('resample', o.resample, 0),
    replan: count('replan', o.replan, 0),
    lookahead: count('lookahead', o.lookahead, 0),
    boxMethod: choice('boxMethod', o.boxMethod, ['projection', 'sigmoid']),
    init: choice('init', o.init, ['noop', 'center', 'random']),
    relax: o.relax,
    penalty: o.penalty >= 0 && Number.isFinite(o.penalty) ? o.penalty : positive('penalty', o.penalty),
    explain: o.explain === true,
    progressEvery: count('progressEvery', o.progressEvery, 0),
    tapeMiB: positive('tapeMiB', o.tapeMiB),
    relaxations: parseRelaxations(o.relax),
  };
}
