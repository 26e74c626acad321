import type { RunSpec } from '@rddl/bench';
import { executeRun } from './execute-run.js';

/** Worker-thread entry for the benchmark pool: one run per task. */
export default function run({ spec, cwd }: { spec: RunSpec; cwd: string }) {
  return executeRun(spec, cwd);
}
