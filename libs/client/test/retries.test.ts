import * as grpc from '@grpc/grpc-js';
import { BlendingServiceService, RecommendResponse } from '@cascade/contracts';
import { createCascadeClient } from '../src';

/** A stand-in blending server that answers UNAVAILABLE to the first `failures` calls. */
async function flakyBlending(failures: number) {
  const server = new grpc.Server();
  const seen: string[] = [];
  server.addService(BlendingServiceService, {
    recommend: (call: grpc.ServerUnaryCall<{ userId: string }, RecommendResponse>, callback: grpc.sendUnaryData<RecommendResponse>) => {
      seen.push(call.request.userId);
      if (seen.length <= failures) callback({ code: grpc.status.UNAVAILABLE, details: 'warming up' });
      else callback(null, RecommendResponse.fromPartial({ requestId: `r${seen.length}`, degraded: false }));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { address: `127.0.0.1:${port}`, seen, close: () => server.forceShutdown() };
}

describe('recommend retries', () => {
  it('retries UNAVAILABLE and returns the answer of the later attempt', async () => {
    const server = await flakyBlending(2);
    const client = createCascadeClient({ address: server.address, defaultDeadlineMs: 3000, retries: 2, initialBackoffMs: 10 });
    try {
      const response = await client.recommend({ userId: 'u42', limit: 5 });
      expect(response.requestId).toBe('r3');
      expect(server.seen).toEqual(['u42', 'u42', 'u42']);
    } finally {
      client.close();
      server.close();
    }
  });

  it('fails with UNAVAILABLE after one attempt when retries are off', async () => {
    const server = await flakyBlending(1);
    const client = createCascadeClient({ address: server.address, defaultDeadlineMs: 3000, retries: 0 });
    try {
      await expect(client.recommend({ userId: 'u1' })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
      expect(server.seen).toHaveLength(1);
    } finally {
      client.close();
      server.close();
    }
  });

  it('cancels a call whose signal is aborted, without retrying it', async () => {
    const server = await flakyBlending(0);
    const client = createCascadeClient({ address: server.address, retries: 2 });
    try {
      await expect(client.recommend({ userId: 'u1' }, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: grpc.status.CANCELLED });
      expect(server.seen).toEqual([]);
    } finally {
      client.close();
      server.close();
    }
  });

  it('reuses one channel for every call until close()', async () => {
    const server = await flakyBlending(0);
    const client = createCascadeClient({ address: server.address, retries: 1 });
    try {
      await client.recommend({ userId: 'a' });
      await client.recommend({ userId: 'b' });
      expect(server.seen).toEqual(['a', 'b']);
      client.close();
      await expect(client.recommend({ userId: 'c' })).rejects.toThrow();
      expect(server.seen).toEqual(['a', 'b']);
    } finally {
      server.close();
    }
  });
});
