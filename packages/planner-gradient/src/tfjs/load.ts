import type * as tfjs from '@tensorflow/tfjs';
import type { BackendName } from '../options.js';

export type TF = typeof tfjs;

/** The TensorFlow.js module with the backend in use, and which it is. */
export interface LoadedTf {
  readonly tf: TF;
  readonly backend: 'tfjs-node' | 'tfjs-wasm' | 'tfjs-cpu';
}

let cached: Promise<LoadedTf> | undefined;
const loaded = new Map<string, Promise<LoadedTf | undefined>>();

/**
 * TensorFlow.js, loaded on first use: the native `@tensorflow/tfjs-node` when
 * it loads (an optional dependency: it is absent, or unbuilt and throwing, on
 * most machines), else the wasm backend, else plain cpu. `backend` may
 * ask for one of them; `tfjs` takes the best that loads.
 */
export function loadTensorFlow(backend: BackendName): Promise<LoadedTf> {
  if (backend === 'tfjs') return (cached ??= best());
  const name = backend as LoadedTf['backend'];
  return one(name).then((t) => {
    if (!t) throw new Error(`the TensorFlow.js backend ${name} is not available here${name === 'tfjs-node' ? ' (@tensorflow/tfjs-node is not installed or does not load)' : ''}`);
    return t;
  });
}

async function best(): Promise<LoadedTf> {
  for (const name of ['tfjs-node', 'tfjs-wasm', 'tfjs-cpu'] as const) {
    const t = await one(name);
    if (t) return t;
  }
  throw new Error('TensorFlow.js could not be loaded');
}

function one(name: LoadedTf['backend']): Promise<LoadedTf | undefined> {
  let p = loaded.get(name);
  if (!p) {
    p = attempt(name);
    loaded.set(name, p);
  }
  return p;
}

async function attempt(name: LoadedTf['backend']): Promise<LoadedTf | undefined> {
  try {
    if (name === 'tfjs-node') {
      // An unbuilt copy throws on load: treat that as absent.
      const tf = (await import('@tensorflow/tfjs-node' as string)) as TF;
      return (await tf.setBackend('tensorflow')) ? { tf, backend: name } : undefined;
    }
    const tf = await import('@tensorflow/tfjs');
    // Production mode: no "install the node backend" banner on stderr, no debug checks.
    tf.env().set('PROD', true);
    if (name === 'tfjs-wasm') await import('@tensorflow/tfjs-backend-wasm');
    const ok = await tf.setBackend(name === 'tfjs-wasm' ? 'wasm' : 'cpu');
    await tf.ready();
    return ok ? { tf, backend: name } : undefined;
  } catch {
    return undefined;
  }
}
