import { initModelBackend, tf } from '../backend/model-backend';
import { InteractionDataset, isPositiveLabel } from '../data/interaction-dataset';
import { AdamSettings, AdamSlots, defaultAdam } from './adam';
import { bucketsFor } from './hashing';
import { SeededRandom } from './seeded-random';
import { TableGradients, itemBatch, userBatch } from './tower-batch';
import { categoryKey, creatorKey, itemAttributeKeys, userAttributeKeys, UserTowerInput } from './tower-inputs';
import { layerTensors, matMul, towerForward } from './tower-network';
import { defaultTwoTowerShape, TwoTowerConfig } from './two-tower-config';
import { catalogueInputs, TwoTowerModel } from './two-tower-model';
import { createTwoTowerWeights, DenseLayer, tableNames, TwoTowerWeights } from './two-tower-weights';
import { UserHistories } from './user-histories';

export interface TwoTowerProgress {
  epoch: number;
  epochs: number;
  /** Steps done in this epoch, of `steps`. */
  step: number;
  steps: number;
  /** Mean loss over the epoch so far. */
  loss: number;
  examplesPerSecond: number;
}

export interface TwoTowerTrainOptions extends Partial<Omit<TwoTowerConfig, 'contentDim'>> {
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Softmax temperature over cosine scores. */
  temperature?: number;
  /** Items drawn uniformly from the catalogue per step and added to the in-batch negatives. */
  extraNegatives?: number;
  /** Probability of training an example without its item-id embedding (teaches the tower cold items). */
  idDropout?: number;
  /** Probability of training an example without its user-id embedding (users served from history alone). */
  userIdDropout?: number;
  /** Probability of training an example without its request context (scoring often has none). */
  contextDropout?: number;
  /** Subtract log of each candidate's sampling probability (on by default; off only to compare). */
  logQCorrection?: boolean;
  /** With timestamps, a training example's history is only what the user liked before it, as at serving (default); false: all their other positives. */
  causalHistory?: boolean;
  seed?: number;
  onProgress?: (progress: TwoTowerProgress) => void;
}

export const defaultTwoTowerTraining = {
  epochs: 10,
  batchSize: 512,
  learningRate: 0.005,
  temperature: 0.1,
  extraNegatives: 0,
  idDropout: 0.1,
  userIdDropout: 0,
  contextDropout: 0.5,
  logQCorrection: true,
  causalHistory: true,
  seed: 7,
};

/** Context keys a request can carry: 24 hours of day and a handful of surfaces. */
const CONTEXT_KEYS = 32;

function distinctTokens(dataset: InteractionDataset): { user: number; item: number } {
  const user = new Set<string>();
  for (const attributes of dataset.users ?? []) for (const key of userAttributeKeys(attributes)) user.add(key);
  const item = new Set<string>();
  for (const attributes of dataset.items) {
    if (attributes.creatorId) item.add(creatorKey(attributes.creatorId));
    for (const c of attributes.categories ?? []) item.add(categoryKey(c));
    for (const key of itemAttributeKeys(attributes)) item.add(key);
  }
  return { user: user.size + CONTEXT_KEYS, item: item.size };
}

export function twoTowerConfigFor(dataset: InteractionDataset, options: TwoTowerTrainOptions = {}): TwoTowerConfig {
  const tokens = distinctTokens(dataset);
  const contentDim = dataset.items.find((item) => item.embedding)?.embedding?.length ?? 0;
  return {
    dim: options.dim ?? defaultTwoTowerShape.dim,
    embeddingDim: options.embeddingDim ?? defaultTwoTowerShape.embeddingDim,
    hidden: options.hidden ?? [...defaultTwoTowerShape.hidden],
    userIdBuckets: options.userIdBuckets ?? bucketsFor(dataset.userIds.length),
    itemIdBuckets: options.itemIdBuckets ?? bucketsFor(dataset.itemIds.length),
    historyBuckets: options.historyBuckets ?? bucketsFor(dataset.itemIds.length),
    userTokenBuckets: options.userTokenBuckets ?? bucketsFor(tokens.user),
    itemTokenBuckets: options.itemTokenBuckets ?? bucketsFor(tokens.item),
    contentDim,
    historyLength: options.historyLength ?? defaultTwoTowerShape.historyLength,
    historyHalfLife: options.historyHalfLife === undefined ? defaultTwoTowerShape.historyHalfLife : options.historyHalfLife,
    historyUsesItemIds: options.historyUsesItemIds ?? defaultTwoTowerShape.historyUsesItemIds,
  };
}

/** Adam state for every weight, dense for the towers and row-sparse for the tables. */
class Optimizer {
  private readonly towers = new Map<Float32Array, AdamSlots>();
  private readonly tables: Record<string, AdamSlots>;
  private step = 0;

  constructor(
    private readonly weights: TwoTowerWeights,
    private readonly settings: AdamSettings,
  ) {
    for (const layer of [...weights.userTower, ...weights.itemTower]) {
      this.towers.set(layer.kernel, new AdamSlots(layer.kernel.length));
      this.towers.set(layer.bias, new AdamSlots(layer.bias.length));
    }
    this.tables = Object.fromEntries(tableNames.map((name) => [name, new AdamSlots(weights.tables[name].weights.length)]));
  }

  apply(towerGradients: ReadonlyMap<Float32Array, Float32Array>, tableGradients: TableGradients): void {
    const stepSize = AdamSlots.stepSize(this.settings, ++this.step);
    for (const [params, grad] of towerGradients) this.towers.get(params)!.apply(params, grad, 0, this.settings, stepSize);
    for (const [name, rows] of tableGradients) {
      const table = this.weights.tables[name];
      const slots = this.tables[name]!;
      for (const [row, grad] of rows) {
        slots.apply(table.weights, grad, row * table.dim, this.settings, stepSize);
        table.trained[row] = 1;
      }
    }
  }
}

const towerParams = (layers: DenseLayer[]): Float32Array[] => layers.flatMap((layer) => [layer.kernel, layer.bias]);

/**
 * Trains a two-tower model on the positive interactions among `trainRows`: in-batch sampled
 * softmax over cosine / temperature, with log-Q correction (each candidate's logit minus the log
 * of how often it is sampled as a candidate, i.e. its share of training positives) so popular
 * items are not over-punished as negatives; optional extra uniform negatives; Adam. Deterministic
 * for a seed on a given backend.
 */
export async function trainTwoTower(dataset: InteractionDataset, trainRows: Int32Array, options: TwoTowerTrainOptions = {}): Promise<TwoTowerModel> {
  await initModelBackend();
  const settings = { ...defaultTwoTowerTraining, ...options };
  const config = twoTowerConfigFor(dataset, options);
  const weights = createTwoTowerWeights(config, settings.seed);
  const optimizer = new Optimizer(weights, { ...defaultAdam, learningRate: settings.learningRate });
  const random = new SeededRandom(settings.seed ^ 0x2f6b1d3);
  const { user, item, label, timeMs } = dataset.interactions;
  const positives = Int32Array.from(Array.from(trainRows).filter((r) => isPositiveLabel(label[r]!)));
  if (positives.length === 0) throw new Error(`two-tower: no positive interactions among the ${trainRows.length} training rows`);
  const histories = UserHistories.fromRows(dataset, trainRows);
  // Without timestamps a history has no newest end, so recency weights would be arbitrary.
  const historyConfig = histories.ordered ? config : { ...config, historyHalfLife: null };
  const catalogue = catalogueInputs(dataset);
  const itemCount = dataset.itemIds.length;

  const share = new Float64Array(itemCount);
  for (const r of positives) share[item[r]!]! += 1 / positives.length;
  const trainedItemIds = new Set<string>();
  for (const r of positives) trainedItemIds.add(dataset.itemIds[item[r]!]!);

  const batchSize = Math.min(settings.batchSize, positives.length);
  const steps = Math.ceil(positives.length / batchSize);
  const started = performance.now();
  let seen = 0;
  let lastLoss = Number.NaN;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    const order = random.shuffle(Int32Array.from(positives));
    let lossSum = 0;
    for (let step = 0; step < steps; step++) {
      const rows = order.subarray(step * batchSize, (step + 1) * batchSize);
      // Candidates: the batch's distinct positives, then uniform extras not already among them.
      const column = new Map<number, number>();
      const labels = Int32Array.from(rows, (r) => {
        const i = item[r]!;
        if (!column.has(i)) column.set(i, column.size);
        return column.get(i)!;
      });
      for (let tries = 0, target = column.size + settings.extraNegatives; column.size < target && tries < settings.extraNegatives * 4; tries++) {
        const i = random.int(itemCount);
        if (!column.has(i)) column.set(i, column.size);
      }
      const candidates = [...column.keys()];
      const uniform = settings.extraNegatives / itemCount;
      const logQ = Float32Array.from(candidates, (i) => (settings.logQCorrection ? Math.log(rows.length * share[i]! + uniform) : 0));

      const users: UserTowerInput[] = Array.from(rows, (r) => {
        const u = user[r]!;
        const attributes = dataset.users?.[u];
        const context = timeMs && random.next() >= settings.contextDropout ? { timeMs: timeMs[r]! } : undefined;
        return {
          userId: dataset.userIds[u]!,
          history: histories.trainingHistory(u, item[r]!, config.historyLength, random, settings.causalHistory).map((i) => dataset.itemIds[i]!),
          ...(attributes ? { attributes } : {}),
          ...(context ? { context } : {}),
        };
      });
      const userInputs = userBatch(weights, historyConfig, users, { knownOnly: false, dropId: () => random.next() < settings.userIdDropout });
      const itemInputs = itemBatch(
        weights,
        config,
        candidates.map((i) => catalogue[i]!),
        { knownOnly: false, dropId: () => random.next() < settings.idDropout },
      );

      const userParams = towerParams(weights.userTower);
      const itemParams = towerParams(weights.itemTower);
      const { loss, gradients } = tf.tidy(() => {
        const inputs = [
          tf.tensor2d(userInputs.matrix(weights), [userInputs.count, userInputs.width]),
          tf.tensor2d(itemInputs.matrix(weights), [itemInputs.count, itemInputs.width]),
          ...layerTensors(weights.userTower).flatMap((l) => [l.kernel, l.bias]),
          ...layerTensors(weights.itemTower).flatMap((l) => [l.kernel, l.bias]),
        ];
        const logQTensor = tf.tensor2d(logQ, [1, candidates.length]);
        const positive = tf.oneHot(tf.tensor1d(labels, 'int32'), candidates.length);
        const layersOf = (flat: tf.Tensor[]) => Array.from({ length: flat.length / 2 }, (_, k) => ({ kernel: flat[2 * k] as tf.Tensor2D, bias: flat[2 * k + 1] as tf.Tensor1D }));
        const objective = (...args: tf.Tensor[]): tf.Scalar => {
          const u = towerForward(args[0] as tf.Tensor2D, layersOf(args.slice(2, 2 + userParams.length)));
          const v = towerForward(args[1] as tf.Tensor2D, layersOf(args.slice(2 + userParams.length)));
          const logits = tf.sub(tf.div(matMul(u, tf.transpose(v)), settings.temperature), logQTensor);
          // softmaxCrossEntropy has a fused gradient; logSumExp's is several times slower on WASM.
          return tf.losses.softmaxCrossEntropy(positive, logits) as tf.Scalar;
        };
        const { value, grads } = tf.valueAndGrads(objective)(inputs);
        return { loss: value.dataSync()[0]!, gradients: grads.map((g) => g.dataSync() as Float32Array) };
      });

      const towerGradients = new Map<Float32Array, Float32Array>();
      [...userParams, ...itemParams].forEach((params, k) => towerGradients.set(params, gradients[2 + k]!));
      const tableGradients: TableGradients = new Map();
      userInputs.scatter(weights, gradients[0]!, tableGradients);
      itemInputs.scatter(weights, gradients[1]!, tableGradients);
      optimizer.apply(towerGradients, tableGradients);

      seen += rows.length;
      lossSum += loss;
      lastLoss = lossSum / (step + 1);
      settings.onProgress?.({ epoch, epochs: settings.epochs, step: step + 1, steps, loss: lastLoss, examplesPerSecond: seen / ((performance.now() - started) / 1000) });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return TwoTowerModel.fromTraining(config, weights, { dataset, historyRows: trainRows }, trainedItemIds, {
    examples: positives.length,
    epochs: settings.epochs,
    seconds,
    examplesPerSecond: seen / seconds,
    finalLoss: lastLoss,
  });
}
