import { BlendingServiceClient, RecommendRequest, Surface } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { freePort, ServiceProcess } from '@cascade/service-kit/testing';

describe('blending with its downstream stages unreachable', () => {
  let blending: ServiceProcess;
  let client: ReturnType<typeof createClient<typeof BlendingServiceClient>>;

  beforeAll(async () => {
    const [retrievalPort, rankingPort] = [await freePort(), await freePort()];
    blending = new ServiceProcess({
      entry: 'apps/blending/src/main.ts',
      env: { RETRIEVAL_ADDR: `127.0.0.1:${retrievalPort}`, RANKING_ADDR: `127.0.0.1:${rankingPort}` },
    });
    const port = await blending.port();
    await blending.ready();
    client = createClient(BlendingServiceClient, `127.0.0.1:${port}`, { defaultTimeoutMs: 2000 });
  }, 60_000);

  afterAll(() => {
    client?.close();
    blending?.close();
  });

  it('answers a valid request, degraded, instead of failing', async () => {
    const response = await client.recommend(RecommendRequest.fromPartial({ userId: 'u1', surface: Surface.SURFACE_SPOTLIGHT, limit: 10 }));
    expect(response.degraded).toBe(true);
    expect(response.degradedStages).toEqual(['retrieval']);
    expect(response.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
