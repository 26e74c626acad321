/** Start-up and per-decision latency of the worker threads (a helper of bench/mcts.ts). */
import { loadavg } from 'node:os';
import { defaultMctsOptions, mctsPlanner } from '@rddl/planner-mcts';
import { compileFiles, CORPUS } from '../test/mcts/support/load.js';

const compiled = compileFiles([`${CORPUS}/IPPC2011/SysAdmin/MDP/domain.rddl`, `${CORPUS}/IPPC2011/SysAdmin/MDP/instance1.rddl`]);
const budget = Number(process.argv[2] ?? 40);
const workers = Number(process.argv[3] ?? 2);
const planner = await mctsPlanner.create({ compiled, seed: 0, budget: { kind: 'iterations', iterations: budget }, workers }, defaultMctsOptions);
let start = performance.now();
await planner.prepare?.();
console.log(`load ${loadavg()[0]!.toFixed(2)} · ${workers} workers start in ${(performance.now() - start).toFixed(0)} ms`);
const out = new Float64Array(compiled.layout.action.size);
const times: number[] = [];
for (let d = 0; d < 10; d++) {
  start = performance.now();
  await planner.act(compiled.initialState, 0, d, out);
  times.push(performance.now() - start);
}
console.log(`decisions of ${budget} iterations: ${times.map((x) => x.toFixed(1)).join(' ')} ms`);
await planner.dispose?.();
