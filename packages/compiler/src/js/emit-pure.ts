import type { IrNode } from '../ir.js';

/**
 * JavaScript text for the IR operators whose meaning never depends on the
 * backend: arithmetic without domain checks, logic, comparisons,
 * aggregations, argmin/argmax and if. Shared by the simulator's code
 * generator and the DP's step program, which differ only in references,
 * checked operations, calls and draws. Only numbers and operator text are
 * written, never text from the RDDL file.
 */

/** Longest flat chain of terms in one expression (deep nesting beats V8's parser limits). */
const MAX_TERMS = 400;

/** A number as a JavaScript literal that parses back to the same double. */
export function numberLiteral(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${v})` : String(v);
}

/** terms joined by `sep` and wrapped, in nested chunks of at most MAX_TERMS. */
export function chunked(terms: string[], sep: string, wrap: (s: string) => string): string {
  if (terms.length <= MAX_TERMS) return wrap(terms.join(sep));
  const chunks: string[] = [];
  for (let i = 0; i < terms.length; i += MAX_TERMS) chunks.push(wrap(terms.slice(i, i + MAX_TERMS).join(sep)));
  return chunked(chunks, sep, wrap);
}

/**
 * The text of `n` when its operator is backend-independent, else undefined.
 * `e` writes a child; `temp` names a fresh temporary the caller declares.
 */
export function emitPureOp(n: IrNode, e: (x: IrNode) => string, temp: () => string): string | undefined {
  switch (n.op) {
    case 'const':
      return numberLiteral(n.value);
    case 'neg':
      return `(-${e(n.arg)})`;
    case 'not':
      return `(${e(n.arg)} ? 0 : 1)`;
    case 'add':
      return `(${e(n.left)} + ${e(n.right)})`;
    case 'sub':
      return `(${e(n.left)} - ${e(n.right)})`;
    case 'mul':
      return `(${e(n.left)} * ${e(n.right)})`;
    case 'and':
      return `(${e(n.left)} && ${e(n.right)} ? 1 : 0)`;
    case 'or':
      return `(${e(n.left)} || ${e(n.right)} ? 1 : 0)`;
    case 'implies':
      return `(!${e(n.left)} || ${e(n.right)} ? 1 : 0)`;
    case 'equiv':
      return `(!${e(n.left)} === !${e(n.right)} ? 1 : 0)`;
    case 'eq':
      return `(${e(n.left)} === ${e(n.right)} ? 1 : 0)`;
    case 'neq':
      return `(${e(n.left)} !== ${e(n.right)} ? 1 : 0)`;
    case 'lt':
      return `(${e(n.left)} < ${e(n.right)} ? 1 : 0)`;
    case 'le':
      return `(${e(n.left)} <= ${e(n.right)} ? 1 : 0)`;
    case 'gt':
      return `(${e(n.left)} > ${e(n.right)} ? 1 : 0)`;
    case 'ge':
      return `(${e(n.left)} >= ${e(n.right)} ? 1 : 0)`;
    case 'sum':
      return chunked(n.args.map(e), ' + ', (s) => `(${s})`);
    case 'prod':
      return chunked(n.args.map(e), ' * ', (s) => `(${s})`);
    case 'min':
      return chunked(n.args.map(e), ', ', (s) => `Math.min(${s})`);
    case 'max':
      return chunked(n.args.map(e), ', ', (s) => `Math.max(${s})`);
    case 'all':
      return `(${chunked(n.args.map(e), ' && ', (s) => `(${s})`)} ? 1 : 0)`;
    case 'any':
      return `(${chunked(n.args.map(e), ' || ', (s) => `(${s})`)} ? 1 : 0)`;
    case 'argmin':
    case 'argmax': {
      const [best, k, x] = [temp(), temp(), temp()];
      const better = n.op === 'argmax' ? '>' : '<';
      const steps = n.args.slice(1).map((a, i) => `(${x} = ${e(a)}) ${better} ${best} ? (${best} = ${x}, ${k} = ${i + 1}) : 0`);
      return `(${best} = ${e(n.args[0]!)}, ${k} = 0${steps.map((s) => `, ${s}`).join('')}, ${k})`;
    }
    case 'if':
      return `(${e(n.condition)} ? ${e(n.then)} : ${e(n.else)})`;
    default:
      return undefined;
  }
}
