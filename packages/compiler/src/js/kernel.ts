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
  step(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number, st: CounterStream): void;
  reward(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number, st: CounterStream): number;
  /** Index of the first violated invariant of S, or -1. */
  invariants(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number, st: CounterStream): number;
  /** Index of the first violated precondition of (S, A), or -1. */
  preconditions(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number, st: CounterStream): number;
  /** Index of the first termination condition that holds in S, or -1. */
  terminal(S: Float64Array, so: number, A: Float64Array, ao: number, N: Float64Array, no: number, I: Float64Array, io: number, O: Float64Array, oo: number, ep: number, t: number, st: CounterStream): number;
}

const sources = new WeakMap<CompiledModel, GeneratedSource>();
const kernels = new WeakMap<CompiledModel, Kernel>();

/** The generated source of a model (generated once per compiled model). */
export function sourceOf(compiled: CompiledModel): GeneratedSource {
  let s = sources.get(compiled);
  if (!s) {
    s = generateSource(compiled);
    sources.set(compiled, s);
  }
  return s;
}

/**
 * The kernel of a model: instantiated once per compiled model and shared by
 * every simulator of it (each passes its own random stream), so code V8 has
 * optimised is never thrown away. Its scratch buffers are only used within
 * one call, which JavaScript never interleaves.
 */
export function createKernel(compiled: CompiledModel): { kernel: Kernel; generated: GeneratedSource } {
  const generated = sourceOf(compiled);
  let kernel = kernels.get(compiled);
  if (!kernel) {
    // The source contains no text from the RDDL file (see codegen.ts), only numbers and generated names.
    const factory = new Function('rt', generated.source) as (rt: unknown) => Kernel;
    kernel = factory({ ...runtime, groupCount: generated.groupCount });
    kernels.set(compiled, kernel);
  }
  return { kernel, generated };
}
