import { createEmbeddingTable, keyRows, RowBags } from './embedding-table';
import { SeededRandom } from './seeded-random';

describe('RowBags', () => {
  const table = createEmbeddingTable('t', 64, 4, new SeededRandom(1), 1);
  const bags = new RowBags();
  bags.push([keyRows(table, 'a'), keyRows(table, 'b')], [3, 1]);
  bags.push([]);
  bags.push([keyRows(table, 'a')]);

  it('pools a weighted mean of each key (both rows summed) and an empty bag to zero', () => {
    const width = 6;
    const out = new Float32Array(3 * width);
    bags.poolInto(table, out, width, 1);
    const rowOf = (r: number) => Array.from(table.weights.subarray(r * 4, r * 4 + 4));
    const key = (k: string) => rowOf(keyRows(table, k)[0]).map((x, j) => x + rowOf(keyRows(table, k)[1])[j]!);
    const expected = key('a').map((a, j) => 0.75 * a + 0.25 * key('b')[j]!);
    expect(Array.from(out.subarray(1, 5))).toEqual(expected.map((x) => expect.closeTo(x, 5)));
    expect(Array.from(out.subarray(width, 2 * width))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(out.subarray(2 * width + 1, 2 * width + 5))).toEqual(key('a').map((x) => expect.closeTo(x, 5)));
  });

  it('scatters gradients as the exact adjoint of pooling', () => {
    // <pool(T), G> = <T, scatter(G)> for any G: the backward pass is the transpose of the forward.
    const width = 5;
    const random = new SeededRandom(9);
    const gradient = Float32Array.from({ length: 3 * width }, () => random.next() - 0.5);
    const pooled = new Float32Array(3 * width);
    bags.poolInto(table, pooled, width, 0);
    const grads = new Map<number, Float32Array>();
    bags.scatterGradient(table, gradient, width, 0, grads);
    let left = 0;
    pooled.forEach((x, i) => (left += x * (i % width < 4 ? gradient[i]! : 0)));
    let right = 0;
    for (const [row, g] of grads) g.forEach((x, j) => (right += x * table.weights[row * 4 + j]!));
    expect(right).toBeCloseTo(left, 5);
  });
});
