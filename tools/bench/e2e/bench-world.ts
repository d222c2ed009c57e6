import { createWorld, type PresetName, type World } from '@cascade/world';

const DAY = 86_400_000;

export interface BenchWorldOptions {
  preset: PresetName;
  seed: number;
}

/** The benchmark's world, its simulated window ending now so that uploads are fresh and trends current. */
export function benchWorld({ preset, seed }: BenchWorldOptions): World {
  const probe = createWorld({ preset, seed });
  return createWorld({ preset, seed, startMs: Date.now() - probe.params.days * DAY });
}
