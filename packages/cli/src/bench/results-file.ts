import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseResults, type RunRecord } from '@rddl/bench';

/**
 * The results of a benchmark, one JSON line per finished run, appended as
 * each run ends. Opening it drops a line cut short by an interruption, so a
 * resumed benchmark neither loses nor repeats a finished run.
 */
export class ResultsFile {
  private readonly records = new Map<string, RunRecord>();

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) {
      const kept = parseResults(readFileSync(path, 'utf8'));
      for (const r of kept) this.records.set(r.id, r);
      // Rewrite without a partial last line, so that appends start on a fresh line.
      writeFileSync(path, [...this.records.values()].map((r) => `${JSON.stringify(r)}\n`).join(''));
    }
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  get(id: string): RunRecord | undefined {
    return this.records.get(id);
  }

  all(): RunRecord[] {
    return [...this.records.values()];
  }

  /** Forget failed runs so they are run again (their lines are removed). */
  dropFailed(): number {
    const failed = [...this.records.values()].filter((r) => r.status !== 'ok');
    for (const r of failed) this.records.delete(r.id);
    writeFileSync(this.path, [...this.records.values()].map((r) => `${JSON.stringify(r)}\n`).join(''));
    return failed.length;
  }

  append(record: RunRecord): void {
    this.records.set(record.id, record);
    appendFileSync(this.path, `${JSON.stringify(record)}\n`);
  }
}
