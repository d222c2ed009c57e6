// Waits until the retrieval service answers with the given two-tower version: it has caught up with
// the catalogue and loaded the version's index. Asked directly, with a generous deadline, because
// whether Recommend then answers within its budgets is what the benchmark measures.
import { RetrievalServiceClient, RetrieveRequest, Surface } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import type { BenchUser } from './load-generator';

export async function waitUntilPersonalised(retrievalAddress: string, user: BenchUser, twoTowerVersion: string, timeoutMs: number): Promise<void> {
  const client = createClient(RetrievalServiceClient, retrievalAddress, { defaultTimeoutMs: 5_000 });
  const started = performance.now();
  let last = '';
  try {
    for (;;) {
      const response = await client
        .retrieve(RetrieveRequest.fromPartial({ userId: user.userId, surface: Surface.SURFACE_SPOTLIGHT, k: 100, context: { country: user.country, locale: user.locale } }))
        .catch((error: unknown) => ({ error }));
      if ('error' in response) last = String(response.error);
      else if (response.modelVersions['two-tower'] === twoTowerVersion) return;
      else last = `models ${JSON.stringify(response.modelVersions)}, degraded [${response.degradedSources.join(', ')}]`;
      if (performance.now() - started > timeoutMs) throw new Error(`retrieval not serving two-tower ${twoTowerVersion} after ${timeoutMs} ms: ${last}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    client.close();
  }
}
