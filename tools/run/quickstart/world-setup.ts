import { createWorld, PRESET_NAMES, type PresetName, type World } from '@cascade/world';

const DAY = 86_400_000;

export interface QuickstartSettings {
  preset: PresetName;
  seed: number;
  /** Events (content + engagement) published before the services start; the rest is streamed live. */
  seedEvents: number;
  /** Engagement events per second streamed while serving. */
  liveRate: number;
  registryDir: string;
  blendingAddress: string;
  retrain: boolean;
}

/** Defaults of the quickstart, each overridable by environment. */
export function quickstartSettings(env: NodeJS.ProcessEnv = process.env): QuickstartSettings {
  const preset = (env['CASCADE_WORLD_PRESET'] ?? 'small') as PresetName;
  if (!PRESET_NAMES.includes(preset)) throw new Error(`CASCADE_WORLD_PRESET must be one of ${PRESET_NAMES.join(', ')}`);
  return {
    preset,
    seed: Number(env['CASCADE_WORLD_SEED'] ?? 42),
    seedEvents: Number(env['CASCADE_SEED_EVENTS'] ?? 150_000),
    liveRate: Number(env['CASCADE_LIVE_EVENTS_PER_SECOND'] ?? 200),
    registryDir: env['MODEL_REGISTRY_DIR'] ?? '.cache/models',
    blendingAddress: `127.0.0.1:${env['BLENDING_PORT'] ?? '50051'}`,
    retrain: env['CASCADE_RETRAIN'] === '1',
  };
}

/** The quickstart's world: its simulated window ends now, so its uploads are fresh and its trends current. */
export function quickstartWorld(settings: QuickstartSettings): World {
  const probe = createWorld({ preset: settings.preset, seed: settings.seed });
  return createWorld({ preset: settings.preset, seed: settings.seed, startMs: Date.now() - probe.params.days * DAY });
}
