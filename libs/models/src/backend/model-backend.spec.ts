import { currentBackend, initModelBackend, tf, useBackend } from './model-backend';

describe('model backend choice', () => {
  it('runs on the fastest backend that loads and records why faster ones did not', async () => {
    const backend = await initModelBackend();
    expect(['tensorflow', 'wasm', 'cpu']).toContain(backend.name);
    expect(currentBackend()).toBe(backend.name);
    const chosen = backend.attempts.findIndex((a) => a.ok);
    expect(backend.attempts[chosen]!.backend).toBe(backend.name);
    for (const failed of backend.attempts.slice(0, chosen)) expect(failed.error).toBeTruthy();
  });

  it('computes the same product on wasm and pure JS', async () => {
    const a = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const b = [[0.5], [-1], [2]];
    const results: number[][] = [];
    for (const name of ['wasm', 'cpu'] as const) {
      await useBackend(name);
      results.push(Array.from(tf.tidy(() => tf.matMul(tf.tensor2d(a), tf.tensor2d(b)).dataSync())));
    }
    expect(results[0]).toEqual([4.5, 9]);
    expect(results[1]).toEqual(results[0]);
  });
});
