#!/usr/bin/env node
/**
 * Writes a synthetic world to a directory.
 *
 *   npx tsx libs/world/src/cli.ts --preset small --out .cache/world-small
 *   npx tsx libs/world/src/cli.ts --preset large --max-events 10000000 --format pb --out /data/world-large
 *
 * See exportWorld() for the files. Progress bars go to stderr; the final summary to stdout.
 */
import { parseArgs } from 'node:util';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { exportWorld, type EventFormat, type ExportPart, type ExportProgress } from './export';
import { PRESET_NAMES, resolveParams, type PresetName, type WorldOptions } from './params';
import { createWorld } from './world';

const USAGE = `usage: cli.ts --out <dir> [options]

  --preset <${PRESET_NAMES.join('|')}>   size preset (default small)
  --seed <n>                  world seed (default 42)
  --users <n> --items <n> --creators <n> --categories <n> --days <n> --embedding-dim <n>
                              override the preset
  --format <jsonl|pb>         event file format (default jsonl: protobuf JSON mapping, one event a line;
                              pb: varint-length-delimited protobuf)
  --max-events <n>            stop the engagement stream after n events
  --parts <list>              comma-separated subset of entities,content,engagement (default all)
  --truth                     also write hidden ground truth (latents, interests) under truth/
  --no-progress               no progress bars
  --help`;

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      preset: { type: 'string', default: 'small' },
      seed: { type: 'string' },
      users: { type: 'string' },
      items: { type: 'string' },
      creators: { type: 'string' },
      categories: { type: 'string' },
      days: { type: 'string' },
      'embedding-dim': { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string', default: 'jsonl' },
      'max-events': { type: 'string' },
      parts: { type: 'string', default: 'entities,content,engagement' },
      truth: { type: 'boolean', default: false },
      'no-progress': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.out) throw new Error(`--out is required\n\n${USAGE}`);
  if (!PRESET_NAMES.includes(values.preset as PresetName)) throw new Error(`--preset must be one of ${PRESET_NAMES.join(', ')}`);
  if (values.format !== 'jsonl' && values.format !== 'pb') throw new Error('--format must be jsonl or pb');
  const parts = values.parts.split(',').map((p) => p.trim()) as ExportPart[];
  for (const p of parts) {
    if (!['entities', 'content', 'engagement'].includes(p)) throw new Error(`unknown part "${p}" in --parts`);
  }

  const options: WorldOptions = {
    preset: values.preset as PresetName,
    seed: intOption('seed', values.seed),
    users: intOption('users', values.users),
    items: intOption('items', values.items),
    creators: intOption('creators', values.creators),
    categories: intOption('categories', values.categories),
    days: intOption('days', values.days),
    embeddingDim: intOption('embedding-dim', values['embedding-dim']),
  };
  const params = resolveParams(options);
  const started = Date.now();
  console.error(
    `building world: preset ${values.preset}, seed ${params.seed}, ${params.users} users, ${params.items} items, ` +
      `${params.creators} creators, ${params.categories} categories, ${params.days} days`,
  );
  const world = createWorld(options);
  console.error(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const showProgress = !values['no-progress'];
  const multibar = showProgress
    ? new MultiBar(
        {
          format: '{part} |{bar}| {percentage}% | {detail}',
          hideCursor: true,
          clearOnComplete: false,
          stopOnComplete: false,
          etaBuffer: 50,
          fps: 5,
        },
        Presets.shades_classic,
      )
    : undefined;
  const bars = new Map<ExportPart, SingleBar>();
  const windowHours = (world.window.endMs - world.window.startMs) / 3_600_000;
  const partStarted = new Map<ExportPart, number>();
  const maxEvents = intOption('max-events', values['max-events']);

  const onProgress = (p: ExportProgress): void => {
    if (!multibar) return;
    if (!partStarted.has(p.part)) partStarted.set(p.part, Date.now());
    const seconds = Math.max(0.001, (Date.now() - partStarted.get(p.part)!) / 1000);
    const rate = Math.round(p.done / seconds).toLocaleString('en-US');
    let bar = bars.get(p.part);
    if (p.part === 'engagement') {
      // Progress through simulated time, or through the event cap when one is set.
      const total = maxEvents ?? Math.round(windowHours);
      const value = maxEvents ?? Math.max(0, Math.round((p.timeMs! - world.window.startMs) / 3_600_000));
      bar ??= multibar.create(total, 0, { part: 'engagement', detail: '' });
      const day = ((p.timeMs! - world.window.startMs) / 86_400_000).toFixed(2);
      bar.update(maxEvents !== undefined ? Math.min(maxEvents, p.done) : Math.min(total, value), {
        part: 'engagement',
        detail: `${p.done.toLocaleString('en-US')} events | ${rate} events/s | day ${day} of ${world.params.days}`,
      });
    } else {
      bar ??= multibar.create(p.total ?? 0, 0, { part: p.part.padEnd(10), detail: '' });
      bar.update(p.done, { part: p.part.padEnd(10), detail: `${p.done.toLocaleString('en-US')}/${(p.total ?? 0).toLocaleString('en-US')} | ${rate}/s` });
    }
    bars.set(p.part, bar);
  };

  const result = await exportWorld(world, values.out, {
    format: values.format as EventFormat,
    parts,
    truth: values.truth,
    onProgress,
    ...(maxEvents !== undefined ? { maxEvents } : {}),
  });
  for (const [part, bar] of bars) if (part !== 'engagement') bar.update(bar.getTotal());
  const engagementBar = bars.get('engagement');
  if (engagementBar) engagementBar.update(engagementBar.getTotal());
  multibar?.stop();

  const seconds = (Date.now() - started) / 1000;
  const e = result.engagement;
  console.log(`wrote ${result.files.join(', ')} to ${result.dir} in ${seconds.toFixed(1)} s`);
  const timing = Object.entries(result.seconds)
    .map(([part, s]) => `${part} ${s.toFixed(1)} s`)
    .join(', ');
  console.log(`time per part: ${timing}`);
  console.log(`content events: ${result.contentEvents.toLocaleString('en-US')}`);
  if (e) {
    const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
    console.log(
      `engagement events: ${e.events.toLocaleString('en-US')} (${e.impressions.toLocaleString('en-US')} impressions, ` +
        `${e.users.toLocaleString('en-US')} users, ${e.items.toLocaleString('en-US')} items, ${e.sessions.toLocaleString('en-US')} sessions)`,
    );
    console.log(
      `per impression: skip ${pct(e.skipRate)}, complete ${pct(e.completeRate)}, like ${pct(e.likeRate)}, share ${pct(e.shareRate)}, ` +
        `comment ${pct(e.commentRate)}, follow ${pct(e.followRate)}, hide ${pct(e.hideRate)}; mean watch ratio ${e.meanWatchRatio.toFixed(2)}; ` +
        `top 1% of items get ${pct(e.top1PercentItemShare)} of impressions`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
