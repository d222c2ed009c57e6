import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentEvent, EngagementEvent } from '@cascade/contracts';
import { exportWorld, lengthDelimited, readLengthDelimited } from './export';
import { createWorld } from './world';

describe('exportWorld', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const d = mkdtempSync(join(tmpdir(), 'world-export-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** sha256 of every file under dir, by relative path. */
  const read = (dir: string): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (rel: string): void => {
      for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
        const path = join(rel, entry.name);
        if (entry.isDirectory()) walk(path);
        else out[path] = createHash('sha256').update(readFileSync(join(dir, path))).digest('hex');
      }
    };
    walk('');
    return out;
  };

  it('writes byte-identical files for the same seed', async () => {
    const a = tempDir();
    const b = tempDir();
    const progress: string[] = [];
    await exportWorld(createWorld({ preset: 'tiny', seed: 1 }), a, { truth: true, onProgress: (p) => progress.push(p.part) });
    await exportWorld(createWorld({ preset: 'tiny', seed: 1 }), b, { truth: true });
    const fa = read(a);
    expect(Object.keys(fa).sort()).toEqual(
      ['content.jsonl', 'creators.jsonl', 'engagement.jsonl', 'items.jsonl', 'truth/items.jsonl', 'truth/users.jsonl', 'users.jsonl', 'world.json'].sort(),
    );
    expect(read(b)).toEqual(fa);
    expect(new Set(progress)).toEqual(new Set(['entities', 'content', 'engagement']));
  });

  it('writes JSON lines in the protobuf JSON mapping that decode to the generated events', async () => {
    const world = createWorld({ preset: 'tiny', seed: 2 });
    const dir = tempDir();
    const result = await exportWorld(world, dir, { maxEvents: 300 });
    const lines = readFileSync(join(dir, 'engagement.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(300);
    const decoded = lines.map((l) => EngagementEvent.fromJSON(JSON.parse(l)));
    expect(decoded).toEqual([...world.engagementEvents({ maxEvents: 300 })].flat());
    expect(JSON.parse(lines[0]!).type).toBe('ENGAGEMENT_TYPE_IMPRESSION');
    const content = readFileSync(join(dir, 'content.jsonl'), 'utf8').trim().split('\n');
    expect(content).toHaveLength(result.contentEvents);
    expect(ContentEvent.fromJSON(JSON.parse(content[0]!))).toEqual([...world.contentEvents({ maxEvents: 1 })].flat()[0]);
    const manifest = JSON.parse(readFileSync(join(dir, 'world.json'), 'utf8'));
    expect(manifest.params.seed).toBe(2);
    expect(manifest.engagement.events).toBe(300);
    const items = readFileSync(join(dir, 'items.jsonl'), 'utf8').trim().split('\n');
    expect(items).toHaveLength(world.items.count);
    expect(JSON.parse(items[7]!)).toEqual(world.itemAttributes(7));
  });

  it('writes length-delimited protobuf that decodes to the generated events', async () => {
    const world = createWorld({ preset: 'tiny', seed: 3 });
    const dir = tempDir();
    await exportWorld(world, dir, { format: 'pb', parts: ['content', 'engagement'], maxEvents: 500 });
    const engagement = [...readLengthDelimited(readFileSync(join(dir, 'engagement.pb')))].map((m) => EngagementEvent.decode(m));
    expect(engagement).toEqual([...world.engagementEvents({ maxEvents: 500 })].flat());
    const content = [...readLengthDelimited(readFileSync(join(dir, 'content.pb')))].map((m) => ContentEvent.decode(m));
    expect(content.map((c) => c.itemId)).toEqual([...world.contentEvents()].flat().map((c) => c.itemId));
    // Embeddings survive float32 encoding to within float precision.
    expect(content[0]!.embedding[0]).toBeCloseTo([...world.contentEvents({ maxEvents: 1 })].flat()[0]!.embedding[0]!, 6);
  });

  it('frames messages longer than 127 bytes with multi-byte varints', () => {
    const messages = [new Uint8Array(3).fill(1), new Uint8Array(300).fill(2), new Uint8Array(0), new Uint8Array(20_000).fill(3)];
    expect([...readLengthDelimited(lengthDelimited(messages))]).toEqual(messages);
    expect(() => [...readLengthDelimited(new Uint8Array([5, 1]))]).toThrow(/truncated/);
  });
});

describe('timeline', () => {
  it('publishes every content event before any engagement event that refers to its item', () => {
    const world = createWorld({ preset: 'tiny', seed: 8 });
    const known = new Set<string>();
    let engagement = 0;
    let content = 0;
    for (const batch of world.timeline({ batchSize: 100 })) {
      for (const c of batch.content) known.add(c.itemId);
      content += batch.content.length;
      for (const e of batch.engagement) expect(known.has(e.itemId)).toBe(true);
      engagement += batch.engagement.length;
    }
    expect(content).toBe([...world.contentEvents()].flat().length);
    expect(engagement).toBe([...world.engagementEvents()].flat().length);
  });
});
