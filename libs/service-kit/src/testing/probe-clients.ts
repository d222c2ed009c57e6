import { join, dirname } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath as healthProtoPath } from 'grpc-health-check';

type GenericClient = grpc.Client & Record<string, (...args: unknown[]) => unknown>;
type ClientCtor = new (address: string, credentials: grpc.ChannelCredentials) => GenericClient;

function clientConstructor(packageDefinition: grpc.GrpcObject, path: string[]): ClientCtor {
  let node: unknown = packageDefinition;
  for (const part of path) node = (node as Record<string, unknown>)[part];
  return node as ClientCtor;
}

export type HealthStatus = 'SERVING' | 'NOT_SERVING' | 'UNKNOWN' | 'SERVICE_UNKNOWN';

/** A grpc.health.v1 client built from the protocol's own proto, as any prober would. */
export class HealthProbe {
  private readonly client: GenericClient;

  constructor(address: string) {
    const definition = grpc.loadPackageDefinition(loadSync(healthProtoPath, { enums: String }));
    const Health = clientConstructor(definition, ['grpc', 'health', 'v1', 'Health']);
    this.client = new Health(address, grpc.credentials.createInsecure());
  }

  check(service: string): Promise<HealthStatus> {
    return new Promise((resolve, reject) => {
      this.client['Check']!({ service }, { deadline: Date.now() + 5000 }, (error: grpc.ServiceError | null, response: { status: HealthStatus }) =>
        error ? reject(error) : resolve(response.status),
      );
    });
  }

  /** Opens a Watch stream; statuses are pushed to the array, `ended` resolves when the server ends it. */
  watch(service: string): { statuses: HealthStatus[]; ended: Promise<grpc.StatusObject> } {
    const statuses: HealthStatus[] = [];
    const stream = this.client['Watch']!({ service }) as grpc.ClientReadableStream<{ status: HealthStatus }>;
    stream.on('data', (message: { status: HealthStatus }) => statuses.push(message.status));
    const ended = new Promise<grpc.StatusObject>((resolve) => {
      stream.on('status', resolve);
      stream.on('error', () => undefined);
    });
    return { statuses, ended };
  }

  close(): void {
    this.client.close();
  }
}

interface ReflectionResponse {
  listServicesResponse?: { service: { name: string }[] };
  fileDescriptorResponse?: { fileDescriptorProto: Buffer[] };
  errorResponse?: { errorCode: number; errorMessage: string };
}

/** A grpc.reflection client (v1 or v1alpha) built from the protos bundled with @grpc/reflection. */
export class ReflectionProbe {
  private readonly client: GenericClient;

  constructor(address: string, version: 'v1' | 'v1alpha' = 'v1') {
    const protoRoot = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
    const definition = grpc.loadPackageDefinition(loadSync(`grpc/reflection/${version}/reflection.proto`, { includeDirs: [protoRoot] }));
    const ServerReflection = clientConstructor(definition, ['grpc', 'reflection', version, 'ServerReflection']);
    this.client = new ServerReflection(address, grpc.credentials.createInsecure());
  }

  /** Sends one request on a ServerReflectionInfo stream and returns the answer. */
  ask(request: { listServices: string } | { fileContainingSymbol: string }): Promise<ReflectionResponse> {
    return new Promise((resolve, reject) => {
      const stream = this.client['ServerReflectionInfo']!({ deadline: Date.now() + 5000 }) as grpc.ClientDuplexStream<object, ReflectionResponse>;
      stream.once('data', (response: ReflectionResponse) => {
        resolve(response);
        stream.end();
      });
      stream.on('error', reject);
      stream.write(request);
    });
  }

  async listServices(): Promise<string[]> {
    const response = await this.ask({ listServices: '*' });
    return (response.listServicesResponse?.service ?? []).map(({ name }) => name).sort();
  }

  close(): void {
    this.client.close();
  }
}
