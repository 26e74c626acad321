import type { Span } from '@rddl/core';
import type { Site } from '@rddl/compiler';
import type { UnaryFunctionName } from '@rddl/model';
import type { Construct } from '../relaxations.js';

/**
 * The step program: one simulation step of the relaxed model as a list of
 * vector instructions, lowered from the IR. A register holds `width` lanes
 * (groundings stacked side by side) of `batch` scenarios each; a register of
 * width 1 used where more lanes are expected stands for identical lanes
 * (broadcast). Both differentiable backends read this program: the compiled
 * one generates float64 loops and their adjoint from it, the TensorFlow.js one
 * builds one tensor operation per instruction.
 */
export interface Reg {
  readonly id: number;
  readonly width: number;
  /** Its value depends on the actions: the backward pass computes its adjoint. */
  readonly grad: boolean;
}

export interface Src {
  readonly reg: Reg;
  readonly lane: number;
}

/** How an instruction is relaxed when it carries a gradient (`exact` when it does not). */
export interface Relax {
  readonly construct: Construct;
  readonly method: string;
  readonly weight: number;
}

export type UnaryFn = 'neg' | 'not' | UnaryFunctionName;

export type BinaryFn =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'and'
  | 'or'
  | 'implies'
  | 'equiv'
  | 'eq'
  | 'neq'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'pow'
  | 'log'
  | 'hypot'
  | 'min'
  | 'max'
  | 'idiv'
  | 'mod'
  | 'fmod';

export type ReduceFn = 'sum' | 'prod' | 'min' | 'max' | 'all' | 'any';

interface Base {
  readonly out: Reg;
  /** Where it came from in the RDDL (first lane), for --explain. */
  readonly span: Span | undefined;
}

export type Instr =
  | (Base & { readonly kind: 'const'; readonly values: readonly number[] })
  /** Lanes copied from other registers (stacking, reordering, reading fluents). */
  | (Base & { readonly kind: 'pick'; readonly from: readonly Src[] })
  | (Base & { readonly kind: 'unary'; readonly fn: UnaryFn; readonly a: Reg; readonly relax: Relax | undefined })
  | (Base & { readonly kind: 'binary'; readonly fn: BinaryFn; readonly a: Reg; readonly b: Reg; readonly relax: Relax | undefined })
  /** Lane w of the output combines lanes w*group .. w*group+group-1 of `a`. */
  | (Base & { readonly kind: 'reduce'; readonly fn: ReduceFn; readonly a: Reg; readonly group: number; readonly relax: Relax | undefined })
  /** c ? t : e, as c t + (1 - c) e when relaxed. */
  | (Base & { readonly kind: 'if'; readonly c: Reg; readonly t: Reg; readonly e: Reg; readonly relaxed: boolean })
  /** options[w*k + index[w]]. */
  | (Base & { readonly kind: 'select'; readonly index: Reg; readonly options: Reg; readonly k: number; readonly relax: Relax | undefined })
  | (Base & { readonly kind: 'argext'; readonly fn: 'argmin' | 'argmax'; readonly a: Reg; readonly k: number; readonly relax: Relax | undefined })
  /** A scalar draw per lane: noise lanes noise .. noise+width-1 of the step's noise block. */
  | (Base & { readonly kind: 'sample'; readonly dist: string; readonly args: readonly Reg[]; readonly noise: number; readonly relax: Relax | undefined })
  /** A categorical draw per lane from k (unnormalised) probabilities: noise lanes noise + w*k + i hold Gumbel draws. */
  | (Base & { readonly kind: 'discrete'; readonly probs: Reg; readonly k: number; readonly noise: number; readonly relax: Relax | undefined });

/** What the base noise of a noise lane is: a standard normal, a uniform in (0, 1), or a standard Gumbel. */
export type NoiseKind = 'normal' | 'uniform' | 'gumbel';

export interface NoiseLane {
  readonly site: Site;
  /** Which draw of the site (Discrete uses one per category). */
  readonly draw: number;
  readonly kind: NoiseKind;
}

/** One step of the relaxed model. */
export interface StepProgram {
  readonly regs: readonly Reg[];
  readonly instrs: readonly Instr[];
  /** Input registers filled before the step: the state (all state fluents) and the action (all action fluents). */
  readonly state: Reg;
  readonly action: Reg;
  /** Outputs: the next state (all state fluents), the reward, the penalty and the termination indicator (width 1). */
  readonly next: Reg;
  readonly reward: Reg;
  readonly penalty: Reg | undefined;
  readonly terminal: Reg | undefined;
  readonly noise: readonly NoiseLane[];
}
