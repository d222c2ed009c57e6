/** Adam on plain typed arrays: dense for tower weights, row-sparse ("lazy") for embedding tables. */
export interface AdamSettings {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const defaultAdam: Omit<AdamSettings, 'learningRate'> = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

export class AdamSlots {
  private readonly m: Float32Array;
  private readonly v: Float32Array;

  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** Step size with bias correction for update number `t` (1-based). */
  static stepSize(settings: AdamSettings, t: number): number {
    return (settings.learningRate * Math.sqrt(1 - settings.beta2 ** t)) / (1 - settings.beta1 ** t);
  }

  /** Updates `params[offset + j]` with `grad[j]` for j < grad.length. */
  apply(params: Float32Array, grad: Float32Array, offset: number, settings: AdamSettings, stepSize: number): void {
    const { beta1, beta2, epsilon } = settings;
    const { m, v } = this;
    for (let j = 0; j < grad.length; j++) {
      const g = grad[j]!;
      const p = offset + j;
      const mj = (m[p] = beta1 * m[p]! + (1 - beta1) * g);
      const vj = (v[p] = beta2 * v[p]! + (1 - beta2) * g * g);
      params[p]! -= (stepSize * mj) / (Math.sqrt(vj) + epsilon);
    }
  }
}
