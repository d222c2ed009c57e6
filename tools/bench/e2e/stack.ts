// The four services as real processes wired to each other, with the production defaults for stage
// budgets and the benchmark's topics, models and profile folder. By default each runs as the images
// run it: an esbuild bundle (tools/build/bundle.mjs) under plain node.
import { ServiceProcess } from '@cascade/service-kit/testing';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
export type ServiceRuntime = 'bundle' | 'tsx';

function entryOf(app: string, runtime: ServiceRuntime): string {
  if (runtime === 'tsx') return `apps/${app}/src/main.ts`;
  execFileSync(process.execPath, [join(root, 'tools', 'build', 'bundle.mjs'), app], { cwd: root, stdio: 'pipe' });
  return join(root, 'dist', 'apps', app, 'main.js');
}

export interface StackTopics {
  engagement: string;
  content: string;
  serve: string;
}

export interface StackOptions {
  brokers: string;
  topics: StackTopics;
  registryDir: string;
  profileDir: string;
  /** Extra environment for every service (e.g. a budget override). */
  env?: Record<string, string>;
  /** Extra environment for blending alone (e.g. its load-shedding limit). */
  blendingEnv?: Record<string, string>;
  runtime?: ServiceRuntime;
}

export interface Stack {
  services: ReadonlyMap<'feature' | 'candidate-retrieval' | 'ranking' | 'blending', ServiceProcess>;
  blendingAddress: string;
  retrievalAddress: string;
  ready(): Promise<void>;
  close(): void;
}

export async function startStack({ brokers, topics, registryDir, profileDir, env = {}, blendingEnv = {}, runtime = 'bundle' }: StackOptions): Promise<Stack> {
  const common = {
    KAFKA_BROKERS: brokers,
    ENGAGEMENT_TOPIC: topics.engagement,
    CONTENT_TOPIC: topics.content,
    MODEL_REGISTRY_DIR: registryDir,
    CPU_PROFILE_DIR: profileDir,
    CATCH_UP_TIMEOUT_MS: '1800000',
    ...env,
  };
  const start = (name: string, extra: Record<string, string> = {}) => new ServiceProcess({ entry: entryOf(name, runtime), env: { ...common, SERVICE_NAME: name, ...extra } });
  const feature = start('feature', { KAFKA_GROUP_ID: `${topics.engagement}.feature` });
  const featureAddr = `127.0.0.1:${await feature.port()}`;
  const retrieval = start('candidate-retrieval', { FEATURE_ADDR: featureAddr });
  const ranking = start('ranking', { FEATURE_ADDR: featureAddr });
  const [retrievalPort, rankingPort] = await Promise.all([retrieval.port(), ranking.port()]);
  const blending = start('blending', { RETRIEVAL_ADDR: `127.0.0.1:${retrievalPort}`, RANKING_ADDR: `127.0.0.1:${rankingPort}`, SERVE_TOPIC: topics.serve, ...blendingEnv });
  const services = new Map([
    ['feature', feature],
    ['candidate-retrieval', retrieval],
    ['ranking', ranking],
    ['blending', blending],
  ] as const);
  return {
    services,
    blendingAddress: `127.0.0.1:${await blending.port()}`,
    retrievalAddress: `127.0.0.1:${retrievalPort}`,
    ready: async () => void (await Promise.all([...services.values()].map((s) => s.ready()))),
    close: () => services.forEach((s) => s.close()),
  };
}
