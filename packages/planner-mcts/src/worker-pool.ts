import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompiledModel } from '@rddl/compiler';
import type { MctsOptions } from './options.js';
import type { SearchRequest, SearchResult } from './search.js';

export interface WorkerInit {
  readonly compiled: CompiledModel;
  readonly options: MctsOptions;
  readonly seed: number | string;
  readonly tree: number;
}

export type WorkerReply =
  | { readonly id: number; readonly result: SearchResult }
  | { readonly id: number; readonly error: string }
  /** Sent once, when the worker has built its simulator. */
  | { readonly id: -1; readonly ready: true };

// Workers run the TypeScript sources through the repository's loader (scripts/register-ts.mjs), by absolute path.
const loader = fileURLToPath(new URL('../../../scripts/register-ts.mjs', import.meta.url));
const entry = new URL('./worker.ts', import.meta.url);

interface Waiting {
  readonly resolve: (r: SearchResult) => void;
  readonly reject: (e: Error) => void;
  readonly tree: number;
}

/**
 * One thread per tree. Task pools (piscina, workerpool) hand a task to
 * whichever thread is free, but root-parallel search with subtree reuse needs
 * tree i to stay in thread i between decisions, so each thread is addressed
 * directly. Threads hold the process open only while the pool waits for them.
 */
export class TreeWorkers {
  /** Resolves when every thread has built its simulator; rejects when one failed. */
  readonly ready: Promise<void>;
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  private started = 0;
  private failure: Error | undefined;
  private startDone!: () => void;
  private startFailed!: (e: Error) => void;

  constructor(count: number, init: Omit<WorkerInit, 'tree'>) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.startDone = resolve;
      this.startFailed = reject;
    });
    // A start failure is also reported by every search; no one has to wait for `ready`.
    this.ready.catch(() => {});
    // The model goes to each thread by structured clone (spans keep their text, not their methods; workers never render them).
    this.workers = Array.from({ length: count }, (_, tree) => {
      const worker = new Worker(entry, { workerData: { ...init, tree } satisfies WorkerInit, execArgv: ['--import', loader] });
      worker.on('message', (reply: WorkerReply) => this.settle(reply));
      worker.on('error', (err) => this.fail(tree, err));
      worker.on('exit', (code) => this.fail(tree, new Error(`mcts worker ${tree} stopped (exit code ${code})`)));
      return worker;
    });
    void this.ready.then(() => this.idle(), () => this.idle());
  }

  /** Request i goes to tree i; resolves with the results in tree order. */
  search(requests: readonly SearchRequest[]): Promise<SearchResult[]> {
    if (this.failure) return Promise.reject(this.failure);
    for (const w of this.workers) w.ref();
    const all = requests.map(
      (request, tree) =>
        new Promise<SearchResult>((resolve, reject) => {
          const id = this.nextId++;
          this.waiting.set(id, { resolve, reject, tree });
          this.workers[tree]!.postMessage({ id, request });
        }),
    );
    return Promise.all(all).finally(() => this.idle());
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the mcts workers were closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private idle(): void {
    for (const w of this.workers) w.unref();
  }

  private settle(reply: WorkerReply): void {
    if ('ready' in reply) {
      if (++this.started === this.workers.length) this.startDone();
      return;
    }
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(`mcts worker ${waiting.tree} failed: ${reply.error}`));
    else waiting.resolve(reply.result);
  }

  private fail(tree: number, err: Error): void {
    this.failure ??= err;
    this.startFailed(err);
    for (const [id, waiting] of this.waiting) {
      if (waiting.tree !== tree) continue;
      this.waiting.delete(id);
      waiting.reject(err);
    }
  }
}
