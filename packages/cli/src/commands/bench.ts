import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { expandRuns, renderReportHtml, reportData, summarizeResults, summaryCsv, summaryMarkdown, summaryText, validateConfig, type BenchConfig } from '@rddl/bench';
import { parseBudget } from '@rddl/planning';
import { CliError, type CliIo } from '../io.js';
import { parseCount, parseSeed } from '../options.js';
import { startProgress } from '../progress.js';
import { ResultsFile } from '../bench/results-file.js';
import { runAll } from '../bench/run-pool.js';

export interface BenchFlags {
  readonly config?: string;
  readonly planners?: string;
  readonly episodes?: string;
  readonly seeds?: string;
  readonly budget?: string;
  readonly instance?: string;
  readonly track?: string;
  readonly out?: string;
  readonly workers?: string;
  readonly timeLimit?: string;
  readonly retryFailed?: boolean;
  readonly reportOnly?: boolean;
  readonly json?: boolean;
}

export function registerBench(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('bench')
    .description('benchmark planners on instances: fair (common random numbers), resumable, parallel, with a report')
    .argument('[files...]', 'for a quick bench without a config: the domain file, and the instance file if separate')
    .option('--config <file>', 'benchmark config (JSON or YAML): instances × planners × seeds × episodes (see docs/bench.md)')
    .option('--planners <list>', 'quick bench: comma-separated planners (default myopic,noop,random)')
    .option('--episodes <n>', 'evaluation episodes per run (overrides the config)')
    .option('--seeds <list>', 'comma-separated seeds (overrides the config)')
    .option('--budget <b>', 'quick bench: planning budget for every planner (500it, 2s)')
    .option('--instance <name>', 'quick bench: the instance when the files hold several')
    .option('--track <pvariables>', 'comma-separated state pvariables to chart over time (e.g. weight)')
    .option('--out <dir>', 'where results.jsonl, summary.{txt,csv,md} and report.html go (default bench-results/<name>)')
    .option('--workers <n>', 'runs in parallel (default: number of cores)')
    .option('--time-limit <seconds>', 'stop a run after this long and record a timeout (overrides the config)')
    .option('--retry-failed', 'run again the runs recorded as error or timeout')
    .option('--report-only', 'do not run anything: rebuild the summary and report from results.jsonl')
    .option('--json', 'print the summary as JSON on stdout')
    .addHelpText(
      'after',
      `
Results are appended to results.jsonl as each run finishes. Run the same
command again after an interruption: finished runs are kept and not repeated.

Examples:
  rddl bench --config bench/finrddl.yaml
  rddl bench domains/asset_allocation.rddl --planners myopic,noop,random --episodes 20 --seeds 0,1`,
    )
    .action(async (files: string[], flags: BenchFlags) => setExit(await runBench(files, flags, io)));
}

function loadConfig(files: readonly string[], flags: BenchFlags, io: CliIo): BenchConfig {
  let raw: Record<string, unknown>;
  if (flags.config) {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, flags.config), 'utf8');
    } catch {
      throw new CliError(`cannot read config file '${flags.config}'`, 1);
    }
    try {
      raw = (/\.ya?ml$/i.test(flags.config) ? parseYaml(text) : JSON.parse(text)) as Record<string, unknown>;
    } catch (err) {
      throw new CliError(`config file '${flags.config}' cannot be read: ${(err as Error).message}`, 1);
    }
    if (files.length > 0) throw new CliError('give either --config or domain files, not both');
  } else {
    if (files.length === 0) throw new CliError('give --config FILE, or a domain file for a quick bench');
    const planners = (flags.planners ?? 'myopic,noop,random').split(',').map((s) => s.trim()).filter(Boolean);
    raw = {
      name: files[0]!.replace(/^.*[\\/]/, '').replace(/\.rddl$/, ''),
      instances: [{ domain: files[0], ...(files[1] ? { instance: files[1] } : {}), ...(flags.instance ? { name: flags.instance } : {}) }],
      planners: planners.map((planner) => ({ planner, ...(flags.budget ? { budget: flags.budget } : {}) })),
    };
  }
  if (flags.episodes !== undefined) raw = { ...raw, episodes: parseCount(flags.episodes, '--episodes', 30) };
  if (flags.seeds !== undefined) raw = { ...raw, seeds: flags.seeds.split(',').map((s) => parseSeed(s.trim())) };
  if (flags.track !== undefined) raw = { ...raw, track: flags.track.split(',').map((s) => s.trim()).filter(Boolean) };
  if (flags.timeLimit !== undefined) raw = { ...raw, timeLimitSeconds: parseCount(flags.timeLimit, '--time-limit', 1800) };
  if (flags.budget !== undefined && !parseBudget(flags.budget)) throw new CliError(`cannot read the budget '${flags.budget}'`);
  const result = validateConfig(raw);
  if ('errors' in result) throw new CliError(`invalid benchmark config:\n  ${result.errors.join('\n  ')}`, 1);
  return result.config;
}

export async function runBench(files: readonly string[], flags: BenchFlags, io: CliIo): Promise<number> {
  const config = loadConfig(files, flags, io);
  const outDir = resolve(io.cwd, flags.out ?? join('bench-results', config.name));
  const workers = parseCount(flags.workers, '--workers', availableParallelism(), 1, 256);
  const results = new ResultsFile(join(outDir, 'results.jsonl'));
  const specs = expandRuns(config);
  if (!flags.reportOnly) {
    if (flags.retryFailed) results.dropFailed();
    const todo = specs.filter((s) => !results.has(s.id));
    const done = specs.length - todo.length;
    if (!flags.json) io.stderr(`${specs.length} runs (${config.instances.length} instances × ${config.planners.length} planners × ${config.seeds.length} seeds, ${config.episodes} episodes each); ${done} already done; ${todo.length} to run on ${Math.min(workers, Math.max(1, todo.length))} workers\n`);
    const progress = startProgress(io, 'benchmark', todo.length);
    let finished = 0;
    await runAll(todo, {
      workers,
      timeLimitSeconds: config.timeLimitSeconds,
      cwd: io.cwd,
      onFinished: (record) => {
        results.append(record);
        progress.update(++finished, `${record.instance} · ${record.planner} · seed ${String(record.seed)}: ${record.status}`);
        if (record.status !== 'ok' && !flags.json) io.stderr(`\nrun ${record.id} ${record.status}: ${record.error ?? ''}\n`);
      },
    });
    progress.stop();
  }
  const records = specs.map((s) => results.get(s.id)).filter((r): r is NonNullable<typeof r> => r !== undefined);
  const summaries = summarizeResults(records, config.baselines);
  writeFileSync(join(outDir, 'summary.txt'), `${summaryText(summaries)}\n`);
  writeFileSync(join(outDir, 'summary.csv'), summaryCsv(summaries));
  writeFileSync(join(outDir, 'summary.md'), summaryMarkdown(summaries));
  const echarts = readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  const html = renderReportHtml(reportData(`Benchmark: ${config.name}`, records, summaries, new Date().toISOString()), echarts);
  writeFileSync(join(outDir, 'report.html'), html);
  if (flags.json) {
    io.stdout(`${JSON.stringify({ name: config.name, out: outDir, runs: records.length, summaries }, null, 2)}\n`);
  } else {
    io.stdout(`${summaryText(summaries)}\n\nwrote ${['results.jsonl', 'summary.txt', 'summary.csv', 'summary.md', 'report.html'].map((f) => join(flags.out ?? join('bench-results', config.name), f)).join(', ')}\n`);
  }
  const failed = records.filter((r) => r.status !== 'ok').length;
  return failed > 0 ? 1 : 0;
}
