/**
 * Paired differences of per-episode returns written by `rddl solve --out`
 * (a helper of bench/mcts.ts): planner A of one returns.csv against planner B
 * of another (or the same), episode by episode, with the 95% CI.
 *
 *   node --import ./scripts/register-ts.mjs bench/mcts-pair.ts DIR_A/returns.csv mcts DIR_B/returns.csv constant
 */
import { readFileSync } from 'node:fs';
import { pairedDifference } from '@rddl/sim';

function returns(file: string, planner: string): Float64Array {
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const mine = rows.filter((r) => r[0] === planner).sort((a, b) => Number(a[1]) - Number(b[1]));
  if (mine.length === 0) throw new Error(`no returns of '${planner}' in ${file}`);
  return Float64Array.from(mine, (r) => Number(r[2]));
}

const [fileA, plannerA, fileB, plannerB] = process.argv.slice(2);
if (!fileA || !plannerA || !fileB || !plannerB) {
  console.error('usage: bench/mcts-pair.ts A.csv plannerA B.csv plannerB');
  process.exit(2);
}
const a = returns(fileA, plannerA);
const b = returns(fileB, plannerB);
if (a.length !== b.length) throw new Error(`${a.length} episodes against ${b.length}: run both with the same --episodes and --seed`);
const d = pairedDifference(a, b);
const verdict = d.mean - d.ci95 > 0 ? `${plannerA} better (95%)` : d.mean + d.ci95 < 0 ? `${plannerA} worse (95%)` : 'no difference at 95%';
console.log(`${plannerA} − ${plannerB} over ${d.n} paired episodes: ${d.mean.toPrecision(4)} ± ${d.ci95.toPrecision(4)} (95% CI)  ${verdict}`);
