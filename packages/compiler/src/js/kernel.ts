import type { CounterStream } from '@rddl/core';
import type { CompiledModel } from '../compile-model.js';
import { generateSource, type GeneratedSource } from './codegen.js';
import { runtime } from './runtime.js';

/**
 * The compiled transition of a model. Every function takes the arrays
 * (state S, action A, next state N, interm I, observation O), each with the
 * offset of the episode in a lockstep batch, and the episode and step number
 * that key the random draws.
 */
export interface Kernel {
  /** Computes interm, next-state and observation fluents into N, I, O. */
  step(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number): void;
  reward(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number): number;
  /** Index of the first violated invariant of S, or -1. */
  invariants(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number): number;
  /** Index of the first violated precondition of (S, A), or -1. */
  preconditions(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number): number;
  /** Index of the first termination condition that holds in S, or -1. */
  terminal(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number): number;
}

const sources = new WeakMap<CompiledModel, GeneratedSource>();

/** The generated source of a model (generated once per compiled model). */
export function sourceOf(compiled: CompiledModel): GeneratedSource {
  let s = sources.get(compiled);
  if (!s) {
    s = generateSource(compiled);
    sources.set(compiled, s);
  }
  return s;
}

/** Instantiate the kernel of a model with the stream its random draws come from. */
export function createKernel(compiled: CompiledModel, stream: CounterStream): { kernel: Kernel; generated: GeneratedSource } {
  const generated = sourceOf(compiled);
  // The source contains no text from the RDDL file (see codegen.ts), only numbers and generated names.
  const factory = new Function('rt', generated.source) as (rt: unknown) => Kernel;
  const kernel = factory({ ...runtime, stream, groupCount: generated.groupCount });
  return { kernel, generated };
}
