import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { EngagementEvent, EngagementType, RecommendResponse, Source, Surface } from '@cascade/contracts';
import { engagementCodec, ensureTopics, replaySource, replayTopics } from '@cascade/events';
import { dropTopics, requireBrokers, testKafka, uniqueName } from '@cascade/events/testing';
import { freePort, ServiceProcess } from '@cascade/service-kit/testing';
import { parseCommand, UsageError } from '../src/cli/args';
import { formatHealth, formatModels, formatRecommendation } from '../src/cli/format';

const root = join(__dirname, '..', '..');

describe('cascade CLI arguments', () => {
  it('parses recommend with defaults from the environment', () => {
    expect(parseCommand(['recommend', '--user', 'u42', '--surface', 'spotlight', '--debug'], { BLENDING_ADDR: 'blending:9000' })).toEqual({
      kind: 'recommend',
      address: 'blending:9000',
      userId: 'u42',
      surface: Surface.SURFACE_SPOTLIGHT,
      limit: 10,
      debug: true,
      json: false,
      deadlineMs: 2000,
    });
    expect(parseCommand(['recommend', '--user', 'u1', '--surface', 'stories', '--limit', '3', '--addr', 'h:1'], {})).toMatchObject({ address: 'h:1', limit: 3 });
  });

  it("gives health the README's ports, overridden per service by env and --addr", () => {
    expect(parseCommand(['health', '--addr', 'ranking=r:7', '--json'], { FEATURE_ADDR: 'f:8' })).toEqual({
      kind: 'health',
      json: true,
      addresses: { blending: '127.0.0.1:50051', retrieval: '127.0.0.1:50052', ranking: 'r:7', feature: 'f:8' },
    });
    expect(parseCommand(['health', '--addr', 'b:1'], {})).toMatchObject({ addresses: { blending: 'b:1' } });
  });

  it('parses models list and events produce', () => {
    expect(parseCommand(['models', 'list'], {})).toEqual({ kind: 'models-list', registry: '.cache/models', json: false });
    expect(parseCommand(['models', 'list', '--registry', '/tmp/m'], {})).toMatchObject({ registry: '/tmp/m' });
    expect(parseCommand(['events', 'produce', '--user', 'u1', '--item', 'i1', '--type', 'like', '--brokers', 'k:9092'], {})).toEqual({
      kind: 'events-produce',
      userId: 'u1',
      itemId: 'i1',
      creatorId: '',
      type: EngagementType.ENGAGEMENT_TYPE_LIKE,
      surface: Surface.SURFACE_SPOTLIGHT,
      watchMs: 0,
      brokers: 'k:9092',
      json: false,
    });
    expect(parseCommand(['events', 'produce', '--user', 'u1', '--item', 'i1', '--type', 'skip', '--topic', 'other.engagement'], {})).toMatchObject({ topic: 'other.engagement' });
  });

  it('rejects what an operator could get wrong with a message', () => {
    expect(() => parseCommand(['recommend', '--surface', 'spotlight'], {})).toThrow(new UsageError('--user is required'));
    expect(() => parseCommand(['recommend', '--user', 'u', '--surface', 'feed'], {})).toThrow(/unknown surface "feed" \(one of spotlight, discover, stories\)/);
    expect(() => parseCommand(['recommend', '--user', 'u', '--surface', 'spotlight', '--limit', '0'], {})).toThrow(/--limit must be an integer >= 1/);
    expect(() => parseCommand(['events', 'produce', '--user', 'u', '--item', 'i', '--type', 'unspecified'], {})).toThrow(/unknown engagement type/);
    expect(() => parseCommand(['health', '--addr', 'search=h:1'], {})).toThrow(/--addr takes/);
    expect(() => parseCommand(['models', 'delete'], {})).toThrow(/unknown command "models delete"/);
    expect(() => parseCommand(['health', '--bogus'], {})).toThrow(/bogus/);
    expect(parseCommand([], {})).toEqual({ kind: 'help' });
  });
});

describe('cascade CLI output', () => {
  it('prints items with explanations, degraded stages, model versions and the funnel', () => {
    const text = formatRecommendation(
      RecommendResponse.fromPartial({
        requestId: 'r1',
        items: [{ itemId: 'i9', creatorId: 'c2', score: 0.5, position: 1, sources: [Source.SOURCE_TRENDING], explanation: 'trending in US' }],
        degraded: true,
        degradedStages: ['ranking'],
        modelVersions: { ranker: 'v2', 'two-tower': 'v1' },
        debug: { stages: [{ stage: 'ranking', countIn: 40, countOut: 40, durationMs: 3, degraded: true, degradedReason: 'deadline' }] },
      }),
    );
    expect(text.split('\n')).toEqual([
      'request r1: 1 item(s)',
      '  1. i9 by c2  score 0.5000  [trending]  trending in US',
      'degraded: ranking',
      'models: ranker@v2, two-tower@v1',
      '  ranking: 40 → 40 in 3 ms  DEGRADED (deadline)',
    ]);
  });

  it('prints health and the model registry one row each', () => {
    expect(formatHealth([{ service: 'blending', address: 'h:1', result: { state: 'SERVING' } }, { service: 'ranking', address: 'h:2', result: { state: 'unreachable', error: 'UNAVAILABLE: refused' } }])).toBe(
      'blending  h:1  SERVING\nranking   h:2  unreachable  (UNAVAILABLE: refused)',
    );
    expect(formatModels('/r', [{ name: 'ranker', latest: 'v2', versions: [{ version: 'v1', createdAt: 'T1', metrics: { auc: 0.71234 } }, { version: 'v2', createdAt: 'T2', metrics: { examples: 10 } }] }])).toBe(
      'ranker (LATEST v2)\n   v1  T1  auc=0.7123\n * v2  T2  examples=10',
    );
    expect(formatModels('/r', [])).toBe('no models under /r');
  });
});

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(root, 'tools/src/cascade-cli.ts'), ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('cascade CLI against the real blending service (retrieval and ranking down)', () => {
  let blending: ServiceProcess;
  let env: Record<string, string>;

  beforeAll(async () => {
    const [retrievalPort, rankingPort, featurePort] = [await freePort(), await freePort(), await freePort()];
    blending = new ServiceProcess({
      entry: 'apps/blending/src/main.ts',
      env: { RETRIEVAL_ADDR: `127.0.0.1:${retrievalPort}`, RANKING_ADDR: `127.0.0.1:${rankingPort}` },
    });
    const port = await blending.port();
    await blending.ready();
    env = {
      BLENDING_ADDR: `127.0.0.1:${port}`,
      RETRIEVAL_ADDR: `127.0.0.1:${retrievalPort}`,
      RANKING_ADDR: `127.0.0.1:${rankingPort}`,
      FEATURE_ADDR: `127.0.0.1:${featurePort}`,
    };
  }, 60_000);

  afterAll(() => blending?.close());

  it('health --json reports blending SERVING, the others unreachable, and exits 1', async () => {
    const { code, stdout } = await cli(['health', '--json'], env);
    const rows = JSON.parse(stdout) as { service: string; address: string; state: string }[];
    expect(rows.map(({ service, address, state }) => ({ service, address, state }))).toEqual([
      { service: 'blending', address: env['BLENDING_ADDR'], state: 'SERVING' },
      { service: 'retrieval', address: env['RETRIEVAL_ADDR'], state: 'unreachable' },
      { service: 'ranking', address: env['RANKING_ADDR'], state: 'unreachable' },
      { service: 'feature', address: env['FEATURE_ADDR'], state: 'unreachable' },
    ]);
    expect(code).toBe(1);
  });

  it('recommend --json prints the degraded response', async () => {
    const { code, stdout } = await cli(['recommend', '--user', 'u42', '--surface', 'spotlight', '--json'], env);
    expect(code).toBe(0);
    const response = RecommendResponse.fromJSON(JSON.parse(stdout));
    expect(response.degraded).toBe(true);
    expect(response.degradedStages).toContain('retrieval');
  });

  it('recommend prints a readable degraded answer', async () => {
    const { code, stdout } = await cli(['recommend', '--user', 'u42', '--surface', 'spotlight', '--debug'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^request [0-9a-f-]{36}: \d+ item\(s\)$/m);
    expect(stdout).toMatch(/^degraded: .*retrieval/m);
  });
});

describe('cascade events produce against a real broker', () => {
  const brokers = requireBrokers().join(',');
  const kafka = testKafka('cascade-cli-test');
  const topic = uniqueName('cli.engagement');
  afterAll(() => dropTopics(kafka, [topic]));

  it('produces one engagement event that reads back with every field given', async () => {
    await ensureTopics(kafka, [{ topic }]);
    const { code, stdout, stderr } = await cli(['events', 'produce', '--user', 'u7', '--item', 'i42', '--creator', 'c3', '--type', 'like', '--surface', 'stories', '--watch-ms', '1500', '--brokers', brokers, '--topic', topic, '--json'], {});
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const produced = JSON.parse(stdout) as { topic: string; partition: number; offset: string; eventId: string };
    expect(produced).toMatchObject({ topic, offset: '0' });

    const events: EngagementEvent[] = [];
    await replayTopics({ kafka, sources: [replaySource({ codec: engagementCodec, topic, onEvents: (batch) => batch.forEach((d) => events.push(d.event)) })] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventId: produced.eventId,
      userId: 'u7',
      itemId: 'i42',
      creatorId: 'c3',
      type: EngagementType.ENGAGEMENT_TYPE_LIKE,
      surface: Surface.SURFACE_STORIES,
      watchMs: 1500,
    });
    expect(Math.abs(events[0]!.eventTimeMs - Date.now())).toBeLessThan(60_000);
  }, 60_000);

  it('refuses an unknown engagement type before touching the broker', async () => {
    const { code, stderr } = await cli(['events', 'produce', '--user', 'u7', '--item', 'i42', '--type', 'adore', '--brokers', brokers, '--topic', topic], {});
    expect(code).toBe(2);
    expect(stderr).toContain('engagement type');
  });
});
