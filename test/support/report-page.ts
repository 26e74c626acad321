import type { Page } from 'puppeteer-core';

/**
 * Opens a bench report in a headless-browser page and waits until every
 * chart has drawn (the report marks each with data-rendered="1"). Used by
 * the report test and bench/report-images.ts. Browser-side code is passed as
 * a string: these files are compiled without the DOM library.
 */
export async function openReport(page: Page, file: string): Promise<void> {
  await page.goto(`file://${file}`);
  await page.waitForFunction(
    `(() => {
      const charts = [...document.querySelectorAll('[data-chart]')];
      return charts.length > 0 && charts.every((c) => c.getAttribute('data-rendered') === '1');
    })()`,
    { timeout: 60_000 },
  );
}
