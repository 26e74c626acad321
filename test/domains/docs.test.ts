import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rddl } from '../support/cli.js';
import { repoRoot } from './helpers.js';

// Every page of docs/domains states its reference figures and the commands
// that reproduce them; every `rddl simulate` command and every `rddl solve
// --planner constant` command of the pages runs (in-process, through runCli)
// and its mean return agrees with the figure it stands for. The other `rddl
// solve` commands (the automatic planner, minutes of search) are not run here.

/** Episodes are capped at this many (the pages ask for up to 100,000; the figure check widens with the standard error). */
const EPISODE_CAP = 1000;

/**
 * The figure each command reproduces: the expected mean return (with the
 * standard error of a documented simulated figure, 0 for closed forms), or
 * null for a command that only has to run. A command missing here fails the
 * test: add it with its figure.
 */
const FIGURES: Record<string, { value: number; se: number } | null> = {
  'rddl simulate domains/asset_allocation.rddl instances/asset_allocation_1.rddl --policy noop --episodes 200 --seed 1': { value: 0.075, se: 0 },
  'rddl simulate domains/asset_allocation_discrete.rddl instances/asset_allocation_discrete_1.rddl --policy random --episodes 200 --seed 1': null,
  "rddl solve domains/asset_allocation.rddl instances/asset_allocation_1.rddl --planner constant --action 'set_weight(a1)=0, set_weight(a2)=1' --episodes 4000 --seed 1 --no-baselines": { value: 0.149, se: 0 },
  "rddl solve domains/asset_allocation_lots.rddl instances/asset_allocation_lots_1.rddl --planner constant --action 'set_lots(a01)=5, set_lots(a02)=5, set_lots(a03)=5, set_lots(a04)=5' --episodes 20000 --seed 1 --no-baselines": { value: -0.18304, se: 0 },
  'rddl simulate domains/gbwm.rddl instances/gbwm_1.rddl --policy noop --episodes 200 --seed 1': { value: 0.0685, se: 0 },
  "rddl solve domains/gbwm.rddl instances/gbwm_1.rddl --planner constant --action 'portfolio_choice=13' --episodes 100000 --seed 1 --no-baselines": { value: 0.498919, se: 0 },
  'rddl simulate domains/inventory.rddl instances/inventory_1.rddl --policy noop --episodes 200 --seed 1': { value: -5307.3, se: 1.9 },
  "rddl solve domains/inventory.rddl instances/inventory_2.rddl --planner constant --action 'schedule_choice=1, order_up_to=125.6310313' --episodes 100000 --seed 1 --no-baselines": { value: -378.2790659, se: 0 },
  'rddl simulate domains/mgwm.rddl instances/mgwm_1.rddl --policy noop --episodes 200 --seed 1': { value: 999.17, se: 0 },
  "rddl solve domains/mgwm.rddl instances/mgwm_2.rddl --planner constant --action 'portfolio_choice=15' --episodes 20000 --seed 1 --no-baselines": { value: 1319.54, se: 0 },
  'rddl simulate domains/trade_execution.rddl instances/trade_execution_1.rddl --policy noop --episodes 200 --seed 1': { value: -970_625_000, se: 0 },
  "rddl solve domains/trade_execution.rddl instances/trade_execution_1.rddl --planner constant --action 'sell=2000000' --episodes 20000 --seed 1 --no-baselines": { value: -276_625_000, se: 0 },
};

const PAGES = ['asset_allocation', 'gbwm', 'inventory', 'mgwm', 'trade_execution'];
const FINRDDL_DOMAINS = ['asset_allocation', 'asset_allocation_discrete', 'asset_allocation_lots', 'asset_allocation_normalised', 'gbwm', 'inventory', 'mgwm', 'trade_execution'];

/** Split a command line into words: single and double quotes group, as a shell would. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** `rddl ...` lines inside fenced code blocks. */
function commands(markdown: string): string[] {
  const out: string[] = [];
  let inCode = false;
  for (const raw of markdown.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('```')) inCode = !inCode;
    else if (inCode && /^rddl (simulate|solve)\b/.test(line)) out.push(line);
  }
  return out;
}

/** The section under a heading that mentions reference figures. */
function referenceSection(markdown: string): string | undefined {
  const m = /^(#+) [^\n]*[Rr]eference figures[^\n]*\n/m.exec(markdown);
  if (!m) return undefined;
  const rest = markdown.slice(m.index + m[0].length);
  const next = new RegExp(`^#{1,${m[1]!.length}} `, 'm').exec(rest);
  return next ? rest.slice(0, next.index) : rest;
}

const pages = readdirSync(join(repoRoot, 'docs/domains'))
  .filter((n) => n.endsWith('.md'))
  .sort();

test('there is one page per FinRDDL domain, and each of the eight FinRDDL domain files is described on a page', (t) => {
  for (const p of PAGES) t.true(pages.includes(`${p}.md`), `docs/domains/${p}.md is missing`);
  const all = pages.map((p) => readFileSync(join(repoRoot, 'docs/domains', p), 'utf8')).join('\n');
  for (const d of FINRDDL_DOMAINS) t.true(all.includes(`domains/${d}.rddl`), `no page mentions domains/${d}.rddl`);
});

// The pages of the FinRDDL domains (pages added later for other domains are theirs to test).
for (const page of PAGES.map((p) => `${p}.md`)) {
  const path = `docs/domains/${page}`;
  const text = readFileSync(join(repoRoot, path), 'utf8');

  test(`${path}: states reference figures and the commands that reproduce them`, (t) => {
    const section = referenceSection(text);
    t.truthy(section, 'a "Reference figures" section');
    const rows = (section ?? '').split('\n').filter((l) => l.startsWith('|') && /\d\.\d/.test(l));
    t.true(rows.length >= 3, `the reference section has a table of figures (${rows.length} rows with numbers)`);
    const lines = commands(text);
    t.true(
      lines.some((l) => l.startsWith('rddl simulate') || l.startsWith('rddl solve')),
      'at least one rddl simulate or rddl solve command',
    );
    t.true(
      lines.some((l) => l in FIGURES && FIGURES[l] !== null),
      'at least one command reproduces a figure',
    );
    for (const line of lines) {
      for (const file of words(line).filter((w) => w.endsWith('.rddl'))) t.true(existsSync(join(repoRoot, file)), `${line}: ${file} does not exist`);
      const runnable = line.startsWith('rddl simulate') || words(line).join(' ').includes('--planner constant');
      if (runnable) t.true(line in FIGURES, `no figure listed for the command '${line}': add it to FIGURES`);
    }
  });

  for (const line of commands(text)) {
    const argv = words(line).slice(1);
    const simulate = argv[0] === 'simulate';
    if (!simulate && !(argv.includes('--planner') && argv[argv.indexOf('--planner') + 1] === 'constant')) continue;
    test(`${path}: \`${line}\` runs${FIGURES[line] ? ' and reproduces its figure' : ''}`, async (t) => {
      const i = argv.indexOf('--episodes');
      if (i >= 0 && Number(argv[i + 1]) > EPISODE_CAP) {
        t.log(`--episodes ${argv[i + 1]} reduced to ${EPISODE_CAP}`);
        argv[i + 1] = String(EPISODE_CAP);
      }
      const run = await rddl([...argv, '--json']);
      t.is(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { meanReturn: number; standardError: number; episodes: number };
      const figure = FIGURES[line];
      if (figure === undefined) {
        t.fail(`no figure listed for '${line}'`);
        return;
      }
      t.true(Number.isFinite(report.meanReturn));
      if (figure === null) return;
      const tol = 4 * Math.sqrt(report.standardError ** 2 + figure.se ** 2);
      t.log(`mean return ${report.meanReturn} ± ${report.standardError} (${report.episodes} episodes) vs the figure ${figure.value}`);
      t.true(Math.abs(report.meanReturn - figure.value) <= tol, `${report.meanReturn} is not within ${tol} of ${figure.value}`);
    });
  }
}
