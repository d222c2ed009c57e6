// The images run each service as an esbuild bundle under plain node (deploy/docker/*.Dockerfile):
// this builds the bundles the same way and starts them.
import { BlendingServiceClient, RecommendRequest, Surface } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { freePort, HealthProbe, ServiceProcess } from '@cascade/service-kit/testing';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bundle = (app: string) => {
  execFileSync(process.execPath, [join(root, 'tools', 'build', 'bundle.mjs'), app], { cwd: root, stdio: 'pipe' });
  return join(root, 'dist', 'apps', app, 'main.js');
};

describe('bundled services', () => {
  const processes: ServiceProcess[] = [];
  const registry = mkdtempSync(join(tmpdir(), 'cascade-bundle-registry-'));
  afterAll(() => {
    processes.forEach((p) => p.close());
    rmSync(registry, { recursive: true, force: true });
  });

  it('boot under plain node and answer: ranking without a model, blending degraded around it', async () => {
    const ranking = new ServiceProcess({ entry: bundle('ranking'), env: { MODEL_REGISTRY_DIR: registry, FEATURE_ADDR: `127.0.0.1:${await freePort()}` } });
    processes.push(ranking);
    const blending = new ServiceProcess({
      entry: bundle('blending'),
      env: { RETRIEVAL_ADDR: `127.0.0.1:${await freePort()}`, RANKING_ADDR: `127.0.0.1:${await ranking.port()}`, SERVE_LOG: 'false' },
    });
    processes.push(blending);
    await Promise.all([ranking.ready(), blending.ready()]);

    const health = new HealthProbe(`127.0.0.1:${await blending.port()}`);
    expect(await health.check('cascade.blending.v1.BlendingService')).toBe('SERVING');
    health.close();
    const client = createClient(BlendingServiceClient, `127.0.0.1:${await blending.port()}`, { defaultTimeoutMs: 5_000 });
    const response = await client.recommend(RecommendRequest.fromPartial({ userId: 'u1', surface: Surface.SURFACE_SPOTLIGHT, limit: 5 }));
    client.close();
    expect(response.degraded).toBe(true);
    expect(response.degradedStages).toContain('retrieval');
    // Run by plain node from the bundle, not through tsx.
    for (const service of [ranking, blending]) {
      const commandLine = readFileSync(`/proc/${service.pid}/cmdline`, 'utf8').split('\0');
      expect(commandLine.some((arg) => arg.endsWith('main.js'))).toBe(true);
      expect(commandLine.join(' ')).not.toContain('tsx');
    }
  }, 120_000);
});
