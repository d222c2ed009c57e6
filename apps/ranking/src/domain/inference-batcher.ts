import type { TaskPredictions } from '@cascade/models';

/** What the batcher runs: one model's inference over row-major rows of its width. */
export interface BatchableModel {
  readonly width: number;
  predict(rows: Float32Array): TaskPredictions;
}

interface Pending {
  model: BatchableModel;
  rows: Float32Array;
  resolve: (predictions: TaskPredictions) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs the inferences of requests that become ready in the same event-loop turn as one call per
 * model, up to `maxRows` rows per call. A lone request waits one macrotask at most and is never held
 * back for company; under load, requests whose features arrive together share one larger matmul,
 * which costs far less per row than several small ones.
 */
export class InferenceBatcher {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly maxRows: number,
    private readonly schedule: (run: () => void) => void = (run) => void setImmediate(run),
  ) {}

  predict(model: BatchableModel, rows: Float32Array): Promise<TaskPredictions> {
    return new Promise((resolve, reject) => {
      this.queue.push({ model, rows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => this.flush());
      }
    });
  }

  private flush(): void {
    const queue = this.queue;
    this.queue = [];
    this.scheduled = false;
    for (const batch of batchesOf(queue, this.maxRows)) runBatch(batch);
  }
}

/** The queue split into batches of one model each, in arrival order, each within maxRows (a larger request runs alone). */
export function batchesOf<T extends { model: BatchableModel; rows: Float32Array }>(queue: readonly T[], maxRows: number): T[][] {
  const open = new Map<BatchableModel, { batch: T[]; rows: number }>();
  const batches: T[][] = [];
  for (const pending of queue) {
    const rows = pending.rows.length / pending.model.width;
    const current = open.get(pending.model);
    if (current && current.rows + rows <= maxRows) {
      current.batch.push(pending);
      current.rows += rows;
      continue;
    }
    const batch = [pending];
    batches.push(batch);
    open.set(pending.model, { batch, rows });
  }
  return batches;
}

function runBatch(batch: Pending[]): void {
  try {
    if (batch.length === 1) {
      batch[0]!.resolve(batch[0]!.model.predict(batch[0]!.rows));
      return;
    }
    const rows = new Float32Array(batch.reduce((sum, p) => sum + p.rows.length, 0));
    let offset = 0;
    for (const pending of batch) {
      rows.set(pending.rows, offset);
      offset += pending.rows.length;
    }
    const predictions = batch[0]!.model.predict(rows);
    const width = batch[0]!.model.width;
    let start = 0;
    for (const pending of batch) {
      const count = pending.rows.length / width;
      const own = {} as TaskPredictions;
      for (const task of Object.keys(predictions) as (keyof TaskPredictions)[]) own[task] = predictions[task].subarray(start, start + count);
      start += count;
      pending.resolve(own);
    }
  } catch (error) {
    for (const pending of batch) pending.reject(error);
  }
}
