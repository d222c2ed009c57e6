import type { Server } from '@grpc/grpc-js';

/**
 * Stops accepting calls and waits for in-flight ones for at most `graceMs`, then cancels the rest.
 * Resolves with whether every call finished in time.
 */
export function shutdownServer(server: Server, graceMs: number): Promise<{ drained: boolean }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve({ drained: false });
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve({ drained: true });
    });
  });
}
