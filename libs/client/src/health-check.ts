import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';

/** What a grpc.health.v1 Check answers, or `unreachable` when the call itself fails. */
export type HealthState = 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'SERVICE_UNKNOWN' | 'unreachable';

export interface HealthResult {
  state: HealthState;
  /** Why the service is unreachable (grpc status and details). */
  error?: string;
}

type HealthClient = grpc.Client & {
  check(request: { service: string }, options: Partial<grpc.CallOptions>, callback: (error: grpc.ServiceError | null, response?: { status: HealthState }) => void): grpc.ClientUnaryCall;
};
type HealthClientCtor = new (address: string, credentials: grpc.ChannelCredentials, options?: Partial<grpc.ClientOptions>) => HealthClient;

let healthCtor: HealthClientCtor | undefined;

function HealthClient(): HealthClientCtor {
  if (!healthCtor) {
    const definition = grpc.loadPackageDefinition(loadSync(healthProtoPath, { enums: String })) as unknown as { grpc: { health: { v1: { Health: HealthClientCtor } } } };
    healthCtor = definition.grpc.health.v1.Health;
  }
  return healthCtor;
}

/** A grpc.health.v1 client; with `channel` it shares that channel instead of opening one. */
export function createHealthClient(address: string, channel?: grpc.Channel): HealthClient {
  return new (HealthClient())(address, grpc.credentials.createInsecure(), channel ? { channelOverride: channel } : {});
}

/** One health Check of `service` with a deadline; never throws. */
export function checkHealth(client: HealthClient, service: string, deadlineMs: number): Promise<HealthResult> {
  return new Promise((resolve) => {
    client.check({ service }, { deadline: Date.now() + deadlineMs }, (error, response) => {
      if (error) resolve({ state: 'unreachable', error: `${grpc.status[error.code] ?? error.code}: ${error.details.replace(/\s*Resolution note:\s*$/, '')}` });
      else resolve({ state: response?.status ?? 'UNKNOWN' });
    });
  });
}

/** Checks one service at an address on a short-lived channel. */
export async function probeHealth(address: string, service: string, deadlineMs = 2000): Promise<HealthResult> {
  const client = createHealthClient(address);
  try {
    return await checkHealth(client, service, deadlineMs);
  } finally {
    client.close();
  }
}
