import { tf } from '../backend/model-backend';
import { readTensor } from '../backend/read-tensor';
import { fileModelIO } from '../io/file-model-io';
import { applyScaling, FeatureScaling, fitScaling } from './feature-scaler';
import { binaryTasks, RankerLabels, RankerTask, rankerTasks } from './ranker-tasks';

export interface RankerConfig {
  featureNames: string[];
  /** Widths of the shared-bottom layers. */
  hidden: number[];
  learningRate: number;
  /** Weight of the watch-ratio regression loss relative to each binary task. */
  watchRatioWeight: number;
}

export const defaultRankerConfig: Omit<RankerConfig, 'featureNames'> = { hidden: [128, 64], learningRate: 0.003, watchRatioWeight: 1 };

/** What a saved ranker needs besides its weights. */
export interface SavedRankerSettings {
  scaling: FeatureScaling;
  ranker: RankerConfig;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  validationSplit?: number;
  onEpochEnd?: (epoch: number, logs: Record<string, number>) => void;
}

export type TaskPredictions = Record<RankerTask, Float32Array>;

const BINARY = binaryTasks.length;
const OUTPUTS = rankerTasks.length;

/** Loss over the 7 logits: sigmoid cross-entropy per binary task plus weighted MSE of watch ratio. */
function multiTaskLoss(watchRatioWeight: number) {
  return (labels: tf.Tensor, logits: tf.Tensor): tf.Scalar =>
    tf.tidy(() => {
      const binaryLabels = labels.slice([0, 0], [-1, BINARY]);
      const binaryLogits = logits.slice([0, 0], [-1, BINARY]);
      const watchLabels = labels.slice([0, BINARY], [-1, 1]);
      const watchPredictions = logits.slice([0, BINARY], [-1, 1]);
      const bce = tf.losses.sigmoidCrossEntropy(binaryLabels, binaryLogits).mul(BINARY);
      const mse = tf.losses.meanSquaredError(watchLabels, watchPredictions).mul(watchRatioWeight);
      return bce.add(mse) as tf.Scalar;
    });
}

function labelMatrix(labels: readonly RankerLabels[]): Float32Array {
  const out = new Float32Array(labels.length * OUTPUTS);
  labels.forEach((label, i) => {
    binaryTasks.forEach((task, k) => (out[i * OUTPUTS + k] = label[task]));
    out[i * OUTPUTS + BINARY] = Math.min(2, Math.max(0, label.watch_ratio));
  });
  return out;
}

/**
 * Multi-task ranker: a shared-bottom MLP over the registered numeric features with one logit per
 * binary task (complete, like, share, follow, skip, hide) and a watch-ratio regression output.
 * Inference scores a whole request in one batched call.
 */
type DenseActivation = 'relu' | 'linear';

interface DenseWeights {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
  activation: DenseActivation;
}

/** The model's dense layers in order, or undefined when it has anything else (then the Layers API runs it). */
function denseStack(model: tf.LayersModel): DenseWeights[] | undefined {
  const dense: DenseWeights[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const activation = (layer.getConfig() as { activation?: string }).activation;
    const weights = layer.getWeights();
    if (layer.getClassName() !== 'Dense' || weights.length !== 2 || (activation !== 'relu' && activation !== 'linear')) return undefined;
    // getWeights() hands back the layer's variables themselves, so these follow any later training.
    dense.push({ kernel: weights[0] as tf.Tensor2D, bias: weights[1] as tf.Tensor1D, activation });
  }
  return dense;
}

export class MultiTaskRanker {
  private readonly dense: DenseWeights[] | undefined;

  private constructor(
    readonly config: RankerConfig,
    private readonly model: tf.LayersModel,
    private scaling: FeatureScaling,
  ) {
    this.dense = denseStack(model);
  }

  static create(config: RankerConfig): MultiTaskRanker {
    const input = tf.input({ shape: [config.featureNames.length] });
    let x: tf.SymbolicTensor = input;
    for (const units of config.hidden) x = tf.layers.dense({ units, activation: 'relu', kernelInitializer: 'heNormal' }).apply(x) as tf.SymbolicTensor;
    const logits = tf.layers.dense({ units: OUTPUTS, kernelInitializer: 'glorotNormal' }).apply(x) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: logits });
    const identity: FeatureScaling = { log: config.featureNames.map(() => false), mean: config.featureNames.map(() => 0), std: config.featureNames.map(() => 1) };
    return new MultiTaskRanker(config, model, identity);
  }

  /** How inference runs: fused matmuls over the dense stack, or the Layers API for other architectures. */
  get inference(): 'fused' | 'layers' {
    return this.dense ? 'fused' : 'layers';
  }

  get width(): number {
    return this.config.featureNames.length;
  }

  get featureScaling(): FeatureScaling {
    return this.scaling;
  }

  /** Learns the feature scaling from `rows` (row-major, n × width), then trains every head. */
  async fit(rows: Float32Array, labels: readonly RankerLabels[], options: FitOptions): Promise<Record<string, number>> {
    this.scaling = fitScaling(rows, this.width);
    const scaled = applyScaling(Float32Array.from(rows), this.scaling);
    this.model.compile({ optimizer: tf.train.adam(this.config.learningRate), loss: multiTaskLoss(this.config.watchRatioWeight) });
    const x = tf.tensor2d(scaled, [labels.length, this.width]);
    const y = tf.tensor2d(labelMatrix(labels), [labels.length, OUTPUTS]);
    try {
      const history = await this.model.fit(x, y, {
        epochs: options.epochs,
        batchSize: options.batchSize,
        shuffle: true,
        validationSplit: options.validationSplit ?? 0,
        verbose: 0,
        callbacks: { onEpochEnd: (epoch, logs) => options.onEpochEnd?.(epoch, (logs ?? {}) as Record<string, number>) },
      });
      const last: Record<string, number> = {};
      for (const [name, values] of Object.entries(history.history)) last[name] = Number(values[values.length - 1]);
      return last;
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  /** Scores n candidates (row-major n × width, raw feature values) in one inference. */
  predict(rows: Float32Array): TaskPredictions {
    const n = rows.length / this.width;
    const scaled = applyScaling(new Float32Array(rows), this.scaling);
    // The heads' sigmoid and clip run here on n × 7 numbers: cheaper than five more kernel calls.
    const logits = readTensor(() => this.logits(tf.tensor2d(scaled, [n, this.width])));
    const out = {} as TaskPredictions;
    rankerTasks.forEach((task, k) => {
      const column = new Float32Array(n);
      if (k < BINARY) for (let i = 0; i < n; i++) column[i] = 1 / (1 + Math.exp(-logits[i * OUTPUTS + k]!));
      else for (let i = 0; i < n; i++) column[i] = Math.min(2, Math.max(0, logits[i * OUTPUTS + k]!));
      out[task] = column;
    });
    return out;
  }

  /**
   * One fused matmul (bias and ReLU in the same kernel) per dense layer, without the Layers API's
   * per-call bookkeeping; predictOnBatch for any other architecture (predict() would split the
   * request into batches of 32).
   */
  private logits(input: tf.Tensor2D): tf.Tensor2D {
    if (!this.dense) return this.model.predictOnBatch(input) as tf.Tensor2D;
    let x = input;
    for (const { kernel, bias, activation } of this.dense) x = tf.fused.matMul({ a: x, b: kernel, bias, activation }) as tf.Tensor2D;
    return x;
  }

  /** Writes weights into `dir`; returns the scaling and config, which belong in the manifest's config. */
  async save(dir: string): Promise<SavedRankerSettings> {
    await this.model.save(fileModelIO(dir));
    return { scaling: this.scaling, ranker: this.config };
  }

  static async load(dir: string, saved: SavedRankerSettings): Promise<MultiTaskRanker> {
    const model = await tf.loadLayersModel(fileModelIO(dir));
    return new MultiTaskRanker(saved.ranker, model, saved.scaling);
  }

  dispose(): void {
    this.model.dispose();
  }
}
