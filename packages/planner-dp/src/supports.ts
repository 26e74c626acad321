import type { CompiledModel } from '@rddl/compiler';
import { DrawError } from './draw-outcomes.js';
import { DpOptionError, type DpOptions } from './options.js';
import { OutcomeLimitError } from './outcomes.js';
import { DpModelError } from './rows.js';
import { DpUnsupportedError, WorkLimitError } from './setup.js';
import type { DpSolution } from './solution.js';
import { solveDp } from './solve.js';
import { StateLimitError, ValueCountError } from './state-registry.js';

/**
 * Whether the DP solves the model (with the default options unless given):
 * undefined reason and the solution when it does (the CLI then reuses it),
 * else why not (the construct and its line, or the size found against the
 * limit).
 */
export function whyUnsupported(compiled: CompiledModel, options: Partial<DpOptions> = {}): { reason: string | undefined; solution?: DpSolution } {
  try {
    return { reason: undefined, solution: solveDp(compiled, options) };
  } catch (err) {
    if (err instanceof OutcomeLimitError) return { reason: `${err.message} (option outcomeLimit)` };
    if (err instanceof StateLimitError || err instanceof ValueCountError || err instanceof DpUnsupportedError || err instanceof WorkLimitError || err instanceof DrawError || err instanceof DpModelError || err instanceof DpOptionError) {
      return { reason: err.message };
    }
    throw err;
  }
}
