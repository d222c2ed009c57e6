import { parseArgs } from 'node:util';
import { EngagementType, Surface } from '@cascade/contracts';
import { serviceAddresses } from '@cascade/client';
import type { ServiceKey } from '@cascade/contracts';

export const usage = `Usage: cascade <command> [options]

  recommend --user <id> --surface <spotlight|discover|stories> [--limit 10] [--debug] [--json]
            [--addr host:port] [--deadline-ms 2000]
  health [--addr host:port | --addr <service>=host:port ...] [--json]
  models list [--registry .cache/models] [--json]
  events produce --user <id> --item <id> --type <like|view|...> [--creator <id>] [--surface spotlight]
                 [--watch-ms 0] [--brokers host:port,...] [--topic cascade.engagement.v1] [--json]
  debug-page [--port 8090] [--blending host:port] [--deadline-ms 2000]
            serves http://127.0.0.1:<port>/: one Recommend request's funnel drawn as a page

Addresses default to blending 50051, retrieval 50052, ranking 50053, feature 50054 on 127.0.0.1,
overridden by BLENDING_ADDR, RETRIEVAL_ADDR, RANKING_ADDR, FEATURE_ADDR. Brokers default to KAFKA_BROKERS.`;

export class UsageError extends Error {}

/** The debug page's port unless --port or DEBUG_PAGE_PORT says otherwise. */
export const DEFAULT_DEBUG_PAGE_PORT = 8090;

export type Command =
  | { kind: 'recommend'; address: string; userId: string; surface: Surface; limit: number; debug: boolean; json: boolean; deadlineMs: number }
  | { kind: 'health'; addresses: Record<ServiceKey, string>; json: boolean }
  | { kind: 'models-list'; registry: string; json: boolean }
  | { kind: 'events-produce'; userId: string; itemId: string; creatorId: string; type: EngagementType; surface: Surface; watchMs: number; brokers?: string; topic?: string; json: boolean }
  | { kind: 'debug-page'; port: number; blendingAddress: string; deadlineMs: number }
  | { kind: 'help' };

/** `spotlight` → SURFACE_SPOTLIGHT; `like` → ENGAGEMENT_TYPE_LIKE. */
function enumValue<E extends Record<string, string | number>>(values: E, prefix: string, name: string, what: string): E[keyof E] {
  const key = `${prefix}${name.toUpperCase().replace(/-/g, '_')}`;
  const value = values[key];
  if (typeof value !== 'number' || value <= 0) {
    const known = Object.keys(values)
      .filter((k) => k.startsWith(prefix) && !k.endsWith('UNSPECIFIED'))
      .map((k) => k.slice(prefix.length).toLowerCase());
    throw new UsageError(`unknown ${what} "${name}" (one of ${known.join(', ')})`);
  }
  return value as E[keyof E];
}

function positiveInt(text: string | undefined, fallback: number, what: string, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${what} must be an integer >= ${min}, got "${text}"`);
  return value;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`--${flag} is required`);
  return value;
}

function healthAddresses(overrides: string[], env: NodeJS.ProcessEnv): Record<ServiceKey, string> {
  const addresses = serviceAddresses(env);
  for (const override of overrides) {
    const [name, address] = override.includes('=') ? override.split('=', 2) : ['blending', override];
    if (!name || !(name in addresses) || !address) throw new UsageError(`--addr takes host:port or <${Object.keys(addresses).join('|')}>=host:port, got "${override}"`);
    addresses[name as ServiceKey] = address;
  }
  return addresses;
}

/** Parses argv (without node and the script) into a command; throws UsageError with a message for the operator. */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      user: { type: 'string' },
      surface: { type: 'string' },
      limit: { type: 'string' },
      debug: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      addr: { type: 'string', multiple: true },
      'deadline-ms': { type: 'string' },
      registry: { type: 'string' },
      item: { type: 'string' },
      creator: { type: 'string' },
      type: { type: 'string' },
      'watch-ms': { type: 'string' },
      brokers: { type: 'string' },
      topic: { type: 'string' },
      port: { type: 'string' },
      blending: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, sub, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return { kind: 'help' };
  const json = values.json;
  const addr = values.addr ?? [];

  if (command === 'recommend' && sub === undefined) {
    if (addr.length > 1) throw new UsageError('recommend takes one --addr');
    return {
      kind: 'recommend',
      address: addr[0] ?? serviceAddresses(env).blending,
      userId: required(values.user, 'user'),
      surface: enumValue(Surface, 'SURFACE_', required(values.surface, 'surface'), 'surface'),
      limit: positiveInt(values.limit, 10, 'limit'),
      debug: values.debug,
      json,
      deadlineMs: positiveInt(values['deadline-ms'], 2000, 'deadline-ms'),
    };
  }
  if (command === 'health' && sub === undefined) return { kind: 'health', addresses: healthAddresses(addr, env), json };
  if (command === 'models' && sub === 'list' && rest.length === 0) {
    return { kind: 'models-list', registry: values.registry ?? env['MODEL_REGISTRY_DIR'] ?? '.cache/models', json };
  }
  if (command === 'events' && sub === 'produce' && rest.length === 0) {
    return {
      kind: 'events-produce',
      userId: required(values.user, 'user'),
      itemId: required(values.item, 'item'),
      creatorId: values.creator ?? '',
      type: enumValue(EngagementType, 'ENGAGEMENT_TYPE_', required(values.type, 'type'), 'engagement type'),
      surface: enumValue(Surface, 'SURFACE_', values.surface ?? 'spotlight', 'surface'),
      watchMs: positiveInt(values['watch-ms'], 0, 'watch-ms', 0),
      ...(values.brokers ? { brokers: values.brokers } : {}),
      ...(values.topic ? { topic: values.topic } : {}),
      json,
    };
  }
  if (command === 'debug-page' && sub === undefined) {
    const port = positiveInt(values.port ?? (env['DEBUG_PAGE_PORT'] || undefined), DEFAULT_DEBUG_PAGE_PORT, 'port', 0);
    if (port > 65_535) throw new UsageError(`--port must be at most 65535, got ${port}`);
    return {
      kind: 'debug-page',
      port,
      blendingAddress: values.blending ?? serviceAddresses(env).blending,
      deadlineMs: positiveInt(values['deadline-ms'], 2000, 'deadline-ms'),
    };
  }
  throw new UsageError(`unknown command "${positionals.join(' ')}"`);
}
