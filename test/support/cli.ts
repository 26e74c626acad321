import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '@rddl/cli';
import { repoRoot } from './corpus.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `rddl <argv>` in-process with captured output (no colours, not a terminal). */
export async function rddl(argv: readonly string[], cwd = repoRoot): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    color: false,
    interactive: false,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A temporary copy of `test/fixtures/cli` (removed by the returned cleanup). */
export function scratchCopy(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rddl-cli-'));
  cpSync(join(repoRoot, 'test/fixtures/cli'), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
