import { type Server, ServerCredentials } from '@grpc/grpc-js';

/** Binds host:port (port 0 picks a free one) and resolves with the port actually bound. */
export function bindServer(server: Server, host: string, port: number): Promise<number> {
  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, boundPort) => {
      if (error) reject(new Error(`cannot bind gRPC server to ${address}: ${error.message}`));
      else resolve(boundPort);
    });
  });
}
