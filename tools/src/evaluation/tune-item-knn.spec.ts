import { InteractionDatasetBuilder, type InteractionSplit } from '@cascade/models';
import { KNN_NEIGHBOURS_GRID, KNN_SHRINKAGE_GRID, tuneItemKnn } from './tune-item-knn';

/** 30 users over 12 items in 3 taste groups; each user's last positive is their validation row. */
function fixture() {
  const builder = new InteractionDatasetBuilder();
  const train: number[] = [];
  const valid: number[] = [];
  for (let u = 0; u < 30; u++) {
    const group = u % 3;
    const items = [0, 1, 2, 3].map((k) => `i${group * 4 + ((k + u) % 4)}`);
    items.forEach((item, k) => (k < 3 ? train : valid).push(builder.add({ user: `u${u}`, item, label: 1 })));
  }
  const split: InteractionSplit = { train: Int32Array.from(train), valid: Int32Array.from(valid), test: new Int32Array(0), protocol: 'test' };
  return { dataset: builder.build('groups', 'memory'), split };
}

describe('tuneItemKnn', () => {
  it('tries every grid point on the validation part and picks the best NDCG@10', async () => {
    const { dataset, split } = fixture();
    const steps: number[] = [];
    const choice = await tuneItemKnn(dataset, split, (done) => steps.push(done));
    const tried = Object.entries(choice.validationNdcg10);
    expect(tried.length).toBe(KNN_NEIGHBOURS_GRID.length * KNN_SHRINKAGE_GRID.length);
    expect(steps[steps.length - 1]).toBe(tried.length);
    const best = Math.max(...tried.map(([, v]) => v));
    expect(choice.validationNdcg10[`n=${choice.neighbours},s=${choice.shrinkage}`]).toBe(best);
    // Same-group co-occurrence makes the held-out item reachable: far better than chance (3 of 12 items are unseen).
    expect(best).toBeGreaterThan(0.5);
  });

  it('refuses a split without a validation part', async () => {
    const { dataset, split } = fixture();
    await expect(tuneItemKnn(dataset, { ...split, valid: undefined })).rejects.toThrow('validation part');
  });
});
