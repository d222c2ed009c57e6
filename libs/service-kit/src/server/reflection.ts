import { dirname, join } from 'node:path';
import type { Server } from '@grpc/grpc-js';
import { loadFileDescriptorSetFromBuffer, loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { descriptorSetBase64 } from '@cascade/contracts';
import { protoPath as healthProtoPath } from 'grpc-health-check';

export const healthServiceName = 'grpc.health.v1.Health';
const reflectionServiceNames = ['grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'];

function reflectionProtos(): PackageDefinition {
  const protoRoot = join(dirname(require.resolve('@grpc/reflection/package.json')), 'build', 'proto');
  return loadSync(['grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto'], { includeDirs: [protoRoot] });
}

/** Every descriptor a Cascade service may expose: the contracts, health and reflection itself. */
function describedPackages(): PackageDefinition {
  return {
    ...loadFileDescriptorSetFromBuffer(Buffer.from(descriptorSetBase64, 'base64')),
    ...loadSync(healthProtoPath),
    ...reflectionProtos(),
  };
}

/** Serves grpc.reflection v1 and v1alpha, listing the given services plus health and reflection. */
export function addReflection(server: Server, serviceNames: readonly string[]): void {
  const services = [...serviceNames, healthServiceName, ...reflectionServiceNames];
  new ReflectionService(describedPackages(), { services }).addToServer(server);
}
