import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluatePolicy, noopPolicy, SimulationError } from '@rddl/sim';
import { corpusRoot, loadInstance, render } from '../support/sim-helpers.js';

// The noop policy against the Java reference simulator (rddlsim): for every
// row of ../shared/corpus/reference-noop.csv, 200 seeded episodes through the
// real pipeline (parseRddl → collectProgram → buildModel({instance}) →
// compileModel → evaluatePolicy(noopPolicy)). The mean return must lie within
// 4 combined standard errors of the reference mean; deterministic rows (both
// standard errors 0) must agree to 1e-9 relative.

const EPISODES = 200;
const SEED = 1;
const csvPath = join(corpusRoot, 'reference-noop.csv');

interface Row {
  readonly domainFile: string;
  readonly instanceFile: string;
  readonly instanceName: string;
  readonly mean: number;
  readonly standardError: number;
}

function readRows(): Row[] {
  if (!existsSync(corpusRoot)) throw new Error(`RDDL corpus not found at ${corpusRoot} (expected ../shared/corpus beside the repository)`);
  if (!existsSync(csvPath)) throw new Error(`reference results not found at ${csvPath}`);
  const [header, ...lines] = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
  const columns = header!.split(',');
  const col = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`${csvPath} has no column '${name}' (columns: ${columns.join(', ')})`);
    return i;
  };
  const [d, i, n, m, se, policy] = ['domain_file', 'instance_file', 'instance_name', 'mean_return', 'stderr', 'policy'].map(col) as [number, number, number, number, number, number];
  return lines.map((line) => {
    const f = line.split(',');
    if (f[policy] !== 'noop') throw new Error(`unexpected policy in ${line}`);
    return { domainFile: f[d]!, instanceFile: f[i]!, instanceName: f[n]!, mean: Number(f[m]), standardError: Number(f[se]) };
  });
}

/** The agreement rule of the brief: 4 combined standard errors, or 1e-9 relative for deterministic rows. */
function tolerance(ours: number, reference: number, referenceValue: number): number {
  return Math.max(4 * Math.sqrt(ours ** 2 + reference ** 2), 1e-9 * Math.max(1, Math.abs(referenceValue)));
}

test('the reference table is read, and the tolerance rule is what the brief says', (t) => {
  const rows = readRows();
  t.true(rows.length > 0, 'reference-noop.csv has rows');
  t.true(rows.every((r) => Number.isFinite(r.mean) && Number.isFinite(r.standardError) && r.standardError >= 0));
  t.is(tolerance(0, 0, -250), 1e-9 * 250);
  t.is(tolerance(0, 0, 0.5), 1e-9);
  t.is(tolerance(3, 4, 1e6), 20);
});

test(`noop mean returns agree with the Java reference simulator (${EPISODES} episodes, seed ${SEED})`, (t) => {
  const rows = readRows();
  const disagreements: string[] = [];
  let agree = 0;
  for (const row of rows) {
    const label = `${row.instanceFile} (${row.instanceName})`;
    const loaded = loadInstance([join(corpusRoot, row.domainFile), join(corpusRoot, row.instanceFile)], row.instanceName);
    if (loaded.stage !== 'ok') {
      disagreements.push(`${label}: does not ${loaded.stage === 'model' ? 'build' : 'compile'}\n${render(loaded.diagnostics.filter((x) => x.severity === 'error'))}`);
      continue;
    }
    const compiled = loaded.compiled;
    let result;
    try {
      result = evaluatePolicy(compiled, noopPolicy(compiled), { episodes: EPISODES, seed: SEED });
    } catch (err) {
      if (!(err instanceof SimulationError)) throw err;
      disagreements.push(`${label}: ${err.diagnostic.code} ${err.message}`);
      continue;
    }
    const ours = result.summary;
    const allowed = tolerance(ours.standardError, row.standardError, row.mean);
    const diff = Math.abs(ours.mean - row.mean);
    if (diff <= allowed) agree++;
    else disagreements.push(`${label}: ours ${ours.mean} ± ${ours.standardError}, reference ${row.mean} ± ${row.standardError} (|diff| ${diff} > ${allowed})`);
  }
  t.log(`${agree}/${rows.length} reference rows agree`);
  t.deepEqual(disagreements, []);
  t.is(agree, rows.length);
});
