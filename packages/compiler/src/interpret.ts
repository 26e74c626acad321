import type { CounterStream } from '@rddl/core';
import * as D from '@rddl/distributions';
import { irChildren, type IrNode } from './ir.js';
import { roundHalfEven, runtime } from './js/runtime.js';

/** The arrays an IR expression reads, for one episode. */
export interface Environment {
  readonly state: ArrayLike<number>;
  readonly action: ArrayLike<number>;
  readonly next: ArrayLike<number>;
  readonly interm: ArrayLike<number>;
  readonly observ: ArrayLike<number>;
  readonly stream: CounterStream;
  readonly episode: number;
  readonly step: number;
}

/**
 * A direct, unoptimised interpreter of the IR: the reference the generated
 * code is tested against, and what diagnostics use to show the values of the
 * atoms in a violated constraint. Domain errors evaluate to NaN here.
 */
export function interpret(n: IrNode, env: Environment): number {
  const ev = (x: IrNode) => interpret(x, env);
  switch (n.op) {
    case 'const':
      return n.value;
    case 'ref':
      return env[n.space === 'state' ? 'state' : n.space === 'next' ? 'next' : n.space === 'action' ? 'action' : n.space === 'interm' ? 'interm' : 'observ'][n.index]!;
    case 'neg':
      return -ev(n.arg);
    case 'not':
      return ev(n.arg) ? 0 : 1;
    case 'add':
      return ev(n.left) + ev(n.right);
    case 'sub':
      return ev(n.left) - ev(n.right);
    case 'mul':
      return ev(n.left) * ev(n.right);
    case 'div': {
      const a = ev(n.left);
      const b = ev(n.right);
      return b === 0 ? Number.NaN : a / b;
    }
    case 'and':
      return ev(n.left) && ev(n.right) ? 1 : 0;
    case 'or':
      return ev(n.left) || ev(n.right) ? 1 : 0;
    case 'implies':
      return !ev(n.left) || ev(n.right) ? 1 : 0;
    case 'equiv':
      return !ev(n.left) === !ev(n.right) ? 1 : 0;
    case 'eq':
      return ev(n.left) === ev(n.right) ? 1 : 0;
    case 'neq':
      return ev(n.left) !== ev(n.right) ? 1 : 0;
    case 'lt':
      return ev(n.left) < ev(n.right) ? 1 : 0;
    case 'le':
      return ev(n.left) <= ev(n.right) ? 1 : 0;
    case 'gt':
      return ev(n.left) > ev(n.right) ? 1 : 0;
    case 'ge':
      return ev(n.left) >= ev(n.right) ? 1 : 0;
    case 'sum':
      return n.args.reduce((s, a) => s + ev(a), 0);
    case 'prod':
      return n.args.reduce((s, a) => s * ev(a), 1);
    case 'min':
      return n.args.reduce((s, a) => Math.min(s, ev(a)), Infinity);
    case 'max':
      return n.args.reduce((s, a) => Math.max(s, ev(a)), -Infinity);
    case 'all':
      return n.args.every((a) => ev(a)) ? 1 : 0;
    case 'any':
      return n.args.some((a) => ev(a)) ? 1 : 0;
    case 'argmin':
    case 'argmax': {
      let best = 0;
      let bestValue = ev(n.args[0]!);
      for (let i = 1; i < n.args.length; i++) {
        const v = ev(n.args[i]!);
        if (n.op === 'argmax' ? v > bestValue : v < bestValue) {
          best = i;
          bestValue = v;
        }
      }
      return best;
    }
    case 'if':
      return ev(n.condition) ? ev(n.then) : ev(n.else);
    case 'select': {
      const option = n.options[ev(n.index)];
      return option ? ev(option) : Number.NaN;
    }
    case 'call':
      return call(n.fn, n.args.map(ev));
    case 'sample': {
      const args = n.args.map(ev);
      const dist = D.scalarDistributions.get(n.dist)!;
      if (dist.check(args) !== undefined) return Number.NaN;
      env.stream.reset(env.episode, env.step, n.site.site, n.site.grounding);
      return dist.sample(env.stream, args);
    }
    case 'discrete': {
      const p = n.probabilities.map(ev);
      if (D.checkDiscrete(p, n.normalized) !== undefined) return Number.NaN;
      env.stream.reset(env.episode, env.step, n.site.site, n.site.grounding);
      return D.sampleDiscrete(env.stream, p, n.normalized);
    }
    case 'det':
      return runtime.det(n.entries.map(ev), n.size);
    case 'vector-component':
    case 'matrix-entry':
      // Groups are evaluated by the compiled code only; the interpreter reports them as unknown.
      return Number.NaN;
  }
}

function call(fn: string, a: number[]): number {
  const [x = Number.NaN, y = Number.NaN] = a;
  switch (fn) {
    case 'abs':
      return Math.abs(x);
    case 'sgn':
      return Math.sign(x);
    case 'round':
      return roundHalfEven(x);
    case 'ln':
      return x > 0 ? Math.log(x) : Number.NaN;
    case 'sqrt':
      return x >= 0 ? Math.sqrt(x) : Number.NaN;
    case 'gamma':
      return runtime.gamma(x);
    case 'lngamma':
      return runtime.lngamma(x);
    case 'div':
      return y !== 0 ? Math.floor(x / y) : Number.NaN;
    case 'mod':
      return y !== 0 ? x - y * Math.floor(x / y) : Number.NaN;
    case 'fmod':
      return y !== 0 ? x % y : Number.NaN;
    case 'min':
      return Math.min(x, y);
    case 'max':
      return Math.max(x, y);
    case 'pow':
      return Math.pow(x, y);
    case 'log':
      return x > 0 && y > 0 && y !== 1 ? Math.log(x) / Math.log(y) : Number.NaN;
    case 'hypot':
      return Math.hypot(x, y);
    default:
      return (Math as unknown as Record<string, (v: number) => number>)[fn]!(x);
  }
}

/** The distinct ground fluent references in an expression (for "x(a1) = 3" lists in messages). */
export function referencesOf(n: IrNode, out: Map<string, Extract<IrNode, { op: 'ref' }>> = new Map()): Map<string, Extract<IrNode, { op: 'ref' }>> {
  if (n.op === 'ref') out.set(`${n.space}:${n.index}`, n);
  for (const c of irChildren(n)) referencesOf(c, out);
  return out;
}
