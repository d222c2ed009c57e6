import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const workspaceRoot = join(__dirname, '..', '..');
const probeId = randomBytes(4).toString('hex');

interface Probe {
  project: string;
  source: string;
  /** Pattern the boundary error must match; null when the import is allowed. */
  expected: RegExp | null;
}

const probes: Record<string, Probe> = {
  appImportsKafka: { project: 'apps/ranking', source: "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n", expected: /kafkajs/ },
  appImportsTensorflow: { project: 'apps/ranking', source: "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n", expected: /@tensorflow\/tfjs/ },
  appImportsHnsw: { project: 'apps/candidate-retrieval', source: "import { HierarchicalNSW } from 'hnswlib-node';\nexport const h = HierarchicalNSW;\n", expected: /hnswlib-node/ },
  appImportsApp: { project: 'apps/blending', source: "import * as ranking from '@cascade/ranking';\nexport const r = ranking;\n", expected: /apps are forbidden|type:app/ },
  kitImportsKafka: { project: 'libs/service-kit', source: "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n", expected: /kafkajs/ },
  kitImportsEvents: { project: 'libs/service-kit', source: "import * as events from '@cascade/events';\nexport const e = events;\n", expected: /type:kit/ },
  eventsImportsTensorflow: { project: 'libs/events', source: "import * as tf from '@tensorflow/tfjs';\nexport const t = tf;\n", expected: /@tensorflow\/tfjs/ },
  modelsImportsKafka: { project: 'libs/models', source: "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n", expected: /kafkajs/ },
  contractsImportsKit: { project: 'libs/contracts', source: "import * as kit from '@cascade/service-kit';\nexport const k = kit;\n", expected: /type:contracts|Circular dependency/ },
  eventsOwnsKafka: { project: 'libs/events', source: "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n", expected: null },
  modelsOwnsHnsw: { project: 'libs/models', source: "import { HierarchicalNSW } from 'hnswlib-node';\nexport const h = HierarchicalNSW;\n", expected: null },
  appImportsContracts: { project: 'apps/ranking', source: "import { serviceNames } from '@cascade/contracts';\nexport const n = serviceNames;\n", expected: null },
};

const probeFile = (name: string) => join(workspaceRoot, probes[name]!.project, 'src', `__boundary_probe_${probeId}_${name}.ts`);

const boundaryRules = new Set(['@nx/enforce-module-boundaries', 'no-restricted-imports']);

let errorsByProbe: Record<string, string[]> = {};

beforeAll(async () => {
  for (const name of Object.keys(probes)) writeFileSync(probeFile(name), probes[name]!.source);
  const files = Object.keys(probes).map((name) => relative(workspaceRoot, probeFile(name)));
  const eslint = join(workspaceRoot, 'node_modules', '.bin', 'eslint');
  const run = await promisify(execFile)(eslint, ['--format', 'json', ...files], { cwd: workspaceRoot, maxBuffer: 16 << 20 }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '[]' }),
  );
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
  errorsByProbe = {};
  for (const name of Object.keys(probes)) {
    const result = results.find((r) => r.filePath === probeFile(name));
    if (!result) throw new Error(`eslint reported nothing for ${name}`);
    errorsByProbe[name] = result.messages.filter((m) => boundaryRules.has(m.ruleId ?? '')).map((m) => m.message);
  }
}, 120_000);

afterAll(() => {
  for (const name of Object.keys(probes)) rmSync(probeFile(name), { force: true });
});

describe('module boundaries are enforced by lint', () => {
  const forbidden = Object.entries(probes).filter(([, p]) => p.expected !== null);
  const allowed = Object.entries(probes).filter(([, p]) => p.expected === null);

  it.each(forbidden.map(([name, p]) => [name, p.project, p.expected!] as const))('%s: %s is refused', (name, _project, pattern) => {
    expect(errorsByProbe[name]!.join('\n')).toMatch(pattern);
  });

  it.each(allowed.map(([name, p]) => [name, p.project] as const))('%s: %s is allowed', (name) => {
    expect(errorsByProbe[name]).toEqual([]);
  });
});
