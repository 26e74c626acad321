/**
 * The options of the MCTS planner, their defaults and their checks.
 * docs/planners/mcts.md explains each one; keep the two in step.
 */
export interface MctsOptions {
  /**
   * UCB1 exploration constant c. A child's score is
   * `mean + c · (Rmax − Rmin) · sqrt(ln N / n)`, where Rmax − Rmin is the spread of the
   * returns seen through the node, so c means the same whatever the scale of the rewards.
   */
  readonly exploration: number;
  /** Steps an iteration looks ahead from the root (tree and rollout together), at most to the horizon; 0 = to the horizon. */
  readonly lookahead: number;
  /** Policy of the rollouts after the tree: `random` (the random baseline's draws) or `noop`. */
  readonly rollout: 'random' | 'noop';
  /** Most steps one rollout simulates (0 = to the end of the lookahead); the leaf estimate covers the rest. */
  readonly rolloutDepth: number;
  /** What a rollout cut short by `rolloutDepth` adds for the remaining steps: `none`, or `extrapolate` (its mean reward per step). */
  readonly leafEstimate: 'none' | 'extrapolate';
  /** The action played: `visits` (most visited root action) or `mean` (best mean return). */
  readonly recommend: 'visits' | 'mean';
  /** Real-valued actions: `grid` (bounds in steps of `gridStep`) or `widening` (uniform draws within the bounds, progressive widening). */
  readonly realActions: 'grid' | 'widening';
  /** Step of the grid of real actions (the FinRDDL paper used 0.1). */
  readonly gridStep: number;
  /** Most values tried per numeric action (grid points or integers); a wider range gets this many evenly spaced values. */
  readonly maxValuesPerAction: number;
  /** Half-width around the default for a side of a numeric action that no precondition bounds. */
  readonly unboundedWidth: number;
  /** Joint action spaces up to this size are expanded in full; larger ones (or real actions with `widening`) are sampled. */
  readonly enumerateLimit: number;
  /** Progressive widening of sampled action spaces: a node visited n times has at most ceil(k · n^alpha) actions. */
  readonly actionWideningK: number;
  readonly actionWideningAlpha: number;
  /** Chance nodes: `dpw` (closed loop over next states with double progressive widening) or `open-loop` (action sequences). */
  readonly chance: 'dpw' | 'open-loop';
  /** Double progressive widening: a chance node visited n times has at most ceil(k · n^alpha) next states. */
  readonly outcomeWideningK: number;
  readonly outcomeWideningAlpha: number;
  /** Keep the subtree the real step reached for the next decision. */
  readonly reuseTree: boolean;
  /** The n-th evaluation of every root action uses the same random draws (common random numbers). */
  readonly commonRandomNumbers: boolean;
  /** Samples used to merge root actions with the same effect (same reward and next state on every sample); 0 = never merge. */
  readonly equivalenceSamples: number;
  /** Draws before a sampled action or rollout action that violates the preconditions is given up. */
  readonly attempts: number;
}

export const defaultMctsOptions: MctsOptions = {
  exploration: 1,
  lookahead: 40,
  rollout: 'random',
  rolloutDepth: 0,
  leafEstimate: 'none',
  recommend: 'visits',
  realActions: 'grid',
  gridStep: 0.1,
  maxValuesPerAction: 21,
  unboundedWidth: 1,
  enumerateLimit: 1000,
  actionWideningK: 2,
  actionWideningAlpha: 0.5,
  chance: 'dpw',
  outcomeWideningK: 1,
  outcomeWideningAlpha: 0.5,
  reuseTree: true,
  commonRandomNumbers: true,
  equivalenceSamples: 4,
  attempts: 100,
};

const choices: Partial<Record<keyof MctsOptions, readonly string[]>> = {
  rollout: ['random', 'noop'],
  leafEstimate: ['none', 'extrapolate'],
  recommend: ['visits', 'mean'],
  realActions: ['grid', 'widening'],
  chance: ['dpw', 'open-loop'],
};

/** Defaults filled in and every value checked; throws an Error that names the option and what it takes. */
export function resolveOptions(given: Partial<MctsOptions>): MctsOptions {
  const o = { ...defaultMctsOptions, ...given } as MctsOptions;
  for (const [key, allowed] of Object.entries(choices)) {
    const v = o[key as keyof MctsOptions];
    if (typeof v !== 'string' || !allowed.includes(v)) throw new Error(`mcts option '${key}' takes ${allowed.join(' or ')}, not ${JSON.stringify(v)}`);
  }
  const number = (key: keyof MctsOptions, ok: (v: number) => boolean, what: string) => {
    const v = o[key];
    if (typeof v !== 'number' || !ok(v)) throw new Error(`mcts option '${key}' takes ${what}, not ${JSON.stringify(v)}`);
  };
  const count = (v: number) => Number.isInteger(v) && v >= 0;
  number('exploration', (v) => v >= 0 && Number.isFinite(v), 'a number >= 0');
  number('lookahead', count, 'a whole number >= 0 (0 = to the horizon)');
  number('rolloutDepth', count, 'a whole number >= 0 (0 = to the lookahead)');
  number('gridStep', (v) => v > 0 && Number.isFinite(v), 'a number > 0');
  number('maxValuesPerAction', (v) => Number.isInteger(v) && v >= 2, 'a whole number >= 2');
  number('unboundedWidth', (v) => v > 0 && Number.isFinite(v), 'a number > 0');
  number('enumerateLimit', count, 'a whole number >= 0');
  number('actionWideningK', (v) => v > 0 && Number.isFinite(v), 'a number > 0');
  number('actionWideningAlpha', (v) => v >= 0 && v <= 1, 'a number in [0, 1]');
  number('outcomeWideningK', (v) => v > 0 && Number.isFinite(v), 'a number > 0');
  number('outcomeWideningAlpha', (v) => v >= 0 && v <= 1, 'a number in [0, 1]');
  number('equivalenceSamples', count, 'a whole number >= 0');
  number('attempts', (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  for (const key of ['reuseTree', 'commonRandomNumbers'] as const) {
    if (typeof o[key] !== 'boolean') throw new Error(`mcts option '${key}' takes true or false, not ${JSON.stringify(o[key])}`);
  }
  const unknown = Object.keys(given).filter((k) => !(k in defaultMctsOptions));
  if (unknown.length > 0) throw new Error(`mcts has no option '${unknown[0]}' (options: ${Object.keys(defaultMctsOptions).join(', ')})`);
  return o;
}
