import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { EngagementEvent, RecommendResponse, serviceNames, type ServiceKey } from '@cascade/contracts';
import { createCascadeClient, probeHealth } from '@cascade/client';
import { createEventProducer, createKafka, engagementCodec } from '@cascade/events';
import { ModelRegistry } from '@cascade/models';
import { startDebugPageServer } from '../debug-page/debug-page-server';
import type { Command } from './args';
import { formatHealth, formatModels, formatRecommendation, type ModelRow } from './format';

/** What a command prints and the exit code it asks for. */
export interface Outcome {
  output: string;
  exitCode: number;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

async function recommend(command: Extract<Command, { kind: 'recommend' }>): Promise<Outcome> {
  const client = createCascadeClient({ address: command.address, defaultDeadlineMs: command.deadlineMs, retries: 2 });
  try {
    const response = await client.recommend({ userId: command.userId, surface: command.surface, limit: command.limit, debug: command.debug });
    return { output: command.json ? json(RecommendResponse.toJSON(response)) : formatRecommendation(response), exitCode: 0 };
  } finally {
    client.close();
  }
}

async function health(command: Extract<Command, { kind: 'health' }>): Promise<Outcome> {
  const rows = await Promise.all(
    (Object.entries(command.addresses) as [ServiceKey, string][]).map(async ([service, address]) => ({
      service,
      address,
      result: await probeHealth(address, serviceNames[service], 2000),
    })),
  );
  const allServing = rows.every((row) => row.result.state === 'SERVING');
  const output = command.json ? json(rows.map(({ service, address, result }) => ({ service, address, ...result }))) : formatHealth(rows);
  return { output, exitCode: allServing ? 0 : 1 };
}

async function modelsList(command: Extract<Command, { kind: 'models-list' }>): Promise<Outcome> {
  const registry = new ModelRegistry(command.registry);
  const names = await readdir(command.registry, { withFileTypes: true }).then(
    (entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort(),
    () => [] as string[],
  );
  const models: ModelRow[] = [];
  for (const name of names) {
    const versions = await Promise.all(
      (await registry.versions(name)).map(async (version) => {
        try {
          const manifest = await registry.manifest(name, version);
          return { version, createdAt: new Date(manifest.createdAtMs).toISOString(), metrics: manifest.metrics };
        } catch (error) {
          return { version, createdAt: undefined, metrics: {}, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    models.push({ name, latest: await registry.latestVersion(name), versions });
  }
  return { output: command.json ? json(models) : formatModels(command.registry, models), exitCode: 0 };
}

async function eventsProduce(command: Extract<Command, { kind: 'events-produce' }>): Promise<Outcome> {
  const event = EngagementEvent.fromPartial({
    eventId: randomUUID(),
    userId: command.userId,
    itemId: command.itemId,
    creatorId: command.creatorId,
    type: command.type,
    eventTimeMs: Date.now(),
    watchMs: command.watchMs,
    surface: command.surface,
  });
  const producer = createEventProducer({ kafka: createKafka({ clientId: 'cascade-cli', ...(command.brokers ? { brokers: command.brokers } : {}) }), timeoutMs: 10_000 });
  await producer.connect();
  try {
    const [sent] = await producer.send(engagementCodec, [event], command.topic ? { topic: command.topic } : {});
    const result = { topic: sent?.topicName ?? command.topic ?? engagementCodec.topic, partition: sent?.partition, offset: sent?.baseOffset, eventId: event.eventId };
    return { output: command.json ? json(result) : `produced ${event.eventId} to ${result.topic}[${result.partition}] at offset ${result.offset}`, exitCode: 0 };
  } finally {
    await producer.disconnect();
  }
}

/** Starts serving and returns; the server keeps the process alive until SIGINT or SIGTERM closes it. */
async function debugPage(command: Extract<Command, { kind: 'debug-page' }>): Promise<Outcome> {
  const page = await startDebugPageServer({ port: command.port, blendingAddress: command.blendingAddress, deadlineMs: command.deadlineMs });
  const stop = () => void page.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { output: `debug page at ${page.url} (Recommend at ${command.blendingAddress}); e.g. ${page.url}?user=u42&surface=spotlight&limit=20`, exitCode: 0 };
}

export function runCommand(command: Exclude<Command, { kind: 'help' }>): Promise<Outcome> {
  switch (command.kind) {
    case 'recommend':
      return recommend(command);
    case 'health':
      return health(command);
    case 'models-list':
      return modelsList(command);
    case 'events-produce':
      return eventsProduce(command);
    case 'debug-page':
      return debugPage(command);
  }
}
