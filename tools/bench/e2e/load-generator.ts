// One open-loop step against Recommend, as its own process so that its event loop shares nothing
// with the event producer or the services. Prints an OpenLoopResult as JSON on stdout.
//
//   npx tsx tools/bench/e2e/load-generator.ts --target 127.0.0.1:50051 --rate 100 --seconds 20 --users users.json
import { status } from '@grpc/grpc-js';
import { BlendingServiceClient, RecommendRequest, Surface } from '@cascade/contracts';
import { createClient } from '@cascade/service-kit';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CallOutcome, runOpenLoop } from './open-loop';

export interface BenchUser {
  userId: string;
  country: string;
  locale: string;
}

const { values: args } = parseArgs({
  options: {
    target: { type: 'string', default: '127.0.0.1:50051' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '20' },
    users: { type: 'string' },
    'deadline-ms': { type: 'string', default: '250' },
    limit: { type: 'string', default: '20' },
  },
});

/** Traffic mix across the product surfaces. */
const surfaces = [
  ...Array<Surface>(7).fill(Surface.SURFACE_SPOTLIGHT),
  ...Array<Surface>(2).fill(Surface.SURFACE_DISCOVER),
  Surface.SURFACE_STORIES,
];
const errorSamples = new Set<string>();
const statusName = Object.fromEntries(Object.entries(status).map(([name, code]) => [code, name]));

async function main(): Promise<void> {
  if (!args.users) throw new Error('--users <file> is required');
  const users = JSON.parse(readFileSync(args.users, 'utf8')) as BenchUser[];
  const deadlineMs = Number(args['deadline-ms']);
  const client = createClient(BlendingServiceClient, args.target, { defaultTimeoutMs: deadlineMs });
  const request = (i: number) => {
    const user = users[(i * 7919) % users.length]!;
    return RecommendRequest.fromPartial({ userId: user.userId, surface: surfaces[i % surfaces.length]!, limit: Number(args.limit), context: { country: user.country, locale: user.locale }, requestId: `bench-${i}` });
  };
  // Warm the channel (connection, first-call costs) outside the measured step.
  for (let i = 0; i < 5; i++) await client.recommend(request(i)).catch(() => undefined);
  const cpuBefore = process.cpuUsage();
  const loopStarted = performance.now();
  const result = await runOpenLoop({
    ratePerSecond: Number(args.rate),
    durationMs: Number(args.seconds) * 1000,
    call: (i) =>
      client.recommend(request(i)).then(
        (response): CallOutcome => ({ ok: true, degraded: response.degraded, degradedStages: response.degradedStages }),
        (error: { code?: number; details?: string }): CallOutcome => {
          const code = statusName[error.code ?? -1] ?? 'UNKNOWN';
          if (code !== 'DEADLINE_EXCEEDED' && code !== 'RESOURCE_EXHAUSTED' && errorSamples.size < 5) errorSamples.add(`${code}: ${error.details ?? ''}`);
          return { ok: false, error: code };
        },
      ),
  });
  const cpu = process.cpuUsage(cpuBefore);
  const generatorCores = (cpu.user + cpu.system) / 1000 / (performance.now() - loopStarted);
  client.close();
  // Unexpected failures, as the client saw them (stderr: the bench's own log).
  for (const sample of errorSamples) process.stderr.write(`[load] ${sample}\n`);
  process.stdout.write(`${JSON.stringify({ ...result, generatorCores })}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
