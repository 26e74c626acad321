import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { renderDiagnostic, SourceFile, type Diagnostic } from '@rddl/core';
import { parseRddl, type ParseLimits } from '@rddl/syntax';
import { repoRoot } from './corpus.js';

/**
 * Golden diagnostics: each `<name>.rddl` under `test/fixtures/diagnostics/<folder>/`
 * has a `<name>.golden` beside it holding the rendered diagnostics (no
 * colour, paths relative to the repository root). An optional
 * `<name>.limits.json` gives parse limits (to reach RDDL1021/RDDL1022 with
 * small inputs).
 */
export const goldenRoot = join(repoRoot, 'test/fixtures/diagnostics');

/** `_error_` inputs must report an error; `_warning_` inputs warnings and no error. */
export const goldenFolders = ['_error_', '_warning_'] as const;
export type GoldenFolder = (typeof goldenFolders)[number];

export interface GoldenFixture {
  readonly folder: GoldenFolder;
  readonly name: string;
  readonly input: string;
  readonly golden: string;
  readonly limits: string;
}

export function listGoldenFixtures(): GoldenFixture[] {
  return goldenFolders.flatMap((folder) => {
    const dir = join(goldenRoot, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.rddl'))
      .sort()
      .map((f) => {
        const name = f.slice(0, -'.rddl'.length);
        return {
          folder,
          name,
          input: join(dir, f),
          golden: join(dir, `${name}.golden`),
          limits: join(dir, `${name}.limits.json`),
        };
      });
  });
}

/**
 * The diagnostics a fixture produces. Today that is the parser's; when a
 * later stage (names and types, model checks, ...) gets goldens, run it here
 * on inputs that parse cleanly.
 */
export function diagnoseFixture(fixture: GoldenFixture): Diagnostic[] {
  const path = relative(repoRoot, fixture.input).split(sep).join('/');
  const source = new SourceFile(path, readFileSync(fixture.input, 'utf8'));
  const limits = existsSync(fixture.limits) ? (JSON.parse(readFileSync(fixture.limits, 'utf8')) as Partial<ParseLimits>) : undefined;
  return parseRddl(source, limits ? { limits } : {}).diagnostics;
}

/** The golden text: every diagnostic rendered without colour, separated by blank lines. */
export function renderGolden(diagnostics: readonly Diagnostic[]): string {
  return `${diagnostics.map((d) => renderDiagnostic(d, { color: false })).join('\n\n')}\n`;
}

/** Codes named in golden text (`... - error RDDL1010: ...`). */
export function codesInGolden(text: string): string[] {
  return [...text.matchAll(/ - (?:error|warning|info) (RDDL\d{4}):/g)].map((m) => m[1]!);
}
