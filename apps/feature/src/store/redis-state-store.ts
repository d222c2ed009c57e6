import {
  ApplyResult,
  defaultStateStoreOptions,
  entityKey,
  EntityMutation,
  EntityRef,
  EntitySnapshot,
  StateStore,
  StateOp,
  StateStoreOptions,
  timelinesOf,
} from '@cascade/features';
import Redis, { Cluster } from 'ioredis';
import { applyMutationScript } from './redis-apply-script';

type RedisClient = Redis | Cluster;

interface ScriptedClient {
  applyMutation(...args: (string | number)[]): Promise<number>;
}

const keysOf = (ref: EntityRef) => {
  const tag = entityKey(ref);
  return { counters: `${tag}:n`, registers: `${tag}:r`, applied: `${tag}:d`, positions: `${tag}:o`, timeline: (name: string) => `${tag}:t:${name}` };
};

/** An op as the script's flat arguments (numbers as JS writes them: shortest exact round trip). */
function pushOpArgs(args: (string | number)[], op: StateOp): void {
  switch (op.kind) {
    case 'add':
      args.push('a', op.field, String(op.amount));
      return;
    case 'delete':
      args.push('d', op.fields.length, ...op.fields);
      return;
    case 'register':
      args.push('r', op.field, op.value, String(op.timeMs));
      return;
    case 'timeline':
      args.push('t', op.member, String(op.timeMs), op.keep, op.expireBeforeMs === undefined ? '' : String(op.expireBeforeMs));
      return;
  }
}

function parseRegister(raw: string): { value: string; timeMs: number } {
  const sep = raw.indexOf('|');
  return { timeMs: Number(raw.slice(0, sep)), value: raw.slice(sep + 1) };
}

/**
 * Online store on Redis (standalone or Cluster): one hash of counters, one hash of registers and
 * a sorted set per timeline for each entity, all under the entity's hash tag. Writes run one Lua
 * script per entity (atomic, idempotent by dedupe id) and are pipelined per batch; reads are one
 * pipeline per batch.
 */
export class RedisStateStore implements StateStore {
  readonly kind = 'redis';
  private readonly options: StateStoreOptions;

  constructor(
    private readonly client: RedisClient,
    options: Partial<StateStoreOptions> = {},
  ) {
    this.options = { ...defaultStateStoreOptions, ...options };
    client.defineCommand('applyMutation', { lua: applyMutationScript });
  }

  static connect(url: string, options: Partial<StateStoreOptions> = {}): RedisStateStore {
    const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true });
    return new RedisStateStore(client, options);
  }

  async apply(mutations: readonly EntityMutation[]): Promise<ApplyResult> {
    if (mutations.length === 0) return { applied: 0, duplicates: 0 };
    const pipeline = this.client.pipeline() as unknown as ScriptedClient & { exec(): Promise<[Error | null, unknown][] | null> };
    for (const mutation of mutations) {
      const keys = keysOf(mutation.entity);
      const timelineKeys = mutation.ops.filter((op) => op.kind === 'timeline').map((op) => keys.timeline((op as { name: string }).name));
      const allKeys = [keys.counters, keys.registers, keys.applied, keys.positions, ...timelineKeys];
      const args: (string | number)[] = [
        allKeys.length,
        ...allKeys,
        mutation.dedupeId,
        mutation.timeMs,
        this.options.dedupeWindowMs,
        this.options.entityTtlMs,
        mutation.source?.log ?? '',
        mutation.source?.offset ?? 0,
      ];
      for (const op of mutation.ops) pushOpArgs(args, op);
      void pipeline.applyMutation(...args);
    }
    const results = (await pipeline.exec()) ?? [];
    let applied = 0;
    let duplicates = 0;
    for (const [err, value] of results) {
      if (err) throw err;
      if (Number(value) === 1) applied++;
      else duplicates++;
    }
    return { applied, duplicates };
  }

  async read(entities: readonly EntityRef[]): Promise<(EntitySnapshot | undefined)[]> {
    if (entities.length === 0) return [];
    const pipeline = this.client.pipeline();
    for (const ref of entities) {
      const keys = keysOf(ref);
      pipeline.hgetall(keys.counters);
      pipeline.hgetall(keys.registers);
      for (const name of timelinesOf[ref.kind]) pipeline.zrange(keys.timeline(name), 0, -1, 'REV', 'WITHSCORES');
    }
    const results = (await pipeline.exec()) ?? [];
    let cursor = 0;
    const next = <T>(): T => {
      const [err, value] = results[cursor++]!;
      if (err) throw err;
      return value as T;
    };
    return entities.map((ref) => {
      const rawCounters = next<Record<string, string>>();
      const rawRegisters = next<Record<string, string>>();
      const snapshot: EntitySnapshot = { counters: {}, registers: {}, timelines: {} };
      let empty = true;
      for (const field in rawCounters) {
        snapshot.counters[field] = Number(rawCounters[field]);
        empty = false;
      }
      for (const field in rawRegisters) {
        snapshot.registers[field] = parseRegister(rawRegisters[field]!);
        empty = false;
      }
      for (const name of timelinesOf[ref.kind]) {
        const flat = next<string[]>();
        const entries: { member: string; timeMs: number }[] = [];
        for (let i = 0; i < flat.length; i += 2) entries.push({ member: flat[i]!, timeMs: Number(flat[i + 1]) });
        snapshot.timelines[name] = entries;
        if (entries.length > 0) empty = false;
      }
      return empty ? undefined : snapshot;
    });
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
