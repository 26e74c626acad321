// Module hooks (see register-ts.mjs): `.ts` files are transpiled by esbuild
// (types stripped, no keepNames), and a relative `./x.js` import that does not
// exist falls back to `./x.ts`, as TypeScript's NodeNext resolution expects.
// Transpiled output is cached on disk by content hash, so a second start (and
// every worker thread) skips esbuild; a stale entry can never be used because
// the key covers the source text, its path and the esbuild and Node versions.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform, version as esbuildVersion } from 'esbuild';

const cacheDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'rddl-ts');
// Part of every cache key: change it whenever the transform options below change.
const TRANSFORM_VERSION = 'esm-inline-sourcemap-1';
let cacheUsable = true;
try {
  mkdirSync(cacheDir, { recursive: true });
} catch {
  cacheUsable = false;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    const relative = specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('file:');
    if (relative && specifier.endsWith('.js') && err?.code === 'ERR_MODULE_NOT_FOUND') {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw err;
  }
}

function readCached(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function writeCached(file, code) {
  // Write then rename: concurrent processes never read a half-written entry.
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  } catch {
    cacheUsable = false;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const source = await readFile(path, 'utf8');
  const key = createHash('sha256').update(`${TRANSFORM_VERSION}\0${esbuildVersion}\0${process.versions.node}\0${path}\0${source}`).digest('hex');
  const file = join(cacheDir, `${key}.js`);
  const cached = cacheUsable ? readCached(file) : undefined;
  if (cached !== undefined) return { format: 'module', source: cached, shortCircuit: true };
  const { code } = await transform(source, {
    loader: 'ts',
    format: 'esm',
    target: `node${process.versions.node}`,
    sourcemap: 'inline',
    sourcefile: path,
  });
  if (cacheUsable) writeCached(file, code);
  return { format: 'module', source: code, shortCircuit: true };
}
