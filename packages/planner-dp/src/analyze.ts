import { formatLocation } from '@rddl/core';
import { irChildren, type CompiledModel, type GroundCpf, type IrNode } from '@rddl/compiler';

/** A random draw of the model: where it is and what it draws. */
export interface RandomNode {
  /** Index in `ModelAnalysis.random` (the generated code passes it to the draw hook). */
  readonly k: number;
  readonly node: Extract<IrNode, { op: 'sample' | 'discrete' }>;
  /** Distribution name (`Discrete` for discrete nodes). */
  readonly dist: string;
}

/**
 * What the DP needs to know about a compiled model: which state fluents are
 * discrete and which continuous, which CPFs depend on random draws (those
 * are re-evaluated for every outcome, the others once per state and action),
 * and what it cannot handle, with the place in the RDDL source.
 */
export interface ModelAnalysis {
  readonly compiled: CompiledModel;
  /** Next-state and interm CPFs in evaluation order (observations are not needed). */
  readonly cpfs: readonly GroundCpf[];
  /** Per entry of `cpfs`: depends on a random draw. */
  readonly noisy: readonly boolean[];
  readonly rewardNoisy: boolean;
  readonly random: readonly RandomNode[];
  /** State indices of bool, enum/object and int fluents. */
  readonly discrete: readonly number[];
  /** State indices of real fluents. */
  readonly continuous: readonly number[];
  /** Constructs the DP cannot evaluate, each with its source location. */
  readonly problems: readonly string[];
  /** Interm and next-state indices whose CPF depends on a draw. */
  readonly noisyInterm: ReadonlySet<number>;
  readonly noisyNext: ReadonlySet<number>;
}

/**
 * Whether `n` depends on the draws only through the next values of the
 * given state fluents (then it can be evaluated with those values set,
 * without re-running the step).
 */
export function noisyOnlyThrough(analysis: ModelAnalysis, n: IrNode, stateIndices: ReadonlySet<number>): boolean {
  if (isRandom(n)) return false;
  if (n.op === 'ref') {
    if (n.space === 'interm') return !analysis.noisyInterm.has(n.index);
    if (n.space === 'next') return !analysis.noisyNext.has(n.index) || stateIndices.has(n.index);
    return true;
  }
  return irChildren(n).every((c) => noisyOnlyThrough(analysis, c, stateIndices));
}

/** Draws that are not random at all. */
export const DETERMINISTIC_DRAWS: ReadonlySet<string> = new Set(['KronDelta', 'DiracDelta']);

export function isRandom(n: IrNode): n is Extract<IrNode, { op: 'sample' | 'discrete' }> {
  return n.op === 'discrete' || (n.op === 'sample' && !DETERMINISTIC_DRAWS.has(n.dist));
}

export function analyzeModel(compiled: CompiledModel): ModelAnalysis {
  const problems: string[] = [];
  const random: RandomNode[] = [];
  const seen = new Set<IrNode>();
  const noisyInterm = new Set<number>();
  const noisyNext = new Set<number>();

  // Whether a node depends on a draw; registers draws and unsupported constructs on the way.
  const visit = (n: IrNode): boolean => {
    let noisy = false;
    if (isRandom(n)) {
      if (!seen.has(n)) {
        seen.add(n);
        random.push({ k: random.length, node: n, dist: n.op === 'discrete' ? 'Discrete' : n.dist });
      }
      noisy = true;
    } else if (n.op === 'vector-component' || n.op === 'matrix-entry' || n.op === 'det') {
      const what = n.op === 'vector-component' ? `the multivariate distribution ${n.group.dist}` : n.op === 'det' ? 'a determinant' : `the matrix function ${n.group.fn}`;
      problems.push(`${what} at ${formatLocation(n.span)} (dynamic programming handles scalar expressions only)`);
    } else if (n.op === 'ref') {
      if (n.space === 'observ') problems.push(`an observation fluent read at ${formatLocation(n.span)}`);
      if (n.space === 'interm' && noisyInterm.has(n.index)) noisy = true;
      if (n.space === 'next' && noisyNext.has(n.index)) noisy = true;
    }
    for (const c of irChildren(n)) if (visit(c)) noisy = true;
    return noisy;
  };

  const cpfs = compiled.cpfs.filter((c) => c.space !== 'observ');
  const noisy = cpfs.map((c) => {
    const isNoisy = visit(c.expr);
    if (isNoisy) (c.space === 'next' ? noisyNext : noisyInterm).add(c.index);
    return isNoisy;
  });
  const rewardNoisy = visit(compiled.reward);
  for (const p of compiled.preconditions) {
    if (visit(p.expr)) problems.push(`the action precondition at ${formatLocation(p.condition.span)} depends on a random draw`);
  }
  for (const t of compiled.terminations) visit(t.expr);

  const discrete: number[] = [];
  const continuous: number[] = [];
  compiled.layout.state.fluents.forEach((f, i) => (f.pvariable.range.kind === 'real' ? continuous : discrete).push(i));
  return { compiled, cpfs, noisy, rewardNoisy, random, discrete, continuous, problems, noisyInterm, noisyNext };
}

/** Ground names of state fluents, for messages. */
export function stateNames(compiled: CompiledModel, indices: readonly number[]): string[] {
  return indices.map((i) => compiled.layout.state.fluents[i]!.name);
}
