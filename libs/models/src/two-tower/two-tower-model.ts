import { tf } from '../backend/model-backend';
import { readTensor } from '../backend/read-tensor';
import type { InteractionDataset } from '../data/interaction-dataset';
import type { RetrievalScorer } from '../evaluation/retrieval-scorer';
import { fileModelIO } from '../io/file-model-io';
import { itemBatch, TowerBatch, userBatch } from './tower-batch';
import { ItemTowerInput, UserTowerInput } from './tower-inputs';
import { layerTensors, LayerTensors, towerForward, towerForwardRows } from './tower-network';
import { TwoTowerConfig } from './two-tower-config';
import { TwoTowerWeights, weightArrays, weightsFromArrays } from './two-tower-weights';
import { UserHistories } from './user-histories';

/** How a model was trained, reported by the trainer and kept in the manifest. */
export interface TwoTowerTrainingSummary {
  /** Positive training interactions (one example each per epoch). */
  examples: number;
  epochs: number;
  seconds: number;
  examplesPerSecond: number;
  finalLoss: number;
}

/** What save() returns: the settings that belong in the manifest's config. */
export interface SavedTwoTowerSettings {
  twoTower: TwoTowerConfig;
  catalogueItems: number;
  training?: TwoTowerTrainingSummary;
}

/** Interactions whose positives are the users' histories when scoring. */
export interface ScoringSource {
  dataset: InteractionDataset;
  /** Rows (usually the training split) the histories come from. */
  historyRows: Int32Array;
}

const FORMAT = 'cascade-two-tower';
const ENCODE_CHUNK = 1024;
/** Batches up to this size run the tower in plain loops (serving requests), larger ones on TF.js. */
const LOOP_FORWARD_MAX_ROWS = 8;
const SCORE_CHUNK = 256;

export function catalogueInputs(dataset: InteractionDataset): ItemTowerInput[] {
  return dataset.itemIds.map((itemId, i) => ({ ...dataset.items[i], itemId }));
}

/**
 * A trained two-tower retrieval model: a user tower for requests, an item tower for the ANN index
 * (and for new uploads, whose attributes stand in for an id embedding training never saw), and
 * the catalogue's item vectors as of training. Vectors are L2-normalised; the score is their dot.
 */
export class TwoTowerModel {
  private layers?: { user: LayerTensors[]; item: LayerTensors[] };
  private catalogueVectors?: Float32Array;

  private constructor(
    readonly config: TwoTowerConfig,
    private readonly weights: TwoTowerWeights,
    /** The catalogue the model was trained on, in dataset order. */
    readonly itemIds: readonly string[],
    /** Items with a trained id embedding; any other id is encoded from its attributes alone. */
    private readonly trainedItemIds: ReadonlySet<string>,
    private readonly catalogue: readonly ItemTowerInput[] | undefined,
    vectors: Float32Array | undefined,
    private readonly trainingSource: ScoringSource | undefined,
    readonly training: TwoTowerTrainingSummary | undefined,
  ) {
    this.catalogueVectors = vectors;
  }

  static fromTraining(
    config: TwoTowerConfig,
    weights: TwoTowerWeights,
    source: ScoringSource,
    trainedItemIds: ReadonlySet<string>,
    training: TwoTowerTrainingSummary,
  ): TwoTowerModel {
    return new TwoTowerModel(config, weights, source.dataset.itemIds, trainedItemIds, catalogueInputs(source.dataset), undefined, source, training);
  }

  /** The catalogue's vectors, row-major itemIds.length × dim. */
  itemVectors(): Float32Array {
    this.catalogueVectors ??= this.encodeItems(this.catalogue ?? []);
    return this.catalogueVectors;
  }

  /** Item vectors (row-major n × dim) for any items, e.g. new uploads from content events. */
  encodeItems(items: readonly ItemTowerInput[]): Float32Array {
    const trainedItemIds = this.trainedItemIds;
    return this.encode(items, (chunk) => itemBatch(this.weights, this.config, chunk, { knownOnly: true, trainedItemIds }), 'item');
  }

  /** User vectors (row-major n × dim), one batched inference for all the requests given. */
  encodeUsers(inputs: readonly UserTowerInput[]): Float32Array {
    return this.encodeUserBatch(inputs, this.config);
  }

  private encodeUserBatch(inputs: readonly UserTowerInput[], config: TwoTowerConfig): Float32Array {
    return this.encode(inputs, (chunk) => userBatch(this.weights, config, chunk, { knownOnly: true }), 'user');
  }

  /**
   * Scores every item for dataset users from their positive history in `source` (by default the
   * dataset and training rows the model was trained on).
   */
  asScorer(source: ScoringSource | undefined = this.trainingSource): RetrievalScorer {
    if (!source) throw new Error('two-tower: a loaded model needs a dataset and history rows to score dataset users');
    const { dataset } = source;
    const histories = UserHistories.fromRows(dataset, source.historyRows);
    // Without timestamps the history order means nothing: pool it as a plain mean, as in training.
    const historyConfig = histories.ordered ? this.config : { ...this.config, historyHalfLife: null };
    const sameCatalogue = dataset.itemIds.length === this.itemIds.length && dataset.itemIds.every((id, i) => id === this.itemIds[i]);
    let items: Float32Array | undefined;
    return {
      name: 'two-tower',
      scoreUsers: (users: Int32Array): Float32Array => {
        items ??= sameCatalogue ? this.itemVectors() : this.encodeItems(catalogueInputs(dataset));
        const n = dataset.itemIds.length;
        const out = new Float32Array(users.length * n);
        const itemTensor = tf.tensor2d(items, [n, this.config.dim]);
        try {
          for (let start = 0; start < users.length; start += SCORE_CHUNK) {
            const chunk = Array.from(users.subarray(start, start + SCORE_CHUNK), (u) => ({
              userId: dataset.userIds[u]!,
              history: Array.from(histories.recent(u, this.config.historyLength), (i) => dataset.itemIds[i]!),
              ...(dataset.users?.[u] ? { attributes: dataset.users[u] } : {}),
            }));
            const vectors = this.encodeUserBatch(chunk, historyConfig);
            const scores = readTensor(() => tf.matMul(tf.tensor2d(vectors, [chunk.length, this.config.dim]), itemTensor, false, true));
            out.set(scores, start * n);
          }
        } finally {
          itemTensor.dispose();
        }
        return out;
      },
    };
  }

  private encode<T>(inputs: readonly T[], batch: (chunk: readonly T[]) => TowerBatch, tower: 'user' | 'item'): Float32Array {
    const { dim } = this.config;
    const out = new Float32Array(inputs.length * dim);
    const tensors = () => (this.layers ??= { user: layerTensors(this.weights.userTower), item: layerTensors(this.weights.itemTower) })[tower];
    for (let start = 0; start < inputs.length; start += ENCODE_CHUNK) {
      const chunk = batch(inputs.slice(start, start + ENCODE_CHUNK));
      const x = chunk.matrix(this.weights);
      const vectors =
        chunk.count <= LOOP_FORWARD_MAX_ROWS
          ? towerForwardRows(x, chunk.count, tower === 'user' ? this.weights.userTower : this.weights.itemTower)
          : this.forwardOnBackend(x, chunk.count, chunk.width, tensors());
      out.set(vectors, start * dim);
    }
    return out;
  }

  private forwardOnBackend(x: Float32Array, rows: number, width: number, layers: readonly LayerTensors[]): Float32Array {
    return readTensor(() => towerForward(tf.tensor2d(x, [rows, width]), layers));
  }

  /** Writes weights and catalogue vectors into `dir`; returns what belongs in the manifest's config. */
  async save(dir: string): Promise<SavedTwoTowerSettings> {
    const vectors = this.itemVectors();
    const arrays = [
      ...weightArrays(this.weights),
      { name: 'catalogue/vectors', shape: [this.itemIds.length, this.config.dim], data: vectors },
      { name: 'catalogue/trained', shape: [this.itemIds.length], data: Int32Array.from(this.itemIds, (id) => (this.trainedItemIds.has(id) ? 1 : 0)) },
    ];
    const named = Object.fromEntries(arrays.map((a) => [a.name, tf.tensor(a.data, a.shape, a.data instanceof Int32Array ? 'int32' : 'float32')]));
    try {
      const { data, specs } = await tf.io.encodeWeights(named);
      await fileModelIO(dir).save!({
        modelTopology: { format: FORMAT, config: this.config },
        format: FORMAT,
        generatedBy: 'cascade two-tower',
        weightSpecs: specs,
        weightData: data,
        userDefinedMetadata: { itemIds: [...this.itemIds], ...(this.training ? { training: { ...this.training } } : {}) },
      });
    } finally {
      Object.values(named).forEach((t) => t.dispose());
    }
    return { twoTower: this.config, catalogueItems: this.itemIds.length, ...(this.training ? { training: this.training } : {}) };
  }

  static async load(dir: string): Promise<TwoTowerModel> {
    const artifacts = await fileModelIO(dir).load!();
    const topology = artifacts.modelTopology as { format?: string; config?: TwoTowerConfig } | undefined;
    if (topology?.format !== FORMAT || !topology.config) throw new Error(`${dir} does not hold a two-tower model`);
    if (!artifacts.weightData || !artifacts.weightSpecs) throw new Error(`${dir} has no two-tower weights`);
    const decoded = tf.io.decodeWeights(artifacts.weightData, artifacts.weightSpecs);
    const arrays = new Map<string, Float32Array | Int32Array>();
    for (const [name, tensor] of Object.entries(decoded)) {
      arrays.set(name, tensor.dataSync() as Float32Array | Int32Array);
      tensor.dispose();
    }
    const config = topology.config;
    const metadata = (artifacts.userDefinedMetadata ?? {}) as { itemIds?: string[]; training?: TwoTowerTrainingSummary };
    const itemIds = metadata.itemIds ?? [];
    const trainedFlags = arrays.get('catalogue/trained') ?? new Int32Array(itemIds.length);
    const trained = new Set(itemIds.filter((_, i) => trainedFlags[i] === 1));
    const vectors = arrays.get('catalogue/vectors');
    return new TwoTowerModel(config, weightsFromArrays(config, arrays), itemIds, trained, undefined, vectors ? Float32Array.from(vectors) : new Float32Array(0), undefined, metadata.training);
  }

  /** Frees the tower weights held on the TF.js backend. */
  dispose(): void {
    for (const layer of [...(this.layers?.user ?? []), ...(this.layers?.item ?? [])]) {
      layer.kernel.dispose();
      layer.bias.dispose();
    }
    this.layers = undefined;
  }
}
