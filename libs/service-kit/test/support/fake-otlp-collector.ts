import { Server, ServerCredentials, type ServiceDefinition, type UntypedServiceImplementation } from '@grpc/grpc-js';

/** Raw bytes in, an empty Export*ServiceResponse out: enough to see what an OTLP/gRPC exporter sends. */
function exportService(path: string): ServiceDefinition {
  return {
    Export: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: (bytes: Buffer) => bytes,
      requestDeserialize: (bytes: Buffer) => bytes,
      responseSerialize: () => Buffer.alloc(0),
      responseDeserialize: (bytes: Buffer) => bytes,
    },
  };
}

/** An OTLP/gRPC collector on 127.0.0.1 that keeps every export request it receives. */
export async function startFakeCollector(): Promise<{ endpoint: string; traces: Buffer[]; metrics: Buffer[]; close(): void }> {
  const traces: Buffer[] = [];
  const metrics: Buffer[] = [];
  const server = new Server();
  const keep = (into: Buffer[]): UntypedServiceImplementation => ({
    Export: (call: { request: Buffer }, callback: (error: null, response: Buffer) => void) => {
      into.push(call.request);
      callback(null, Buffer.alloc(0));
    },
  });
  server.addService(exportService('/opentelemetry.proto.collector.trace.v1.TraceService/Export'), keep(traces));
  server.addService(exportService('/opentelemetry.proto.collector.metrics.v1.MetricsService/Export'), keep(metrics));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { endpoint: `http://127.0.0.1:${port}`, traces, metrics, close: () => server.forceShutdown() };
}
