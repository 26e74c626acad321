import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';
import { openReport } from '../support/report-page.js';
import { PNG } from 'pngjs';
import { renderReportHtml, reportData, summarizeResults, type RunRecord } from '@rddl/bench';

/** Records as a real run writes them: returns, cumulative reward by step and tracked weights. */
function records(): RunRecord[] {
  const out: RunRecord[] = [];
  const planners = ['mcts', 'noop', 'random', 'uniform'];
  planners.forEach((planner, p) => {
    for (const seed of [0, 1]) {
      const cumulativeReward = Array.from({ length: 60 }, (_, t) => (t + 1) * 0.001 * (p + 1) + Math.sin(t / 5) * 0.002);
      out.push({
        id: `table1|${planner}|${seed}`,
        instance: 'table1',
        planner,
        plannerKind: planner,
        seed,
        episodes: 3,
        status: 'ok',
        returns: [0.05 * (p + 1), 0.06 * (p + 1), 0.04 * (p + 1)],
        planSeconds: 0.01 * 10 ** p,
        wallSeconds: 1,
        cumulativeReward,
        tracked: { weight___a1: cumulativeReward.map((_, t) => (t < 30 ? 0.5 : 0.2 * p)), weight___a2: cumulativeReward.map((_, t) => (t < 30 ? 0.5 : 1 - 0.2 * p)) },
        finishedAt: '2026-01-01T00:00:00Z',
      });
    }
  });
  return out;
}

/** Share of pixels that are not (near) white, and the number of distinct colours, in a PNG. */
function ink(png: Buffer): { share: number; colours: number } {
  const image = PNG.sync.read(png);
  let inked = 0;
  const colours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (r < 235 || g < 235 || b < 235) inked++;
    colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
  }
  return { share: inked / (image.width * image.height), colours: colours.size };
}

test('the HTML report opens in a headless browser with every chart drawn', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rddl-report-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const rs = records();
  const echarts = readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  const html = renderReportHtml(reportData('Benchmark: <script>alert(1)</script>', rs, summarizeResults(rs, undefined), 'now'), echarts);
  // Labels from configs are data, never markup.
  t.false(html.includes('<script>alert(1)</script>'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);

  const browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewport({ width: 1280, height: 900 });
  await openReport(page, file);
  t.deepEqual(errors, []);
  t.is(await page.evaluate('document.title'), 'RDDL benchmark report');
  t.is(await page.evaluate("document.getElementById('title').textContent"), 'Benchmark: <script>alert(1)</script>');
  const charts = await page.$$('[data-chart]');
  // cumulative reward, score bars, time vs return, and one tracked-weights chart per planner.
  t.is(charts.length, 3 + 4);
  for (const chart of charts) {
    const name = await chart.evaluate((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-chart'));
    const shot = Buffer.from(await chart.screenshot({ type: 'png' }));
    const { share, colours } = ink(shot);
    t.true(share > 0.02, `chart ${name} is blank (${(share * 100).toFixed(2)}% inked)`);
    t.true(colours > 3, `chart ${name} has only ${colours} colours`);
  }
  // Each chart exports SVG (PNG export draws that SVG on a canvas).
  const svg = (await page.evaluate(
    "echarts.getInstanceByDom(document.querySelector('[data-chart]')).getDataURL({ type: 'svg' })",
  )) as string;
  t.true(svg.startsWith('data:image/svg+xml'));
});
