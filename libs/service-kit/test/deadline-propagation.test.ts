import {
  FeatureServiceClient,
  FeatureServiceService,
  GetFeaturesResponse,
  RankingServiceClient,
  RankingServiceService,
  RankRequest,
  RankResponse,
} from '@cascade/contracts';
import { status } from '@grpc/grpc-js';
import { createClient, deadlineMs, GrpcError, type RunningService, startService, unary } from '../src/index';
import { useCleanup } from './support/cleanup';
import { gate } from './support/gate';

const quiet = { GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', LOG_LEVEL: 'silent' };

interface DownstreamCall {
  incomingDeadline: number;
  abortedWith: Promise<status>;
}

/** Feature service that never answers on its own: it waits until its call is aborted and reports how. */
async function startHangingFeatureService(calls: DownstreamCall[], entered: () => void): Promise<RunningService<unknown>> {
  return startService({
    name: 'downstream',
    env: quiet,
    setup({ server }) {
      server.addService(FeatureServiceService, {
        getFeatures: unary(async (_request, context) => {
          calls.push({
            incomingDeadline: deadlineMs(context),
            abortedWith: new Promise((resolve) =>
              context.signal.addEventListener('abort', () => resolve((context.signal.reason as GrpcError).code), { once: true }),
            ),
          });
          entered();
          await new Promise((_resolve, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason as Error)));
          return GetFeaturesResponse.fromPartial({});
        }),
      });
    },
  });
}

/** Ranking service that asks the feature service, tells the outcome in degraded_reason, and records its own deadline. */
async function startRankingService(featureAddress: string, reserveMs: number, ownDeadlines: number[]): Promise<RunningService<unknown>> {
  return startService({
    name: 'upstream',
    env: quiet,
    setup({ server, clients }) {
      const features = clients.create(FeatureServiceClient, featureAddress, { defaultTimeoutMs: 3_600_000 });
      server.addService(RankingServiceService, {
        rank: unary(async (request, context) => {
          ownDeadlines.push(context.deadline.getTime());
          const outcome = await features.getFeatures({ userId: request.userId, itemIds: [], featureNames: [], asOfMs: 0, numbersAsBytes: false }, { parent: context, reserveMs }).then(
            () => 'OK',
            (error: { code: status }) => status[error.code],
          );
          return RankResponse.fromPartial({ degraded: outcome !== 'OK', degradedReason: `downstream:${outcome}` });
        }),
      });
    },
  });
}

describe('deadline propagation between kit services', () => {
  const calls: DownstreamCall[] = [];
  const ownDeadlines: number[] = [];
  let entered = gate();
  let downstream: RunningService<unknown>;
  let upstream: RunningService<unknown>;
  let ranking: ReturnType<typeof createClient<typeof RankingServiceClient>>;

  beforeAll(async () => {
    downstream = await startHangingFeatureService(calls, () => entered.open());
    upstream = await startRankingService(`127.0.0.1:${downstream.port}`, 200, ownDeadlines);
    ranking = createClient(RankingServiceClient, `127.0.0.1:${upstream.port}`, { defaultTimeoutMs: 3_600_000 });
  });

  afterAll(async () => {
    ranking.close();
    await upstream.shutdown();
    await downstream.shutdown();
  });

  beforeEach(() => {
    calls.length = 0;
    ownDeadlines.length = 0;
    entered = gate();
  });

  it("fails the downstream call with DEADLINE_EXCEEDED at the parent's deadline less the reserve", async () => {
    const response = await ranking.rank(RankRequest.fromPartial({ userId: 'u1' }), { budgetMs: 1500 });

    // The upstream handler was still alive to answer: the downstream call gave up before the parent's deadline.
    expect(response.degradedReason).toBe('downstream:DEADLINE_EXCEEDED');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.incomingDeadline).toBeLessThan(ownDeadlines[0]!);
    expect(await calls[0]!.abortedWith).toBe(status.DEADLINE_EXCEEDED);
  }, 10_000);

  it('cancels the downstream call when the upstream caller cancels', async () => {
    const pending = ranking.grpc.rank(RankRequest.fromPartial({ userId: 'u2' }), () => undefined);
    await entered.opened;

    pending.cancel();

    expect(await calls[0]!.abortedWith).toBe(status.CANCELLED);
  }, 10_000);
});

describe('createClient', () => {
  const track = useCleanup();

  it('gives calls without a deadline the default timeout', async () => {
    const calls: DownstreamCall[] = [];
    const entered = gate();
    const downstream = track(await startHangingFeatureService(calls, () => entered.open()));
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${downstream.port}`, { defaultTimeoutMs: 3_600_000 }));

    // Through the raw grpc-js client too: the deadline comes from the channel's interceptor.
    const pending = features.grpc.getFeatures({ userId: 'u', itemIds: [], featureNames: [], asOfMs: 0, numbersAsBytes: false }, () => undefined);
    await entered.opened;

    expect(Math.abs(calls[0]!.incomingDeadline - (Date.now() + 3_600_000))).toBeLessThan(60_000);
    pending.cancel();
  });

  it('rejects with the ServiceError of a failed call and cancels on abort', async () => {
    const calls: DownstreamCall[] = [];
    const entered = gate();
    const downstream = track(await startHangingFeatureService(calls, () => entered.open()));
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${downstream.port}`, { defaultTimeoutMs: 100 }));
    const request = { userId: 'u', itemIds: [], featureNames: [], asOfMs: 0, numbersAsBytes: false };

    await expect(features.getFeatures(request)).rejects.toMatchObject({ code: status.DEADLINE_EXCEEDED });

    const controller = new AbortController();
    const aborted = features.getFeatures(request, { signal: controller.signal, budgetMs: 3_600_000 });
    await entered.opened;
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: status.CANCELLED });
  });

  it('lets the server end calls at their deadline: a burst of timeouts resets no stream, so the connection and its other calls survive', async () => {
    const release = gate();
    const downstream = track(
      await startService({
        name: 'slow',
        env: { ...quiet, GRPC_ADAPTIVE_LIMIT: 'false' },
        setup({ server }) {
          server.addService(FeatureServiceService, {
            getFeatures: unary(async (request, context) => {
              if (request.userId === 'long') await release.opened;
              else await new Promise((_resolve, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason as Error), { once: true }));
              return GetFeaturesResponse.fromPartial({ registryVersion: request.userId });
            }),
          });
        },
      }),
    );
    const features = track(createClient(FeatureServiceClient, `127.0.0.1:${downstream.port}`, { defaultTimeoutMs: 3_600_000 }));
    const call = (userId: string, budgetMs: number) =>
      features.getFeatures({ userId, itemIds: [], featureNames: [], asOfMs: 0, numbersAsBytes: false }, { budgetMs }).then(
        (response) => response.registryVersion,
        (error: { code: status }) => status[error.code],
      );
    await new Promise<void>((resolve, reject) => features.grpc.waitForReady(Date.now() + 10_000, (error) => (error ? reject(error) : resolve())));

    // Calls in flight on the connection while others time out around them.
    const long = Array.from({ length: 20 }, () => call('long', 60_000));
    // More timed-out calls than Node's HTTP/2 server tolerates stream resets in a burst (1,000).
    for (let wave = 0; wave < 3; wave++) {
      expect(await Promise.all(Array.from({ length: 500 }, () => call('short', 300)))).toEqual(Array<string>(500).fill('DEADLINE_EXCEEDED'));
    }
    release.open();
    expect(await Promise.all(long)).toEqual(Array<string>(20).fill('long'));
  }, 30_000);
});
