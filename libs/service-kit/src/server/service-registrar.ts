import type {
  handleBidiStreamingCall,
  handleClientStreamingCall,
  handleServerStreamingCall,
  handleUnaryCall,
  Server,
  ServiceDefinition,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { type HandlerDefaults, withHandlerDefaults } from '../handlers/handler-defaults';

type RequestOf<M> = M extends { requestDeserialize: (bytes: Buffer) => infer Request } ? Request : never;
type ResponseOf<M> = M extends { responseSerialize: (value: infer Response) => Buffer } ? Response : never;

/** The handler type grpc-js expects for one method of a generated service definition. */
export type HandlerFor<M> = M extends { requestStream: false; responseStream: false }
  ? handleUnaryCall<RequestOf<M>, ResponseOf<M>>
  : M extends { requestStream: false; responseStream: true }
    ? handleServerStreamingCall<RequestOf<M>, ResponseOf<M>>
    : M extends { requestStream: true; responseStream: false }
      ? handleClientStreamingCall<RequestOf<M>, ResponseOf<M>>
      : handleBidiStreamingCall<RequestOf<M>, ResponseOf<M>>;

/** Handlers for every method of a generated service definition (e.g. ts-proto's `RankingServiceService`). */
export type ImplementationOf<D> = { [K in keyof D]: HandlerFor<D[K]> };

export interface ServiceRegistrar {
  /** Registers a generated service; the implementation is type-checked against the definition. */
  addService<D extends object>(definition: D, implementation: ImplementationOf<D>): void;
}

/** "cascade.ranking.v1.RankingService" from a definition whose methods have paths like "/cascade.ranking.v1.RankingService/Rank". */
export function serviceNameOf(definition: object): string {
  const method = Object.values(definition)[0] as { path?: unknown } | undefined;
  const match = typeof method?.path === 'string' ? /^\/([^/]+)\//.exec(method.path) : null;
  if (!match?.[1]) throw new Error('addService: not a gRPC service definition (no method with a path)');
  return match[1];
}

/**
 * Registers services on the server, gives their handlers this server's defaults, and remembers
 * their fully-qualified names (for health and reflection).
 */
export function createServiceRegistrar(server: Server, defaults: HandlerDefaults): ServiceRegistrar & { readonly serviceNames: readonly string[] } {
  const serviceNames: string[] = [];
  return {
    serviceNames,
    addService(definition, implementation) {
      const name = serviceNameOf(definition);
      server.addService(
        definition as unknown as ServiceDefinition,
        withHandlerDefaults(implementation as unknown as UntypedServiceImplementation, defaults),
      );
      serviceNames.push(name);
    },
  };
}
