import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventProducer, engagementCodec, ensureTopics } from '../src';
import { sampleEngagementEvent } from './sample-events';
import { dropTopics, requireBrokers, testKafka, uniqueName, waitFor } from './support/broker';

const childScript = join(__dirname, 'fixtures', 'apply-to-file-consumer.ts');

describe('a consumer killed mid-batch loses nothing (real broker, kill -9)', () => {
  const kafka = testKafka('crash-test');
  const topic = uniqueName('engagement');
  const groupId = uniqueName('group');
  const dir = mkdtempSync(join(tmpdir(), 'cascade-crash-'));
  const outFile = join(dir, 'applied.txt');
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await dropTopics(kafka, [topic]);
  });

  function startChild(): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript], {
      env: {
        ...process.env,
        KAFKA_BROKERS: requireBrokers().join(','),
        TOPIC: topic,
        GROUP_ID: groupId,
        OUT_FILE: outFile,
        APPLY_DELAY_MS: '5',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    return child;
  }

  const exited = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });

  const appliedLines = () => (existsSync(outFile) ? readFileSync(outFile, 'utf8').split('\n').filter(Boolean) : []);

  it('re-delivers everything not applied before the kill; duplicates only', async () => {
    const total = 400;
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
    const producer = createEventProducer({ kafka });
    await producer.connect();
    const events = Array.from({ length: total }, (_, i) =>
      sampleEngagementEvent({ eventId: `crash-${i}`, userId: `user-${i % 23}`, itemId: `item-${i}` }),
    );
    await producer.send(engagementCodec, events, { topic });
    await producer.disconnect();

    const first = startChild();
    await waitFor('the first consumer to apply 120 events', () => appliedLines().length >= 120, 30_000);
    first.kill('SIGKILL');
    await exited(first);
    expect(first.signalCode).toBe('SIGKILL');
    const beforeKill = new Set(appliedLines());
    expect(beforeKill.size).toBeLessThan(total); // it really died part-way

    const second = startChild();
    const missing = () => events.filter((e) => !appliedLines().includes(e.eventId)).length;
    await waitFor('every produced event applied after the restart', () => new Set(appliedLines()).size >= total, 40_000, () => ({
      missing: missing(),
    }));
    second.kill('SIGTERM');
    await exited(second);

    const lines = appliedLines();
    const applied = new Set(lines);
    for (const e of events) expect(applied.has(e.eventId)).toBe(true);
    expect(applied.size).toBe(total); // nothing applied that was not produced
    const duplicates = lines.length - applied.size;
    console.info(
      `consumer-crash: ${beforeKill.size} applied before kill -9, ${lines.length} applications in all, ` +
        `${duplicates} duplicate deliveries (uncommitted part of the interrupted batch)`,
    );
    expect(second.exitCode).toBe(0); // graceful stop after SIGTERM
  });
});
