/** One finished run, as one line of the results JSONL file. */
export interface RunRecord {
  readonly id: string;
  readonly instance: string;
  readonly planner: string;
  readonly plannerKind: string;
  readonly seed: number | string;
  readonly episodes: number;
  readonly status: 'ok' | 'error' | 'timeout';
  readonly error?: string;
  /** Discounted return of each episode (episode i of every planner faced the same draws). */
  readonly returns?: number[];
  readonly meanReturn?: number;
  readonly ci95?: number;
  readonly planSeconds?: number;
  readonly wallSeconds: number;
  /** Mean cumulative reward after each step. */
  readonly cumulativeReward?: number[];
  /** Mean value of tracked ground state fluents at each step (e.g. asset weights). */
  readonly tracked?: Record<string, number[]>;
  readonly stats?: Record<string, number | string>;
  readonly domainName?: string;
  readonly instanceName?: string;
  readonly finishedAt: string;
}

/** Parse a results file: complete, valid lines only (a line cut by a kill is dropped). */
export function parseResults(text: string): RunRecord[] {
  const out: RunRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const r = JSON.parse(line) as RunRecord;
      if (typeof r.id === 'string' && typeof r.status === 'string') out.push(r);
    } catch {
      // An incomplete last line from an interrupted run: it will be run again.
    }
  }
  return out;
}
