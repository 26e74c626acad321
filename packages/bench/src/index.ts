export { validateConfig, expandRuns, type BenchConfig, type BenchInstance, type BenchPlanner, type RunSpec } from './config.js';
export { parseResults, type RunRecord } from './record.js';
export { summarizeResults, summaryText, summaryCsv, summaryMarkdown, type InstanceSummary, type PlannerSummary } from './summary.js';
export { reportData, renderReportHtml } from './report-html.js';
