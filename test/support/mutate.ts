import type { Rng } from './random.js';

/**
 * Deterministic mutations of RDDL text for fuzzing: token-level and
 * character-level edits of real files, truncation, splicing two files,
 * deep nesting and random bytes. `mutateCase` picks one kind per case.
 */

export interface FuzzCase {
  readonly kind: string;
  readonly text: string;
}

/** A rough RDDL tokenizer: good enough to cut text into editable pieces (whitespace kept as pieces). */
const piecePattern =
  /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|[A-Za-z?@$][A-Za-z0-9_-]*'?|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|<=>|=>|==|~=|<=|>=|[\s\S]/g;

export function pieces(text: string): string[] {
  return text.match(piecePattern) ?? [];
}

/** Tokens worth inserting: punctuation, operators, reserved words, literals and odd characters. */
const vocabulary = [
  '(', ')', '[', ']', '{', '}', ';', ',', ':', "'", '_', '=', '==', '~=', '<', '<=', '>', '>=', '=>', '<=>',
  '+', '-', '*', '/', '^', '&', '|', '~', '?x', '@v', '$o', '0', '1.5', '1e-3', '1e', '.5', '99999999999999999999',
  '1e999', 'domain', 'instance', 'non-fluents', 'types', 'pvariables', 'cpfs', 'reward', 'state-invariants',
  'action-preconditions', 'state-action-constraints', 'termination', 'objects', 'init-state', 'horizon',
  'discount', 'max-nondef-actions', 'terminate-when', 'pos-inf', 'neg-inf', 'requirements', 'object', 'default',
  'level', 'non-fluent', 'state-fluent', 'action-fluent', 'interm-fluent', 'if', 'then', 'else', 'switch', 'case',
  'otherwise', 'sum_{?x : t}', 'forall_', 'exists_', 'Bernoulli', 'Normal', 'Discrete', 'Discrete_', 'KronDelta',
  'Dirichlet', 'det_', 'inverse', 'row', 'col', 'exp', 'pow', 'true', 'false', 'policy', '#', '%', '"', '\\', '`',
  '\u00e9', '\u0000', '\ufeff', '\u2028', '/*', '*/', '//', 'a-b', 'x-1', '?t-1',
];

type Mutation = (text: string, rng: Rng, other: string) => string;

function editPieces(text: string, rng: Rng, edit: (ps: string[], rng: Rng) => void): string {
  const ps = pieces(text);
  if (ps.length === 0) return text;
  const edits = rng.between(1, 4);
  for (let i = 0; i < edits && ps.length > 0; i++) edit(ps, rng);
  return ps.join('');
}

/** Index of a random non-whitespace piece (or any piece when there is none nearby). */
function solidIndex(ps: string[], rng: Rng): number {
  for (let tries = 0; tries < 8; tries++) {
    const i = rng.int(ps.length);
    if (!/^\s+$/.test(ps[i]!)) return i;
  }
  return rng.int(ps.length);
}

const mutations: Record<string, Mutation> = {
  'delete token': (text, rng) => editPieces(text, rng, (ps) => void ps.splice(solidIndex(ps, rng), 1)),
  'duplicate token': (text, rng) =>
    editPieces(text, rng, (ps) => {
      const i = solidIndex(ps, rng);
      ps.splice(i, 0, ps[i]!);
    }),
  'swap tokens': (text, rng) =>
    editPieces(text, rng, (ps) => {
      const i = solidIndex(ps, rng);
      const j = solidIndex(ps, rng);
      [ps[i], ps[j]] = [ps[j]!, ps[i]!];
    }),
  'insert token': (text, rng) =>
    editPieces(text, rng, (ps) => {
      const word = rng.chance(0.5) ? rng.pick(vocabulary) : ps[solidIndex(ps, rng)]!;
      ps.splice(rng.int(ps.length + 1), 0, rng.chance(0.5) ? ` ${word} ` : word);
    }),
  'replace token': (text, rng) =>
    editPieces(text, rng, (ps) => {
      ps[solidIndex(ps, rng)] = rng.pick(vocabulary);
    }),
  'delete characters': (text, rng) => {
    let out = text;
    for (let n = rng.between(1, 6); n > 0 && out.length > 0; n--) {
      const at = rng.int(out.length);
      out = out.slice(0, at) + out.slice(at + rng.between(1, 3));
    }
    return out;
  },
  'insert characters': (text, rng) => {
    let out = text;
    for (let n = rng.between(1, 6); n > 0; n--) {
      const at = rng.int(out.length + 1);
      out = out.slice(0, at) + randomChars(rng, rng.between(1, 3)) + out.slice(at);
    }
    return out;
  },
  'duplicate characters': (text, rng) => {
    const at = rng.int(text.length + 1);
    const len = rng.between(1, 200);
    return text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
  },
  truncate: (text, rng) => text.slice(0, rng.int(text.length + 1)),
  splice: (text, rng, other) => text.slice(0, rng.int(text.length + 1)) + other.slice(rng.int(other.length + 1)),
  'deep nesting': (text, rng) => {
    const depth = rng.pick([50, 255, 257, 300, 1000, 3000]);
    const [open, close] = rng.pick([
      ['(', ')'],
      ['[', ']'],
      ['~', ''],
      ['-', ''],
      ['if (true) then 1 else ', ''],
      ['sum_{?x : t} ', ''],
      ['exp[', ']'],
      ['f(', ')'],
    ] as const);
    const ps = pieces(text);
    const at = rng.int(ps.length + 1);
    ps.splice(at, 0, `${open.repeat(depth)}x${close.repeat(rng.chance(0.8) ? depth : rng.int(depth))}`);
    return ps.join('');
  },
  'random bytes': (_text, rng) => randomChars(rng, rng.between(0, 3000)),
};

function randomChars(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.6) out += String.fromCharCode(32 + rng.int(95));
    else if (r < 0.75) out += rng.pick(['\n', '\r', '\t', '\r\n', ' ']);
    else if (r < 0.9) out += String.fromCharCode(rng.int(256));
    else if (r < 0.97) out += String.fromCharCode(rng.int(0xffff));
    else out += rng.pick(['\u{1F600}', '\ud800', '\udfff', '\u{10FFFF}']);
  }
  return out;
}

export const mutationKinds: readonly string[] = Object.keys(mutations);

/** One fuzz case: a mutation of `base` (with `other` as a second file for splicing). */
export function mutateCase(base: string, other: string, rng: Rng): FuzzCase {
  const kind = rng.pick(mutationKinds);
  let text = mutations[kind]!(base, rng, other);
  // Sometimes stack a second mutation on top.
  let label = kind;
  if (rng.chance(0.25)) {
    const second = rng.pick(mutationKinds.filter((k) => k !== 'random bytes'));
    text = mutations[second]!(text, rng, other);
    label = `${kind} + ${second}`;
  }
  return { kind: label, text };
}
