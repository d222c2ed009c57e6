import type { Server, ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import { HealthImplementation, type ServingStatus } from 'grpc-health-check';

export type { ServingStatus } from 'grpc-health-check';

/** The empty service name stands for the server as a whole in grpc.health.v1. */
export const overallHealth = '';

/** grpc.health.v1 statuses for the server ("") and each registered service. */
export class HealthReporter {
  private readonly implementation = new HealthImplementation({ [overallHealth]: 'NOT_SERVING' });
  private readonly services = new Set<string>([overallHealth]);
  private readonly watches = new Set<ServerWritableStream<unknown, unknown>>();

  addToServer(server: Server): void {
    // Watch streams never end on their own; track them so shutdown can close them instead of waiting them out.
    this.implementation.addToServer({
      addService: (definition, implementation: UntypedServiceImplementation) => {
        const watch = implementation['watch'] as (call: ServerWritableStream<unknown, unknown>) => void;
        server.addService(definition, {
          ...implementation,
          watch: (call: ServerWritableStream<unknown, unknown>) => {
            this.watches.add(call);
            call.on('cancelled', () => this.watches.delete(call));
            watch(call);
          },
        });
      },
    });
  }

  /** Sets one service's status ("" for the whole server). */
  setStatus(service: string, status: ServingStatus): void {
    this.services.add(service);
    this.implementation.setStatus(service, status);
  }

  /** Sets the status of the server and of every service it knows. */
  setAll(status: ServingStatus): void {
    for (const service of this.services) this.implementation.setStatus(service, status);
  }

  /** Ends open Watch streams (after they were told the last status) so the server can drain. */
  endWatches(): void {
    for (const call of this.watches) call.end();
    this.watches.clear();
  }
}
