/**
 * Writes a world to a directory: entity tables as JSON lines and the two event streams as JSON
 * lines (the protobuf JSON mapping, i.e. what the Kafka JSON codec reads) or length-delimited
 * protobuf. Output is a pure function of the world's parameters: same seed, same bytes.
 *
 *   world.json                      parameters, window, vocabularies, file list, stream statistics
 *   items.jsonl users.jsonl creators.jsonl   observable attributes (ItemAttributes, UserAttributes, CreatorAttributes)
 *   truth/items.jsonl truth/users.jsonl       hidden parameters, only with `truth: true` (evaluation only)
 *   content.jsonl | content.pb      ContentEvent stream, event-time order
 *   engagement.jsonl | engagement.pb EngagementEvent stream, event-time order
 *
 * `.pb` files are a sequence of (varint byte length, message bytes) records.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { ContentEvent, EngagementEvent } from '@cascade/contracts';
import { contentDelimited, engagementDelimited } from './fast-codec';
import { EngagementStats, type EngagementSummary } from './stats';
import type { World } from './world';
import { COUNTRIES, DEVICES, LANGUAGES } from './vocabulary';

export type EventFormat = 'jsonl' | 'pb';
export type ExportPart = 'entities' | 'content' | 'engagement';

export interface ExportOptions {
  format?: EventFormat;
  /** What to write (default all three). */
  parts?: readonly ExportPart[];
  /** Cap on engagement events. */
  maxEvents?: number;
  batchSize?: number;
  /** Also write the hidden ground truth (latent vectors, quality, interests) under truth/. */
  truth?: boolean;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportProgress {
  part: ExportPart;
  /** Rows or events written so far in this part. */
  done: number;
  /** Rows or events expected (engagement: undefined; use simulated time). */
  total?: number;
  /** Engagement only: event time of the last event written. */
  timeMs?: number;
}

export interface ExportResult {
  dir: string;
  files: string[];
  contentEvents: number;
  engagement?: EngagementSummary;
  /** Wall-clock seconds per part (not written to world.json, which must stay deterministic). */
  seconds: Partial<Record<ExportPart, number>>;
}

/** A file sink that honours stream backpressure. */
class Sink {
  private readonly stream: WriteStream;
  constructor(path: string) {
    // A deep buffer lets the disk write while the next batch is generated.
    this.stream = createWriteStream(path, { highWaterMark: 16 << 20 });
  }
  async write(chunk: string | Uint8Array): Promise<void> {
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/** Appends a varint length prefix and the bytes of each message. */
export function lengthDelimited(messages: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const m of messages) size += varintSize(m.length) + m.length;
  const out = new Uint8Array(size);
  let pos = 0;
  for (const m of messages) {
    let n = m.length;
    while (n > 0x7f) {
      out[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    out[pos++] = n;
    out.set(m, pos);
    pos += m.length;
  }
  return out;
}

function varintSize(n: number): number {
  let s = 1;
  while (n > 0x7f) {
    n >>>= 7;
    s++;
  }
  return s;
}

/** Reads the messages of a length-delimited buffer. */
export function* readLengthDelimited(buf: Uint8Array): Generator<Uint8Array, void, void> {
  let pos = 0;
  while (pos < buf.length) {
    let len = 0;
    let shift = 0;
    for (;;) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('truncated length prefix');
      len += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (pos + len > buf.length) throw new Error('truncated message');
    yield buf.subarray(pos, pos + len);
    pos += len;
  }
}

const jsonLines = (rows: readonly unknown[]): string => {
  let s = '';
  for (const r of rows) s += JSON.stringify(r) + '\n';
  return s;
};

async function writeRows(path: string, count: number, row: (i: number) => unknown, report: (done: number) => void): Promise<void> {
  const sink = new Sink(path);
  const chunk = 2000;
  for (let start = 0; start < count; start += chunk) {
    const rows: unknown[] = [];
    for (let i = start; i < Math.min(count, start + chunk); i++) rows.push(row(i));
    await sink.write(jsonLines(rows));
    report(Math.min(count, start + chunk));
  }
  await sink.close();
}

/** Writes the world to `dir` (created if missing). */
export async function exportWorld(world: World, dir: string, options: ExportOptions = {}): Promise<ExportResult> {
  const format = options.format ?? 'jsonl';
  const parts = new Set(options.parts ?? ['entities', 'content', 'engagement']);
  const batchSize = options.batchSize ?? 5000;
  const progress = options.onProgress ?? (() => undefined);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const result: ExportResult = { dir, files, contentEvents: 0, seconds: {} };
  let started = Date.now();
  const lap = (part: ExportPart): void => {
    result.seconds[part] = (Date.now() - started) / 1000;
    started = Date.now();
  };

  if (parts.has('entities')) {
    const total = world.items.count + world.users.count + world.creators.count;
    let base = 0;
    const report = (done: number): void => progress({ part: 'entities', done: base + done, total });
    await writeRows(join(dir, 'items.jsonl'), world.items.count, (i) => world.itemAttributes(i), report);
    base += world.items.count;
    await writeRows(join(dir, 'users.jsonl'), world.users.count, (u) => world.userAttributes(u), report);
    base += world.users.count;
    await writeRows(join(dir, 'creators.jsonl'), world.creators.count, (c) => world.creatorAttributes(c), report);
    files.push('items.jsonl', 'users.jsonl', 'creators.jsonl');
    if (options.truth) {
      mkdirSync(join(dir, 'truth'), { recursive: true });
      await writeRows(join(dir, 'truth', 'items.jsonl'), world.items.count, (i) => ({ index: i, ...world.itemTruth(i) }), () => undefined);
      await writeRows(join(dir, 'truth', 'users.jsonl'), world.users.count, (u) => ({ index: u, ...world.userTruth(u) }), () => undefined);
      files.push('truth/items.jsonl', 'truth/users.jsonl');
    }
    lap('entities');
  }

  if (parts.has('content')) {
    const file = `content.${format}`;
    const sink = new Sink(join(dir, file));
    let deletes = 0;
    for (let i = 0; i < world.items.count; i++) if (world.items.deletedAtMs[i]! !== Number.POSITIVE_INFINITY) deletes++;
    const total = world.items.count + deletes;
    for (const batch of world.contentEvents({ batchSize })) {
      await sink.write(
        format === 'pb'
          ? contentDelimited(batch)
          : jsonLines(batch.map((e) => ContentEvent.toJSON(e))),
      );
      result.contentEvents += batch.length;
      progress({ part: 'content', done: result.contentEvents, total });
    }
    await sink.close();
    files.push(file);
    lap('content');
  }

  if (parts.has('engagement')) {
    const file = `engagement.${format}`;
    const sink = new Sink(join(dir, file));
    const stats = new EngagementStats();
    let done = 0;
    for (const batch of world.engagementEvents({ batchSize, ...(options.maxEvents !== undefined ? { maxEvents: options.maxEvents } : {}) })) {
      stats.add(batch);
      await sink.write(
        format === 'pb'
          ? engagementDelimited(batch)
          : jsonLines(batch.map((e) => EngagementEvent.toJSON(e))),
      );
      done += batch.length;
      progress({ part: 'engagement', done, timeMs: batch[batch.length - 1]!.eventTimeMs });
    }
    await sink.close();
    files.push(file);
    result.engagement = stats.summary();
    lap('engagement');
  }

  const manifest = {
    generator: '@cascade/world',
    params: world.params,
    window: world.window,
    format,
    files,
    counts: { users: world.users.count, items: world.items.count, creators: world.creators.count, contentEvents: result.contentEvents },
    vocabulary: {
      categories: world.categories.names,
      languages: LANGUAGES,
      countries: COUNTRIES.map((c) => c.code),
      devices: DEVICES,
    },
    engagement: result.engagement,
  };
  const sink = new Sink(join(dir, 'world.json'));
  await sink.write(JSON.stringify(manifest, null, 2) + '\n');
  await sink.close();
  files.push('world.json');
  return result;
}
