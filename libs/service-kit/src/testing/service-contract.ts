import { status, type ServiceError } from '@grpc/grpc-js';
import { HealthProbe, ReflectionProbe } from './probe-clients';
import { ServiceProcess } from './service-process';

export interface ServiceContractOptions {
  /** The service's main.ts, relative to the repository root. */
  entry: string;
  /** Fully-qualified gRPC service name, e.g. cascade.ranking.v1.RankingService. */
  service: string;
  env?: () => Record<string, string>;
  /** Sends a request that breaks a field rule; it must fail with INVALID_ARGUMENT naming `invalidField`. */
  malformedCall(address: string): Promise<unknown>;
  invalidField: string;
}

/**
 * What every Cascade service promises the platform, checked on the real process: health SERVING
 * once warm, reflection, INVALID_ARGUMENT naming the field, and a clean exit on SIGTERM.
 */
export function describeServiceContract(name: string, options: ServiceContractOptions): void {
  describe(`${name} service process`, () => {
    let service: ServiceProcess;
    let address: string;

    beforeAll(async () => {
      service = new ServiceProcess({ entry: options.entry, env: options.env?.() ?? {} });
      address = `127.0.0.1:${await service.port()}`;
      await service.ready();
    }, 90_000);

    afterAll(() => service.close());

    it('answers grpc.health.v1 Check with SERVING, overall and for its service', async () => {
      const health = new HealthProbe(address);
      try {
        expect(await health.check('')).toBe('SERVING');
        expect(await health.check(options.service)).toBe('SERVING');
      } finally {
        health.close();
      }
    });

    it('lists its service over server reflection', async () => {
      const reflection = new ReflectionProbe(address);
      try {
        expect(await reflection.listServices()).toEqual(expect.arrayContaining([options.service, 'grpc.health.v1.Health']));
      } finally {
        reflection.close();
      }
    });

    it('rejects a malformed request with INVALID_ARGUMENT naming the field', async () => {
      const error = (await options.malformedCall(address).then(
        () => {
          throw new Error('the malformed request was accepted');
        },
        (e: unknown) => e,
      )) as ServiceError;
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.details).toMatch(new RegExp(`^${options.invalidField.replace(/[[\].]/g, '\\$&')}: `));
    });

    it('drains and exits 0 on SIGTERM', async () => {
      service.signal('SIGTERM');
      expect(await service.exited).toEqual({ code: 0, signal: null });
      expect(service.lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    }, 30_000);
  });
}
