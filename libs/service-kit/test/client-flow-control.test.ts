import { FeatureServiceClient, GetFeaturesRequest } from '@cascade/contracts';
import { createServer, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createClient } from '../src';

describe('client transport', () => {
  it('advertises an 8 MiB HTTP/2 window per stream and per connection, so a large answer is sent without waiting for window updates', async () => {
    // A bare HTTP/2 server: it sees the SETTINGS and WINDOW_UPDATE frames the client sends.
    const server = createServer();
    const session = new Promise<Http2Session>((resolve) => server.once('session', resolve));
    server.on('stream', (stream) => stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '0' }, { endStream: true }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = createClient(FeatureServiceClient, `127.0.0.1:${(server.address() as AddressInfo).port}`, { defaultTimeoutMs: 5_000 });
    try {
      await client.getFeatures(GetFeaturesRequest.fromPartial({ userId: 'u' })).catch(() => undefined);
      const peer = await session;
      expect(peer.remoteSettings.initialWindowSize).toBe(8 * 1024 * 1024);
      expect(peer.state.remoteWindowSize).toBeGreaterThanOrEqual(8 * 1024 * 1024 - 65_535);
    } finally {
      client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
