/** A worker thread of root-parallel search: it owns one tree and answers search requests for it. */
import { parentPort, workerData } from 'node:worker_threads';
import { TreeSearch, type SearchRequest } from './search.js';
import type { WorkerInit, WorkerReply } from './worker-pool.js';

const init = workerData as WorkerInit;
const search = new TreeSearch(init.compiled, init.options, init.seed, init.tree);
parentPort!.postMessage({ id: -1, ready: true } satisfies WorkerReply);

parentPort!.on('message', (message: { id: number; request: SearchRequest }) => {
  let reply: WorkerReply;
  try {
    reply = { id: message.id, result: search.search(message.request) };
  } catch (err) {
    reply = { id: message.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
