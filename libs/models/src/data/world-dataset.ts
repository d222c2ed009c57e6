import type { PresetName, World } from '@cascade/world';
import { EngagementDatasetBuilder, type EngagementLabelRule } from './engagement-dataset';
import type { InteractionDataset } from './interaction-dataset';

export interface WorldDatasetOptions extends EngagementLabelRule {
  /** Stop the engagement stream after this many events (default: the whole window). */
  maxEvents?: number;
  /** Called after each engagement batch with the events folded so far. */
  onProgress?: (engagementEvents: number) => void;
}

/**
 * A synthetic world's content and engagement streams folded exactly as events from Kafka would be
 * (EngagementDatasetBuilder). Users and items are declared in world row order first, so dataset
 * indices equal world rows and the world's ground truth lines up with them.
 */
export function datasetFromWorld(world: World, name: string, options: WorldDatasetOptions = {}): InteractionDataset {
  const builder = new EngagementDatasetBuilder(options);
  for (let u = 0; u < world.users.count; u++) {
    const user = world.userAttributes(u);
    builder.addUser(user.userId, { country: user.country, language: user.language, tags: { device: user.device, locale: user.locale } });
  }
  for (const batch of world.contentEvents({ batchSize: 10_000 })) for (const event of batch) builder.addContent(event);
  const engagement = world.engagementEvents({ batchSize: 10_000, ...(options.maxEvents !== undefined ? { maxEvents: options.maxEvents } : {}) });
  for (const batch of engagement) {
    for (const event of batch) builder.addEngagement(event);
    options.onProgress?.(builder.engagementEvents);
  }
  const { seed } = world.params;
  return builder.build(name, `synthetic world seed=${seed} users=${world.params.users} items=${world.params.items} days=${world.params.days}`);
}

/** `world-<preset>-seed<seed>`: the dataset name used in reports and results files. */
export function worldDatasetName(preset: PresetName, seed: number): string {
  return `world-${preset}-seed${seed}`;
}
