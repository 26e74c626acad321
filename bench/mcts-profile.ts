/** One long search on a corpus instance, for profiling the planner with --cpu-prof (a helper of bench/mcts.ts). */
import { defaultMctsOptions, TreeSearch } from '@rddl/planner-mcts';
import { compileFiles, CORPUS } from '../test/mcts/support/load.js';

const dir = process.argv[2] ?? 'IPPC2011/SysAdmin';
const budget = Number(process.argv[3] ?? 20000);
const compiled = compileFiles([`${CORPUS}/${dir}/MDP/domain.rddl`, `${CORPUS}/${dir}/MDP/instance1.rddl`]);
const search = new TreeSearch(compiled, defaultMctsOptions, 0, 0);
const result = search.search({ state: compiled.initialState, t: 0, episode: 0, previous: undefined, budget: { kind: 'iterations', iterations: budget } });
console.log(`${dir}: ${result.iterations} iterations in ${result.seconds.toFixed(2)} s = ${(result.iterations / result.seconds).toFixed(0)} rollouts/s, ${result.nodes} nodes`);
