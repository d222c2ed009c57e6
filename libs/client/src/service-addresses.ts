import type { ServiceKey } from '@cascade/contracts';

/** Local ports of the four services (README: blending 50051 ... feature 50054). */
export const defaultPorts: Record<ServiceKey, number> = { blending: 50051, retrieval: 50052, ranking: 50053, feature: 50054 };

/** Environment variable overriding each service's address, the same names the services read. */
export const addressEnv: Record<ServiceKey, string> = {
  blending: 'BLENDING_ADDR',
  retrieval: 'RETRIEVAL_ADDR',
  ranking: 'RANKING_ADDR',
  feature: 'FEATURE_ADDR',
};

/** Each service's address: the env override, else localhost at its default port. */
export function serviceAddresses(env: NodeJS.ProcessEnv = process.env): Record<ServiceKey, string> {
  const entries = (Object.keys(defaultPorts) as ServiceKey[]).map((key) => [key, env[addressEnv[key]] || `127.0.0.1:${defaultPorts[key]}`] as const);
  return Object.fromEntries(entries) as Record<ServiceKey, string>;
}
