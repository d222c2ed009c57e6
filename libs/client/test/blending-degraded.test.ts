import { Surface } from '@cascade/contracts';
import { freePort, ServiceProcess } from '@cascade/service-kit/testing';
import { createCascadeClient, probeHealth, type CascadeClient } from '../src';

describe('the client against the real blending service with retrieval and ranking down', () => {
  let blending: ServiceProcess;
  let client: CascadeClient;
  let address: string;

  beforeAll(async () => {
    const [retrievalPort, rankingPort] = [await freePort(), await freePort()];
    blending = new ServiceProcess({
      entry: 'apps/blending/src/main.ts',
      env: { RETRIEVAL_ADDR: `127.0.0.1:${retrievalPort}`, RANKING_ADDR: `127.0.0.1:${rankingPort}` },
    });
    address = `127.0.0.1:${await blending.port()}`;
    await blending.ready();
    client = createCascadeClient({ address, defaultDeadlineMs: 3000, retries: 2 });
  }, 60_000);

  afterAll(() => {
    client?.close();
    blending?.close();
  });

  it('gets a degraded answer instead of an error', async () => {
    const response = await client.recommend({ userId: 'u42', surface: Surface.SURFACE_SPOTLIGHT, limit: 10 });
    expect(response.degraded).toBe(true);
    expect(response.degradedStages).toContain('retrieval');
    expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('fails a call whose deadline is already too short', async () => {
    await expect(client.recommend({ userId: 'u42', surface: Surface.SURFACE_SPOTLIGHT, limit: 10 }, { deadlineMs: 0 })).rejects.toMatchObject({ code: 4 });
  });

  it('reports blending SERVING and a closed port unreachable', async () => {
    expect(await client.health()).toEqual({ state: 'SERVING' });
    const closed = await probeHealth(`127.0.0.1:${await freePort()}`, 'cascade.ranking.v1.RankingService', 1000);
    expect(closed.state).toBe('unreachable');
    expect(closed.error).toMatch(/UNAVAILABLE|DEADLINE_EXCEEDED/);
  });
});
