import type { TaskPredictions } from '@cascade/models';
import { rankerTasks } from '@cascade/models';
import { batchesOf, BatchableModel, InferenceBatcher } from './inference-batcher';

/** A model whose every task score is the row's first value plus the task's index, recording each call's row count. */
function fakeModel(width: number, calls: number[] = []): BatchableModel & { calls: number[] } {
  return {
    width,
    calls,
    predict(rows: Float32Array): TaskPredictions {
      const n = rows.length / width;
      calls.push(n);
      const out = {} as TaskPredictions;
      rankerTasks.forEach((task, k) => (out[task] = Float32Array.from({ length: n }, (_, i) => rows[i * width]! + k)));
      return out;
    },
  };
}

const rowsStartingWith = (width: number, firsts: number[]) => {
  const rows = new Float32Array(firsts.length * width);
  firsts.forEach((v, i) => (rows[i * width] = v));
  return rows;
};

describe('InferenceBatcher', () => {
  it('runs requests that arrive in the same turn as one inference and hands each its own rows', async () => {
    const model = fakeModel(3);
    const batcher = new InferenceBatcher(1000);
    const [a, b, c] = await Promise.all([
      batcher.predict(model, rowsStartingWith(3, [1, 2])),
      batcher.predict(model, rowsStartingWith(3, [10])),
      batcher.predict(model, rowsStartingWith(3, [20, 21, 22])),
    ]);
    expect(model.calls).toEqual([6]);
    expect(Array.from(a!.complete)).toEqual([1, 2]);
    expect(Array.from(b!.like)).toEqual([11]);
    expect(Array.from(c!.watch_ratio)).toEqual([26, 27, 28]);
  });

  it('runs a request alone when nothing else is waiting, and later requests in their own turn', async () => {
    const model = fakeModel(2);
    const batcher = new InferenceBatcher(1000);
    await batcher.predict(model, rowsStartingWith(2, [5]));
    await batcher.predict(model, rowsStartingWith(2, [6, 7]));
    expect(model.calls).toEqual([1, 2]);
  });

  it('keeps each call within the row limit and each model to its own calls', async () => {
    const small = fakeModel(1);
    const other = fakeModel(1);
    const batcher = new InferenceBatcher(4);
    const results = await Promise.all([
      batcher.predict(small, rowsStartingWith(1, [1, 1, 1])),
      batcher.predict(other, rowsStartingWith(1, [2])),
      batcher.predict(small, rowsStartingWith(1, [3])),
      batcher.predict(small, rowsStartingWith(1, [4, 4])),
      batcher.predict(small, rowsStartingWith(1, [5, 5, 5, 5, 5, 5])),
    ]);
    expect(small.calls).toEqual([4, 2, 6]);
    expect(other.calls).toEqual([1]);
    expect(results.map((r) => r.complete[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails every request of a batch whose inference throws, and serves the next turn', async () => {
    const model = fakeModel(1);
    const batcher = new InferenceBatcher(100);
    const broken: BatchableModel = { width: 1, predict: () => { throw new Error('backend lost'); } };
    const outcomes = await Promise.allSettled([batcher.predict(broken, rowsStartingWith(1, [1])), batcher.predict(broken, rowsStartingWith(1, [2])), batcher.predict(model, rowsStartingWith(1, [3]))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((await batcher.predict(model, rowsStartingWith(1, [4]))).complete[0]).toBe(4);
  });
});

describe('batchesOf', () => {
  it('groups by model in arrival order without passing the row limit', () => {
    const a = fakeModel(2);
    const b = fakeModel(2);
    const item = (model: BatchableModel, rows: number, id: string) => ({ model, rows: new Float32Array(rows * 2), id });
    const batches = batchesOf([item(a, 2, 'a1'), item(b, 1, 'b1'), item(a, 2, 'a2'), item(a, 1, 'a3'), item(b, 9, 'b2')], 4);
    expect(batches.map((batch) => batch.map((p) => p.id))).toEqual([['a1', 'a2'], ['b1'], ['a3'], ['b2']]);
  });
});
