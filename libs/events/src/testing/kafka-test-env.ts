import { randomBytes } from 'node:crypto';
import { dlqTopic } from '@cascade/contracts';
import type { Kafka } from 'kafkajs';
import { createKafka, parseBrokers } from '../kafka-client';

/** The broker of the integration tests, from KAFKA_BROKERS; fails loudly and helpfully when unset. */
export function requireBrokers(): string[] {
  const brokers = parseBrokers(process.env['KAFKA_BROKERS'] ?? '');
  if (brokers.length === 0) {
    throw new Error(
      'KAFKA_BROKERS is not set: these integration tests need a real Kafka broker. Run them through ' +
        '`npm test` (which starts one), or start one with `npm run kafka:start` and export the ' +
        'KAFKA_BROKERS=127.0.0.1:<port> line it prints before running jest.',
    );
  }
  return brokers;
}

export function testKafka(clientId: string): Kafka {
  return createKafka({ brokers: requireBrokers(), clientId, kafkaLogLevel: 'nothing' });
}

/** A name no other test run uses, so suites can share one broker (and one Redis) without seeing each other. */
export function uniqueName(prefix: string): string {
  return `test.${prefix}.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; on timeout throws with the description and the last state or error. */
export async function waitFor(description: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000, state?: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = state ? `: ${JSON.stringify(await state())}` : lastError ? `: ${String(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}${detail}`);
    }
    await sleep(50);
  }
}

/** Deletes test topics and their DLQs so a long-lived local broker does not pile them up. */
export async function dropTopics(kafka: Kafka, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const names = topics.flatMap((t) => [t, dlqTopic(t)]).filter((t) => existing.has(t));
    if (names.length > 0) await admin.deleteTopics({ topics: names });
  } finally {
    await admin.disconnect();
  }
}
