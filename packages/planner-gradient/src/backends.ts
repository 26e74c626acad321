import { CompiledRollout } from './compiled/compiled-rollout.js';
import type { BackendName } from './options.js';
import type { StepProgram } from './program/types.js';
import type { DifferentiableRollout, RolloutSettings } from './rollout.js';

/**
 * A differentiable rollout of the step program on the chosen backend.
 * TensorFlow.js is imported only here, and only when asked for.
 */
export async function createRollout(backend: BackendName, program: StepProgram, settings: RolloutSettings, tapeBytes: number): Promise<DifferentiableRollout> {
  if (backend === 'compiled') return new CompiledRollout(program, settings, tapeBytes);
  const { loadTensorFlow } = await import('./tfjs/load.js');
  const { TfRollout } = await import('./tfjs/tf-rollout.js');
  const tf = await loadTensorFlow(backend);
  return new TfRollout(tf, program, settings);
}
