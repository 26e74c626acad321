import type { CliIo } from '../io.js';

/** An io that keeps what a command prints (for runs inside a benchmark worker). */
export function silentIo(cwd: string): CliIo & { readonly text: () => string } {
  const chunks: string[] = [];
  return {
    stdout: (t) => chunks.push(t),
    stderr: (t) => chunks.push(t),
    cwd,
    color: false,
    interactive: false,
    text: () => chunks.join(''),
  };
}
