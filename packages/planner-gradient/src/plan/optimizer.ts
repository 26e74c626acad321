import type { OptimizerName } from '../options.js';

/** A first-order optimiser minimising the loss: updates the parameters in place from their gradient. */
export interface Optimizer {
  step(theta: Float64Array, grad: Float64Array): void;
}

/** Adam (Kingma and Ba 2015) with bias correction. */
export class Adam implements Optimizer {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  constructor(
    size: number,
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  step(theta: Float64Array, grad: Float64Array): void {
    this.t++;
    const { m, v, beta1, beta2 } = this;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      theta[i]! -= (this.lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + this.eps);
    }
  }
}

/** RMSProp (Tieleman and Hinton 2012). */
export class RmsProp implements Optimizer {
  private readonly v: Float64Array;
  constructor(
    size: number,
    private readonly lr: number,
    private readonly decay = 0.9,
    private readonly eps = 1e-8,
  ) {
    this.v = new Float64Array(size);
  }

  step(theta: Float64Array, grad: Float64Array): void {
    const { v, decay } = this;
    for (let i = 0; i < theta.length; i++) {
      const g = grad[i]!;
      v[i] = decay * v[i]! + (1 - decay) * g * g;
      theta[i]! -= (this.lr * g) / (Math.sqrt(v[i]!) + this.eps);
    }
  }
}

export function createOptimizer(name: OptimizerName, size: number, learningRate: number): Optimizer {
  return name === 'adam' ? new Adam(size, learningRate) : new RmsProp(size, learningRate);
}
