/**
 * Saves every chart of a bench report as a PNG, for documents that cannot
 * embed the interactive report (docs/results.md):
 *
 *   node --import ./scripts/register-ts.mjs bench/report-images.ts REPORT.html OUT_DIR
 *
 * Opens the report in headless Chromium (the same puppeteer-core and
 * @sparticuz/chromium as the report test), waits for every chart to draw,
 * and writes OUT_DIR/<chart title>.png for each chart.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer from 'puppeteer-core';
import { openReport } from '../test/support/report-page.js';

const [report, outDir] = process.argv.slice(2);
if (!report || !outDir) {
  console.error('usage: bench/report-images.ts REPORT.html OUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const browser = await puppeteer.launch({ executablePath: await chromium.executablePath(), args: chromium.args, headless: true });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  await openReport(page, resolve(report));
  // Files are named after the chart titles ("gradient: tracked state over time" -> gradient-tracked-state-over-time.png).
  const titles = (await page.evaluate(
    `[...document.querySelectorAll('[data-chart]')].map((e) => echarts.getInstanceByDom(e).getOption().title?.[0]?.text ?? e.getAttribute('data-chart'))`,
  )) as string[];
  const charts = await page.$$('[data-chart]');
  for (const [i, chart] of charts.entries()) {
    const slug = (titles[i] ?? `chart-${i}`).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const file = join(outDir, `${slug}.png`);
    await chart.screenshot({ path: file as `${string}.png`, type: 'png' });
    console.log(`wrote ${file}`);
  }
} finally {
  await browser.close();
}
