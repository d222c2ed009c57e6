import { FeatureServiceClient, GetFeaturesRequest } from '@cascade/contracts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../src/index';
import { ServiceProcess } from '../src/testing';
import { useCleanup } from './support/cleanup';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  startTime: number;
  endTime: number;
}

describe('on-demand CPU profiling', () => {
  const track = useCleanup();
  const dir = mkdtempSync(join(tmpdir(), 'cascade-cpu-profile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts on SIGUSR2 and writes a profile of the calls served until the next SIGUSR2', async () => {
    const service = track(new ServiceProcess({ entry: join(__dirname, 'fixtures', 'feature-service-main.ts'), env: { SERVICE_NAME: 'profiled', CPU_PROFILE_DIR: dir } }));
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${await service.port()}`, { defaultTimeoutMs: 10_000 }));
    await service.ready();

    service.signal('SIGUSR2');
    await service.waitForLog((line) => line.msg === 'cpu profile started');
    for (let i = 0; i < 50; i++) await features.getFeatures(GetFeaturesRequest.fromPartial({ userId: `u${i}` }));
    service.signal('SIGUSR2');
    const written = await service.waitForLog((line) => line.msg === 'cpu profile written');

    const path = written['path'] as string;
    expect(path.startsWith(dir)).toBe(true);
    expect(path).toMatch(/profiled-\d+-\d+\.cpuprofile$/);
    const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
    expect(profile.samples.length).toBeGreaterThan(0);
    expect(profile.endTime).toBeGreaterThan(profile.startTime);
    // The handler ran while sampling: grpc-js frames are in the profile.
    expect(profile.nodes.some((node) => node.callFrame.url.includes('grpc-js'))).toBe(true);
    expect(service.lines.some((line) => line.msg === 'stopped')).toBe(false);
  }, 30_000);

  it('leaves SIGUSR2 alone when CPU_PROFILE_DIR is not set', async () => {
    const service = track(new ServiceProcess({ entry: join(__dirname, 'fixtures', 'feature-service-main.ts'), env: { SERVICE_NAME: 'unprofiled' } }));
    await service.ready();
    service.signal('SIGUSR2');
    // Node's default action for an unhandled SIGUSR2 ends the process.
    expect(await service.exited).toEqual({ code: null, signal: 'SIGUSR2' });
  }, 30_000);
});
