// Offline validation of deploy/: no Docker engine or cluster runs here, so this checks what can be
// checked from the files alone: they parse, the Kubernetes objects carry what they need (gRPC
// probes on the service's port, resources, securityContext), kustomize overlays point at real bases
// and names, compose wires the services on their configured ports with variables they read, and
// each Dockerfile runs the same build as the repository.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const root = join(__dirname, '..', '..');
const deployDir = join(root, 'deploy');
const services = ['blending', 'candidate-retrieval', 'ranking', 'feature'] as const;
type ServiceName = (typeof services)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function parseYamlFile(path: string): Doc[] {
  const docs = parseAllDocuments(readFileSync(path, 'utf8'), { merge: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0) throw new Error(`${relative(root, path)}: ${doc.errors.map((e) => e.message).join('; ')}`);
  }
  return list.map((doc) => doc.toJS({ maxAliasCount: 100 }) as Doc);
}

const parseYaml = (path: string): Doc => parseYamlFile(path)[0];

/** Top-level keys of a zod object literal: `  NAME: env.…` lines. */
function envNamesIn(path: string): Set<string> {
  return new Set([...readFileSync(path, 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]+):\s*env\./gm)].map((m) => m[1]!));
}

const baseEnv = envNamesIn(join(root, 'libs', 'service-kit', 'src', 'config', 'base-config.ts'));
/** Read by the telemetry entry straight from the environment, outside the schemas. */
const telemetryEnv = ['OTEL_SERVICE_NAME', 'OTEL_NODE_DISABLED_INSTRUMENTATIONS'];

interface ServiceInfo {
  port: number;
  env: Set<string>;
}

const info: Record<ServiceName, ServiceInfo> = Object.fromEntries(
  services.map((name) => {
    const configPath = join(root, 'apps', name, 'src', 'config.ts');
    const text = readFileSync(configPath, 'utf8');
    const port = /GRPC_PORT:\s*env\.port\(\)\.default\((\d+)\)/.exec(text);
    if (!port) throw new Error(`no GRPC_PORT default in ${configPath}`);
    return [name, { port: Number(port[1]), env: new Set([...baseEnv, ...envNamesIn(configPath), ...telemetryEnv]) }];
  }),
) as Record<ServiceName, ServiceInfo>;

const metricsPort = Number(/METRICS_PORT:\s*env\.port\(\)\.default\((\d+)\)/.exec(readFileSync(join(root, 'libs', 'service-kit', 'src', 'config', 'base-config.ts'), 'utf8'))![1]);

/** host:port addresses a service is given, with the service that must answer there. */
const addressVars: Record<string, ServiceName> = { FEATURE_ADDR: 'feature', RETRIEVAL_ADDR: 'candidate-retrieval', RANKING_ADDR: 'ranking' };

function checkEnv(service: ServiceName, env: Record<string, unknown>, where: string): void {
  for (const [key, value] of Object.entries(env)) {
    expect({ where, key, known: info[service].env.has(key) }).toEqual({ where, key, known: true });
    expect({ where, key, type: typeof value }).toEqual({ where, key, type: 'string' });
  }
  if ('GRPC_PORT' in env) expect({ where, port: Number(env['GRPC_PORT']) }).toEqual({ where, port: info[service].port });
  if ('METRICS_PORT' in env) expect({ where, metrics: Number(env['METRICS_PORT']) }).toEqual({ where, metrics: metricsPort });
  if (env['FEATURE_STORE'] === 'redis') expect({ where, redisUrl: String(env['REDIS_URL'] ?? '') }).toEqual({ where, redisUrl: expect.stringMatching(/^redis:\/\//) });
  for (const [key, target] of Object.entries(addressVars)) {
    if (!(key in env)) continue;
    expect({ where, key, address: env[key] }).toEqual({ where, key, address: `${target}:${info[target].port}` });
  }
}

describe('deploy/ YAML', () => {
  const yamlFiles = walk(deployDir).filter((path) => /\.ya?ml$/.test(path));

  it('has the compose file, the collector config and every base and overlay', () => {
    const names = yamlFiles.map((path) => relative(deployDir, path));
    expect(names).toEqual(expect.arrayContaining(['compose.yaml', 'otel-collector.yaml', 'k8s/overlays/dev/kustomization.yaml', 'k8s/overlays/prod/kustomization.yaml']));
    for (const service of services) {
      for (const file of ['kustomization.yaml', 'deployment.yaml', 'service.yaml', 'configmap.yaml', 'hpa.yaml']) expect(names).toContain(`k8s/base/${service}/${file}`);
    }
  });

  it.each(yamlFiles.map((path) => [relative(root, path)]))('%s parses', (path) => {
    const docs = parseYamlFile(join(root, path));
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(doc).toBeTruthy();
  });
});

describe.each(services.map((service) => [service]))('k8s base for %s', (service: ServiceName) => {
  const base = join(deployDir, 'k8s', 'base', service);
  const { port } = info[service];
  const kustomization = parseYaml(join(base, 'kustomization.yaml'));
  const resources: Doc[] = (kustomization.resources as string[]).flatMap((file) => parseYamlFile(join(base, file)));
  const byKind = (kind: string): Doc[] => resources.filter((r) => r.kind === kind);

  it('kustomization lists every manifest in the folder, and only those', () => {
    expect(kustomization).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' });
    const files = readdirSync(base).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
    for (const kind of ['Deployment', 'Service', 'ConfigMap', 'HorizontalPodAutoscaler']) expect(byKind(kind)).toHaveLength(1);
  });

  it('Deployment: selector, image, ports, gRPC probes, resources, securityContext', () => {
    const [deployment] = byKind('Deployment');
    expect(deployment).toMatchObject({ apiVersion: 'apps/v1', metadata: { name: service } });
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(pod.containers).toHaveLength(1);
    const [container] = pod.containers;
    expect(container.image).toMatch(new RegExp(`^cascade/${service}(:|$)`));
    expect(container.ports).toEqual(expect.arrayContaining([{ name: 'grpc', containerPort: port }, { name: 'metrics', containerPort: metricsPort }]));
    for (const probe of ['readinessProbe', 'livenessProbe']) {
      expect({ probe, grpc: container[probe]?.grpc }).toEqual({ probe, grpc: { port } });
      expect(container[probe].httpGet ?? container[probe].tcpSocket ?? container[probe].exec).toBeUndefined();
    }
    for (const side of ['requests', 'limits']) {
      expect(container.resources[side]).toEqual({ cpu: expect.anything(), memory: expect.stringMatching(/^\d+(Mi|Gi)$/) });
    }
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    expect(container.securityContext.capabilities.drop).toContain('ALL');
    const volumes = new Set((pod.volumes ?? []).map((v: Doc) => v.name));
    for (const mount of container.volumeMounts ?? []) expect(volumes).toContain(mount.name);
    // With a read-only root, the service can write only where a volume is mounted.
    expect((container.volumeMounts ?? []).map((m: Doc) => m.mountPath)).toContain('/tmp');
    const configMaps = byKind('ConfigMap').map((c) => c.metadata.name);
    for (const source of container.envFrom ?? []) expect(configMaps).toContain(source.configMapRef.name);
    expect(container.envFrom?.length ?? 0).toBeGreaterThan(0);
  });

  it('ConfigMap sets only variables the service reads, with consistent ports and addresses', () => {
    const [configMap] = byKind('ConfigMap');
    expect(configMap.apiVersion).toBe('v1');
    checkEnv(service, configMap.data, `${service} ConfigMap`);
    expect(configMap.data.GRPC_PORT).toBe(String(port));
    const [deployment] = byKind('Deployment');
    const registry = configMap.data.MODEL_REGISTRY_DIR;
    if (registry) expect(deployment.spec.template.spec.containers[0].volumeMounts.map((m: Doc) => m.mountPath)).toContain(registry);
  });

  it('Service selects the Deployment pods and exposes the gRPC port', () => {
    const [svc] = byKind('Service');
    const [deployment] = byKind('Deployment');
    expect(svc).toMatchObject({ apiVersion: 'v1', metadata: { name: service } });
    expect(deployment.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
    const grpc = svc.spec.ports.find((p: Doc) => p.name === 'grpc');
    expect(grpc.port).toBe(port);
    const containerPortNames = deployment.spec.template.spec.containers[0].ports.map((p: Doc) => p.name);
    for (const p of svc.spec.ports) expect(containerPortNames).toContain(p.targetPort);
  });

  it('HorizontalPodAutoscaler scales the Deployment', () => {
    const [hpa] = byKind('HorizontalPodAutoscaler');
    expect(hpa).toMatchObject({ apiVersion: 'autoscaling/v2', metadata: { name: service } });
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: service });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(1);
    expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
    expect(hpa.spec.metrics.length).toBeGreaterThan(0);
  });
});

/** Value at a JSON pointer, or undefined. */
function atPointer(doc: Doc, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node: Doc, key) => (node === undefined || node === null ? undefined : node[key]), doc);
}

describe.each([['dev'], ['prod']])('k8s overlay %s', (overlay) => {
  const dir = join(deployDir, 'k8s', 'overlays', overlay);
  const kustomization = parseYaml(join(dir, 'kustomization.yaml'));
  const bases: string[] = kustomization.resources;
  const resources: Doc[] = bases.flatMap((ref) => {
    const baseDir = resolve(dir, ref);
    const baseKustomization = parseYaml(join(baseDir, 'kustomization.yaml'));
    return (baseKustomization.resources as string[]).flatMap((file) => parseYamlFile(join(baseDir, file)));
  });

  it('includes every service base', () => {
    expect(kustomization).toMatchObject({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' });
    expect(typeof kustomization.namespace).toBe('string');
    for (const ref of bases) expect(existsSync(join(resolve(dir, ref), 'kustomization.yaml'))).toBe(true);
    expect(bases.map((ref) => resolve(dir, ref)).sort()).toEqual(services.map((s) => join(deployDir, 'k8s', 'base', s)).sort());
  });

  it('sets image tags and replicas of existing images and Deployments', () => {
    const images = new Set(resources.filter((r) => r.kind === 'Deployment').map((d) => String(d.spec.template.spec.containers[0].image).split(':')[0]));
    expect(kustomization.images).toHaveLength(services.length);
    for (const image of kustomization.images) {
      expect(images).toContain(image.name);
      expect(String(image.newTag ?? image.digest ?? '')).not.toBe('');
    }
    const deployments = resources.filter((r) => r.kind === 'Deployment').map((d) => d.metadata.name);
    for (const replica of kustomization.replicas ?? []) {
      expect(deployments).toContain(replica.name);
      expect(replica.count).toBeGreaterThanOrEqual(1);
    }
  });

  it('patches only names and fields that exist', () => {
    expect(kustomization.patches.length).toBeGreaterThan(0);
    for (const patch of kustomization.patches) {
      const path = join(dir, patch.path);
      expect(existsSync(path)).toBe(true);
      const body = parseYaml(path);
      if (Array.isArray(body)) {
        // JSON 6902 patch: the target must match resources, and every replaced path must exist in each.
        expect(patch.target?.kind).toBeDefined();
        const nameRe = patch.target.name ? new RegExp(`^(?:${patch.target.name})$`) : /.*/;
        const targets = resources.filter((r) => r.kind === patch.target.kind && nameRe.test(r.metadata.name));
        expect({ patch: patch.path, targets: targets.length > 0 }).toEqual({ patch: patch.path, targets: true });
        for (const op of body) {
          expect(['add', 'replace', 'remove']).toContain(op.op);
          if (op.op === 'add') continue;
          for (const target of targets) expect({ patch: patch.path, target: target.metadata.name, path: op.path, exists: atPointer(target, op.path) !== undefined }).toEqual({ patch: patch.path, target: target.metadata.name, path: op.path, exists: true });
        }
      } else {
        // Strategic merge patch: names an existing object, and named containers exist in it.
        const target = resources.find((r) => r.kind === body.kind && r.metadata.name === body.metadata?.name);
        expect({ patch: patch.path, found: target !== undefined }).toEqual({ patch: patch.path, found: true });
        expect(body.apiVersion).toBe(target.apiVersion);
        for (const container of body.spec?.template?.spec?.containers ?? []) {
          expect(target.spec.template.spec.containers.map((c: Doc) => c.name)).toContain(container.name);
          for (const side of ['requests', 'limits']) if (container.resources) expect(Object.keys(container.resources[side]).sort()).toEqual(['cpu', 'memory']);
        }
        if (body.kind === 'ConfigMap') {
          const service = services.find((s) => `${s}-env` === body.metadata.name)!;
          checkEnv(service, body.data, `${overlay} ${patch.path}`);
        }
        if (body.kind === 'HorizontalPodAutoscaler') expect(body.spec.maxReplicas).toBeGreaterThanOrEqual(body.spec.minReplicas);
      }
    }
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parseYaml(join(deployDir, 'compose.yaml'));
  const composeServices: Record<string, Doc> = compose.services;

  it('runs KRaft Kafka, Redis, the collector and the four services', () => {
    expect(Object.keys(composeServices).sort()).toEqual(['kafka', 'otel-collector', 'redis', ...services].sort());
    const kafka = composeServices['kafka'];
    expect(kafka.image).toMatch(/^apache\/kafka:/);
    expect(kafka.environment.KAFKA_PROCESS_ROLES).toMatch(/controller/);
    expect(kafka.environment.KAFKA_CONTROLLER_QUORUM_VOTERS).toMatch(/@kafka:/);
    expect(kafka.environment.KAFKA_ADVERTISED_LISTENERS).toContain('kafka:9092');
    expect(composeServices['redis'].image).toMatch(/^redis:/);
    const collector = composeServices['otel-collector'];
    expect(collector.image).toMatch(/^otel\/opentelemetry-collector-contrib:/);
    const [hostConfig, containerConfig] = String(collector.volumes[0]).split(':');
    expect(existsSync(resolve(deployDir, hostConfig!))).toBe(true);
    expect(collector.command.join(' ')).toContain(containerConfig);
    const collectorConfig = parseYaml(resolve(deployDir, hostConfig!));
    expect(collectorConfig.receivers.otlp.protocols.grpc.endpoint).toMatch(/:4317$/);
    for (const pipeline of Object.values(collectorConfig.service.pipelines) as Doc[]) {
      for (const receiver of pipeline.receivers) expect(collectorConfig.receivers).toHaveProperty(receiver);
      for (const exporter of pipeline.exporters) expect(collectorConfig.exporters).toHaveProperty(exporter);
    }
  });

  it.each(services.map((s) => [s]))('%s: builds from its Dockerfile, on its configured port, with variables it reads', (service: ServiceName) => {
    const entry = composeServices[service];
    const context = resolve(deployDir, entry.build.context);
    expect(context).toBe(resolve(root));
    expect(existsSync(join(context, entry.build.dockerfile))).toBe(true);
    expect(entry.build.dockerfile).toBe(`deploy/docker/${service}.Dockerfile`);
    checkEnv(service, entry.environment, `compose ${service}`);
    const published = (entry.ports as string[]).map((p) => Number(String(p).split(':').pop()));
    expect(published).toContain(info[service].port);
    expect(published).toContain(metricsPort);
    expect(entry.environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4317');
    for (const dependency of entry.depends_on ?? []) expect(Object.keys(composeServices)).toContain(dependency);
    if (entry.environment.KAFKA_BROKERS) expect(entry.environment.KAFKA_BROKERS).toBe('kafka:9092');
    for (const volume of entry.volumes ?? []) expect(Object.keys(compose.volumes ?? {})).toContain(String(volume).split(':')[0]);
    expect(entry.cap_drop).toContain('ALL');
  });

  it('shares one model registry volume between ranking and candidate-retrieval, and gives feature Redis', () => {
    for (const service of ['ranking', 'candidate-retrieval']) {
      const entry = composeServices[service];
      expect(entry.volumes).toContain(`models:${entry.environment.MODEL_REGISTRY_DIR}`);
    }
    expect(composeServices['feature'].environment).toMatchObject({ FEATURE_STORE: 'redis', REDIS_URL: 'redis://redis:6379' });
    // Host ports do not collide.
    const hostPorts = Object.values(composeServices).flatMap((s) => (s.ports ?? []).map((p: string) => String(p).split(':')[0]));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });
});

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

function parseDockerfile(path: string): Instruction[] {
  const logical = readFileSync(path, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  let stage = -1;
  return logical.map((line) => {
    const [op, ...rest] = line.split(/\s+/);
    if (op!.toUpperCase() === 'FROM') stage += 1;
    return { op: op!.toUpperCase(), args: rest.join(' '), stage };
  });
}

describe.each(services.map((s) => [s]))('deploy/docker/%s.Dockerfile', (service: ServiceName) => {
  const instructions = parseDockerfile(join(deployDir, 'docker', `${service}.Dockerfile`));
  const froms = instructions.filter((i) => i.op === 'FROM');
  const lastStage = froms.length - 1;
  const runs = (stage: number) => instructions.filter((i) => i.op === 'RUN' && i.stage === stage).map((i) => i.args);
  const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  it('is multi-stage: a build stage and a node:20-slim runtime', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms[0]!.args).toMatch(/^node:20\S*\s+AS\s+build$/i);
    expect(froms[lastStage]!.args).toMatch(/^node:20-slim(\s|$)/);
  });

  it('builds the way the repository does: npm ci, then the app bundle', () => {
    const build = runs(0);
    const ci = build.findIndex((r) => /^npm ci(\s|$)/.test(r));
    const bundle = build.findIndex((r) => r === `node tools/build/bundle.mjs ${service}`);
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(bundle).toBeGreaterThan(ci);
    expect(existsSync(join(root, 'tools', 'build', 'bundle.mjs'))).toBe(true);
    // The app's own build script is the same command.
    const appPackage = JSON.parse(readFileSync(join(root, 'apps', service, 'package.json'), 'utf8'));
    expect(appPackage.scripts.build).toBe(`node ../../tools/build/bundle.mjs ${service}`);
    // Production-only node_modules leave the build stage.
    expect(build.some((r) => /npm prune .*--omit=dev/.test(r))).toBe(true);
    const needsTensorflow = service === 'ranking' || service === 'candidate-retrieval';
    const tfjsStep = build.some((r) => r.startsWith('node tools/tfjs-native/setup.mjs'));
    expect(tfjsStep).toBe(needsTensorflow);
    if (needsTensorflow) {
      expect(existsSync(join(root, 'tools', 'tfjs-native', 'setup.mjs'))).toBe(true);
      expect(rootPackage.scripts.postinstall).toContain('tools/tfjs-native/setup.mjs');
    }
  });

  it('COPYs only paths that exist, and the runtime gets the bundle and node_modules', () => {
    for (const copy of instructions.filter((i) => i.op === 'COPY')) {
      const parts = copy.args.split(/\s+/);
      const from = parts.find((p) => p.startsWith('--from='));
      const paths = parts.filter((p) => !p.startsWith('--'));
      const sources = paths.slice(0, -1);
      expect(sources.length).toBeGreaterThan(0);
      if (from) {
        expect(from).toBe('--from=build');
        continue;
      }
      for (const source of sources) expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
    }
    const runtimeCopies = instructions.filter((i) => i.op === 'COPY' && i.stage === lastStage).map((i) => i.args);
    expect(runtimeCopies).toContain('--from=build /repo/node_modules ./node_modules');
    expect(runtimeCopies).toContain(`--from=build /repo/dist/apps/${service} ./`);
    // bundle.mjs writes dist/apps/<app>/main.js, which the runtime starts.
    expect(readFileSync(join(root, 'tools', 'build', 'bundle.mjs'), 'utf8')).toMatch(/join\(root, 'dist', 'apps', app, 'main\.js'\)/);
    const cmd = instructions.filter((i) => i.op === 'CMD' && i.stage === lastStage);
    expect(cmd).toHaveLength(1);
    expect(JSON.parse(cmd[0]!.args)).toEqual(expect.arrayContaining(['node', 'main.js']));
  });

  it('runs as a non-root user on the configured ports', () => {
    const users = instructions.filter((i) => i.op === 'USER' && i.stage === lastStage);
    expect(users.length).toBeGreaterThan(0);
    const user = users[users.length - 1]!.args.split(':')[0]!;
    expect(user).toMatch(/^\d+$/);
    expect(Number(user)).toBeGreaterThan(0);
    const expose = instructions.filter((i) => i.op === 'EXPOSE' && i.stage === lastStage).flatMap((i) => i.args.split(/\s+/).map(Number));
    expect(expose).toEqual(expect.arrayContaining([info[service].port, metricsPort]));
    const env = instructions.filter((i) => i.op === 'ENV' && i.stage === lastStage).map((i) => i.args).join(' ');
    expect(env).toContain(`GRPC_PORT=${info[service].port}`);
    for (const [, key] of env.matchAll(/([A-Z][A-Z0-9_]+)=/g)) {
      if (key === 'NODE_ENV') continue;
      expect({ key, known: info[service].env.has(key!) }).toEqual({ key, known: true });
    }
    // The k8s Deployment runs as the same user.
    const deployment = parseYaml(join(deployDir, 'k8s', 'base', service, 'deployment.yaml'));
    expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(Number(user));
  });
});

it('the model registry path is the same in the images, compose and k8s', () => {
  const dirs = new Set<string>();
  for (const service of ['ranking', 'candidate-retrieval'] as const) {
    const env = parseDockerfile(join(deployDir, 'docker', `${service}.Dockerfile`)).filter((i) => i.op === 'ENV').map((i) => i.args).join(' ');
    dirs.add(/MODEL_REGISTRY_DIR=(\S+)/.exec(env)![1]!);
    dirs.add(parseYaml(join(deployDir, 'k8s', 'base', service, 'configmap.yaml')).data.MODEL_REGISTRY_DIR);
    dirs.add(parseYaml(join(deployDir, 'compose.yaml')).services[service].environment.MODEL_REGISTRY_DIR);
  }
  expect([...dirs]).toEqual(['/var/lib/cascade/models']);
  expect(dirname('/var/lib/cascade/models')).toBe('/var/lib/cascade');
});
