import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rddl } from '../support/cli.js';

test('rddl solve --planner dp: Das grid value as a statistic, the simulated return, and the tables and heatmap with --out', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rddl-dp-'));
  try {
    const run = await rddl(['solve', 'domains/gbwm.rddl', '--planner', 'dp', '--option', 'grid=das', '--episodes', '2000', '--seed', '1', '--no-baselines', '--json', '--out', dir]);
    t.is(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { planner: string; meanReturn: number; ci95: number; stats: Record<string, string | number> };
    t.is(report.planner, 'dp');
    t.is(report.stats['value at initial state'], '0.6652307');
    t.regex(String(report.stats['mode']), /^Das grid, wealth: 200 log points 21\.8761\.\.1280\.17/);
    t.true(Math.abs(report.meanReturn - 0.6652) < 3 * report.ci95, String(report.meanReturn));

    const value = readFileSync(join(dir, 'dp-value.csv'), 'utf8').trim().split('\n');
    t.is(value[0], 'step,period,wealth,value');
    t.is(value.length, 1 + 10 * 200);
    const policy = readFileSync(join(dir, 'dp-policy.csv'), 'utf8').trim().split('\n');
    t.is(policy[0], 'step,period,wealth,portfolio_choice,action');
    // Step 0, the grid point just above W0 = 100 (101.39952): portfolio 13.
    const row = policy.find((l) => l.startsWith('0,0,101.399'));
    t.regex(row ?? '', /,13,portfolio_choice=13$/);
    const svg = readFileSync(join(dir, 'dp-policy.svg'), 'utf8');
    t.true(svg.startsWith('<svg'));
    t.true(svg.includes('portfolio_choice=13'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rddl solve --planner auto picks dp for gbwm and reports the converged value', async (t) => {
  const run = await rddl(['solve', 'domains/gbwm.rddl', '--episodes', '200', '--no-baselines', '--json']);
  t.is(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { planner: string; stats: Record<string, string> };
  t.is(report.planner, 'dp');
  t.true(Math.abs(Number(report.stats['value at initial state']) - 0.67023) <= 0.001);
});

test('rddl solve --planner dp says why it cannot solve a model, and checks its options', async (t) => {
  const refused = await rddl(['solve', 'domains/gbwm.rddl', '--planner', 'dp', '--option', 'stateLimit=500', '--episodes', '10']);
  t.is(refused.code, 1);
  t.regex(refused.stderr, /planner 'dp' cannot handle this model: the model has more than 500 states \(option stateLimit\)/);
  const unknown = await rddl(['solve', 'domains/gbwm.rddl', '--planner', 'dp', '--option', 'grid=fine', '--episodes', '10']);
  t.not(unknown.code, 0);
  t.regex(unknown.stderr, /option grid must be one of auto, das/);
});
