// Waits until Recommend answers undegraded with the given two-tower version: the retrieval service
// has caught up with the catalogue and loaded the version's index.
import { BlendingServiceClient, RecommendRequest, Surface } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import type { BenchUser } from './load-generator';

export async function waitUntilPersonalised(address: string, user: BenchUser, twoTowerVersion: string, timeoutMs: number): Promise<void> {
  const client = createClient(BlendingServiceClient, address, { defaultTimeoutMs: 5_000 });
  const started = performance.now();
  let last = '';
  try {
    for (;;) {
      const response = await client
        .recommend(RecommendRequest.fromPartial({ userId: user.userId, surface: Surface.SURFACE_SPOTLIGHT, limit: 20, context: { country: user.country, locale: user.locale } }))
        .catch((error: unknown) => ({ error }));
      if ('error' in response) last = String(response.error);
      else if (response.modelVersions['two-tower'] === twoTowerVersion && !response.degraded) return;
      else last = `degraded [${response.degradedStages.join(', ')}], models ${JSON.stringify(response.modelVersions)}`;
      if (performance.now() - started > timeoutMs) throw new Error(`not serving personalised answers after ${timeoutMs} ms: ${last}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    client.close();
  }
}
