import type { Tensor } from '@tensorflow/tfjs';
import type { BinaryFn, ReduceFn, Relax, UnaryFn } from '../program/types.js';
import type { TF } from './load.js';

/** The smallest float32 value ln and the logits are clamped to. */
const TINY = 1e-30;

/**
 * The instructions of the step program as TensorFlow.js operations, with
 * the same semantics as the compiled backend (compiled/formulas.ts).
 * Comparisons are built from `sign` (TensorFlow.js has no gradient for
 * `less` or `equal`), straight-through relaxations from a custom gradient.
 */
export class TfOps {
  /** x's value with the gradient of `surrogate` (straight-through). */
  readonly ste: (exact: Tensor, surrogate: Tensor) => Tensor;
  /** x's value with no gradient. */
  readonly stop: (x: Tensor) => Tensor;

  constructor(private readonly tf: TF) {
    this.ste = tf.customGrad((exact, _surrogate) => ({
      value: tf.clone(exact as Tensor),
      gradFunc: (dy: Tensor) => [tf.zerosLike(dy), dy],
    })) as unknown as (exact: Tensor, surrogate: Tensor) => Tensor;
    this.stop = tf.customGrad((x) => ({ value: tf.clone(x as Tensor), gradFunc: (dy: Tensor) => tf.zerosLike(dy) })) as unknown as (x: Tensor) => Tensor;
  }

  /** 1 where x > 0, else 0 (no gradient). */
  private positive(x: Tensor): Tensor {
    return this.tf.relu(this.tf.sign(x));
  }

  /** 1 where x != 0 (truthy), else 0. */
  private truthy(x: Tensor): Tensor {
    return this.tf.abs(this.tf.sign(x));
  }

  private sigmoid(x: Tensor, w: number): Tensor {
    return this.tf.sigmoid(this.tf.mul(x, w));
  }

  /** n - 1 + sigmoid(w (z - n)), n = round(z): the soft floor. */
  private softFloor(z: Tensor, w: number): Tensor {
    const tf = this.tf;
    const n = tf.round(z);
    return tf.add(tf.sub(n, 1), this.sigmoid(tf.sub(z, n), w));
  }

  private safeDiv(x: Tensor, y: Tensor): Tensor {
    const tf = this.tf;
    const zero = tf.sub(1, this.truthy(y));
    return tf.mul(tf.div(x, tf.add(y, zero)), tf.sub(1, zero));
  }

  unary(fn: UnaryFn, x: Tensor, relax: Relax | undefined): Tensor {
    const tf = this.tf;
    const m = relax?.method ?? 'exact';
    const w = relax?.weight ?? 1;
    switch (fn) {
      case 'neg':
        return tf.neg(x);
      case 'not':
        return relax ? tf.sub(1, x) : tf.sub(1, this.truthy(x));
      case 'abs':
        return tf.abs(x);
      case 'sgn':
        if (m === 'soft') return tf.tanh(tf.mul(x, w));
        if (m === 'straight-through') return this.ste(tf.sign(x), tf.tanh(tf.mul(x, w)));
        return tf.sign(x);
      case 'floor':
      case 'ceil':
      case 'round': {
        const exact = fn === 'floor' ? tf.floor(x) : fn === 'ceil' ? tf.ceil(x) : tf.round(x);
        if (m === 'soft') return fn === 'floor' ? this.softFloor(x, w) : fn === 'ceil' ? tf.neg(this.softFloor(tf.neg(x), w)) : this.softFloor(tf.add(x, 0.5), w);
        if (m === 'straight-through') return this.ste(exact, x);
        return exact;
      }
      case 'exp':
        return tf.exp(tf.minimum(x, 88));
      case 'ln':
        return tf.log(tf.maximum(x, TINY));
      case 'sqrt':
        return tf.sqrt(tf.maximum(x, TINY));
      case 'sin':
        return tf.sin(x);
      case 'cos':
        return tf.cos(x);
      case 'tan':
        return tf.tan(x);
      case 'atan':
        return tf.atan(x);
      case 'sinh':
        return tf.sinh(x);
      case 'cosh':
        return tf.cosh(x);
      case 'tanh':
        return tf.tanh(x);
      case 'asin':
        return tf.asin(tf.clipByValue(x, -1 + 1e-7, 1 - 1e-7));
      case 'acos':
        return tf.acos(tf.clipByValue(x, -1 + 1e-7, 1 - 1e-7));
      default:
        throw new Error(`${fn} is not supported by the TensorFlow.js backend`);
    }
  }

  binary(fn: BinaryFn, x: Tensor, y: Tensor, relax: Relax | undefined): Tensor {
    const tf = this.tf;
    // The gradients of minimum and maximum do not reduce broadcast dimensions: give both operands the same shape.
    if ((fn === 'min' || fn === 'max' || (relax && (fn === 'and' || fn === 'or' || fn === 'implies'))) && x.shape.join() !== y.shape.join()) {
      const shape = [Math.max(x.shape[0]!, y.shape[0]!), Math.max(x.shape[1]!, y.shape[1]!)];
      x = tf.broadcastTo(x, shape);
      y = tf.broadcastTo(y, shape);
    }
    const m = relax?.method ?? 'exact';
    const w = relax?.weight ?? 1;
    switch (fn) {
      case 'add':
        return tf.add(x, y);
      case 'sub':
        return tf.sub(x, y);
      case 'mul':
        return tf.mul(x, y);
      case 'div':
        return this.safeDiv(x, y);
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        const d = fn === 'lt' || fn === 'le' ? tf.sub(y, x) : tf.sub(x, y);
        // Strict: d > 0; non-strict: not (-d > 0).
        const exact = fn === 'lt' || fn === 'gt' ? this.positive(d) : tf.sub(1, this.positive(tf.neg(d)));
        if (m === 'sigmoid') return this.sigmoid(d, w);
        if (m === 'straight-through') return this.ste(exact, this.sigmoid(d, w));
        return exact;
      }
      case 'eq':
      case 'neq': {
        const d = tf.sub(x, y);
        const same = tf.sub(1, this.truthy(d));
        const exact = fn === 'eq' ? same : tf.sub(1, same);
        const th = tf.tanh(tf.mul(d, w));
        const bump = tf.sub(1, tf.mul(th, th));
        const soft = fn === 'eq' ? bump : tf.sub(1, bump);
        if (m === 'tanh') return soft;
        if (m === 'straight-through') return this.ste(exact, soft);
        return exact;
      }
      case 'and':
      case 'or':
      case 'implies':
      case 'equiv': {
        if (!relax) {
          const a = this.truthy(x);
          const b = this.truthy(y);
          if (fn === 'and') return tf.mul(a, b);
          if (fn === 'or') return tf.sub(1, tf.mul(tf.sub(1, a), tf.sub(1, b)));
          if (fn === 'implies') return tf.sub(1, tf.mul(a, tf.sub(1, b)));
          return tf.sub(1, tf.abs(tf.sub(a, b)));
        }
        if (m === 'goedel') {
          if (fn === 'and') return tf.minimum(x, y);
          if (fn === 'or') return tf.maximum(x, y);
          if (fn === 'implies') return tf.maximum(tf.sub(1, x), y);
          return tf.sub(1, tf.abs(tf.sub(x, y)));
        }
        if (m === 'lukasiewicz') {
          if (fn === 'and') return tf.relu(tf.sub(tf.add(x, y), 1));
          if (fn === 'or') return tf.minimum(tf.add(x, y), 1);
          if (fn === 'implies') return tf.minimum(tf.add(tf.sub(1, x), y), 1);
          return tf.sub(1, tf.abs(tf.sub(x, y)));
        }
        if (fn === 'and') return tf.mul(x, y);
        if (fn === 'or') return tf.sub(tf.add(x, y), tf.mul(x, y));
        if (fn === 'implies') return tf.add(tf.sub(1, x), tf.mul(x, y));
        return tf.add(tf.sub(tf.sub(1, x), y), tf.mul(tf.mul(x, y), 2));
      }
      case 'min':
      case 'max': {
        const exact = fn === 'min' ? tf.minimum(x, y) : tf.maximum(x, y);
        const d = fn === 'min' ? tf.sub(y, x) : tf.sub(x, y);
        if (m === 'softmax') {
          // Log-sum-exp of (x, y) with weight w (negated for min).
          const s = fn === 'min' ? -w : w;
          const M = this.stop(exact);
          const lse = tf.div(tf.log(tf.add(tf.exp(tf.mul(tf.sub(x, M), s)), tf.exp(tf.mul(tf.sub(y, M), s)))), s);
          return tf.add(M, lse);
        }
        if (m === 'straight-through') {
          const scale = tf.add(tf.mul(tf.add(tf.abs(x), tf.abs(y)), 0.5), 1e-12);
          const share = this.stop(this.sigmoid(tf.div(d, scale), w));
          return this.ste(exact, tf.add(tf.mul(share, x), tf.mul(tf.sub(1, share), y)));
        }
        return exact;
      }
      case 'pow':
        return tf.pow(x, y);
      case 'log':
        return this.safeDiv(tf.log(tf.maximum(x, TINY)), tf.log(tf.maximum(y, TINY)));
      case 'hypot':
        return tf.sqrt(tf.maximum(tf.add(tf.mul(x, x), tf.mul(y, y)), TINY));
      case 'idiv': {
        const q = this.safeDiv(x, y);
        if (m === 'soft') return this.softFloor(q, w);
        if (m === 'straight-through') return this.ste(tf.floor(q), q);
        return tf.floor(q);
      }
      case 'mod':
      case 'fmod': {
        const q = this.safeDiv(x, y);
        const whole = fn === 'mod' ? tf.floor(q) : tf.mul(tf.sign(q), tf.floor(tf.abs(q)));
        if (m === 'soft' && fn === 'mod') return tf.sub(x, tf.mul(y, this.softFloor(q, w)));
        // floor has a zero gradient here, so this is the derivative almost everywhere (1, -quotient).
        const v = tf.sub(x, tf.mul(y, whole));
        return relax && m !== 'exact' ? v : this.stop(v);
      }
    }
  }

  ifThenElse(c: Tensor, t: Tensor, e: Tensor, relaxed: boolean): Tensor {
    const tf = this.tf;
    const k = relaxed ? c : this.truthy(c);
    return tf.add(tf.mul(k, t), tf.mul(tf.sub(1, k), e));
  }

  /** a: [W, k, B] reduced over axis 1. */
  reduce(fn: ReduceFn, a: Tensor, relax: Relax | undefined): Tensor {
    const tf = this.tf;
    const m = relax?.method;
    const w = relax?.weight ?? 1;
    const k = a.shape[1]!;
    switch (fn) {
      case 'sum':
        return tf.sum(a, 1);
      case 'prod':
        return tf.prod(a, 1);
      case 'min':
      case 'max': {
        const exact = fn === 'min' ? tf.min(a, 1) : tf.max(a, 1);
        const s = fn === 'min' ? -w : w;
        if (m === 'softmax') return tf.div(tf.logSumExp(tf.mul(a, s), 1), s);
        if (m === 'straight-through') {
          const scale = tf.add(tf.mean(tf.abs(a), 1, true), 1e-12);
          const p = this.stop(tf.softmax(tf.transpose(tf.div(tf.mul(tf.sub(a, tf.expandDims(exact, 1)), s), scale), [0, 2, 1])));
          return this.ste(exact, tf.sum(tf.mul(tf.transpose(p, [0, 2, 1]), a), 1));
        }
        return exact;
      }
      case 'all':
      case 'any': {
        const all = fn === 'all';
        if (!relax) {
          const b = this.truthy(a);
          return all ? tf.prod(b, 1) : tf.sub(1, tf.prod(tf.sub(1, b), 1));
        }
        if (m === 'goedel') return all ? tf.min(a, 1) : tf.max(a, 1);
        if (m === 'lukasiewicz') return all ? tf.relu(tf.sub(tf.sum(a, 1), k - 1)) : tf.minimum(tf.sum(a, 1), 1);
        return all ? tf.prod(a, 1) : tf.sub(1, tf.prod(tf.sub(1, a), 1));
      }
    }
  }

  /** Weights over axis 1 of [W, k, B] logits. */
  private softmax1(logits: Tensor): Tensor {
    const tf = this.tf;
    return tf.transpose(tf.softmax(tf.transpose(logits, [0, 2, 1])), [0, 2, 1]);
  }

  private range(k: number): Tensor {
    return this.tf.reshape(this.tf.range(0, k, 1, 'float32'), [1, k, 1]);
  }

  /** index: [W, 1, B]; options: [W, k, B]. */
  select(index: Tensor, options: Tensor, relax: Relax | undefined): Tensor {
    const tf = this.tf;
    const k = options.shape[1]!;
    const j = this.range(k);
    const chosen = tf.clipByValue(tf.round(index), 0, k - 1);
    const mask = tf.sub(1, this.truthy(tf.sub(j, chosen)));
    const exact = tf.sum(tf.mul(mask, options), 1);
    const m = relax?.method;
    if (m !== 'softmax' && m !== 'straight-through') return exact;
    const d = tf.sub(j, index);
    const soft = tf.sum(tf.mul(this.softmax1(tf.mul(tf.mul(d, d), -relax!.weight)), options), 1);
    return m === 'softmax' ? soft : this.ste(exact, soft);
  }

  /** a: [W, k, B]. */
  argext(fn: 'argmin' | 'argmax', a: Tensor, relax: Relax | undefined): Tensor {
    const tf = this.tf;
    const k = a.shape[1]!;
    const exact = tf.cast(fn === 'argmax' ? tf.argMax(a, 1) : tf.argMin(a, 1), 'float32');
    const m = relax?.method;
    if (m !== 'softmax' && m !== 'straight-through') return exact;
    const soft = tf.sum(tf.mul(this.softmax1(tf.mul(a, fn === 'argmax' ? relax!.weight : -relax!.weight)), this.range(k)), 1);
    return m === 'softmax' ? soft : this.ste(exact, soft);
  }

  sample(dist: string, args: Tensor[], draws: Tensor, relax: Relax | undefined): Tensor {
    const tf = this.tf;
    // float32 uniforms can round to 0 or 1.
    const noise = dist === 'Normal' ? draws : tf.clipByValue(draws, 1e-7, 1 - 1e-7);
    const [a0, a1] = args as [Tensor, Tensor];
    const m = relax?.method;
    const exactOnly = (v: Tensor) => (m === undefined || m === 'exact' ? this.stop(v) : v);
    switch (dist) {
      case 'Normal':
        return exactOnly(tf.add(a0, tf.mul(tf.sqrt(tf.maximum(a1, TINY)), noise)));
      case 'Uniform':
        return exactOnly(tf.add(a0, tf.mul(tf.sub(a1, a0), noise)));
      case 'Exponential':
        return exactOnly(tf.mul(a0, tf.neg(tf.log(tf.maximum(tf.sub(1, noise), TINY)))));
      case 'Gumbel':
        return exactOnly(tf.sub(a0, tf.mul(a1, tf.log(tf.neg(tf.log(noise))))));
      case 'Bernoulli': {
        // 1 - u <= p, and the binary concrete sigmoid(w (logit p + logit u)).
        const exact = tf.sub(1, this.positive(tf.sub(tf.sub(1, noise), a0)));
        if (m !== 'gumbel' && m !== 'straight-through') return exact;
        const q = tf.clipByValue(a0, 1e-6, 1 - 1e-6);
        const logit = tf.add(tf.sub(tf.log(q), tf.log(tf.sub(1, q))), tf.sub(tf.log(noise), tf.log(tf.sub(1, noise))));
        const soft = this.sigmoid(logit, relax!.weight);
        return m === 'gumbel' ? soft : this.ste(exact, soft);
      }
      default:
        throw new Error(`${dist} draws are not supported by the TensorFlow.js backend`);
    }
  }

  /** probs, gumbel: [W, k, B]. */
  discrete(probs: Tensor, gumbel: Tensor, relax: Relax | undefined): Tensor {
    const tf = this.tf;
    const k = probs.shape[1]!;
    const z = tf.add(tf.log(tf.maximum(probs, TINY)), gumbel);
    const exact = tf.cast(tf.argMax(z, 1), 'float32');
    const m = relax?.method;
    if (m !== 'gumbel-softmax' && m !== 'straight-through') return exact;
    const soft = tf.sum(tf.mul(this.softmax1(tf.mul(z, relax!.weight)), this.range(k)), 1);
    return m === 'gumbel-softmax' ? soft : this.ste(exact, soft);
  }
}
