import type { CompiledModel } from '@rddl/compiler';

/**
 * MCTS needs nothing but the simulator: every action kind (bool, int, enum,
 * object, real), numeric state, every distribution, terminations and
 * preconditions. It refuses nothing the compiler accepts.
 */
export function mctsSupports(_compiled: CompiledModel): string | undefined {
  return undefined;
}
