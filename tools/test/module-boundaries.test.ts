import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

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
  clientImportsEvents: { project: 'libs/client', source: "import * as events from '@cascade/events';\nexport const e = events;\n", expected: /type:client/ },
  clientImportsKit: { project: 'libs/client', source: "import { createClient } from '@cascade/service-kit';\nexport const c = createClient;\n", expected: null },
  eventsOwnsKafka: { project: 'libs/events', source: "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n", expected: null },
  modelsOwnsHnsw: { project: 'libs/models', source: "import { HierarchicalNSW } from 'hnswlib-node';\nexport const h = HierarchicalNSW;\n", expected: null },
  appImportsContracts: { project: 'apps/ranking', source: "import { serviceNames } from '@cascade/contracts';\nexport const n = serviceNames;\n", expected: null },
};

const probePath = (name: string) => `${probes[name]!.project}/src/__boundary_probe_${probeId}_${name}.ts`;

/** Lints a probe through stdin: nothing is written where parallel lint or typecheck tasks could see it. */
function lintProbe(name: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const eslint = join(workspaceRoot, 'node_modules', '.bin', 'eslint');
    const child = execFile(
      eslint,
      ['--format', 'json', '--stdin', '--stdin-filename', probePath(name)],
      { cwd: workspaceRoot, maxBuffer: 16 << 20 },
      (_error, stdout) => {
        try {
          const [result] = JSON.parse(stdout) as { messages: { ruleId: string | null; message: string }[] }[];
          if (!result) throw new Error(`eslint reported nothing for ${name}`);
          resolve(result.messages.filter((m) => boundaryRules.has(m.ruleId ?? '')).map((m) => m.message));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
    );
    child.stdin!.end(probes[name]!.source);
  });
}

const boundaryRules = new Set(['@nx/enforce-module-boundaries', 'no-restricted-imports']);

let errorsByProbe: Record<string, string[]> = {};

beforeAll(async () => {
  errorsByProbe = {};
  const names = Object.keys(probes);
  // A few at a time: each eslint process builds the project graph.
  for (let i = 0; i < names.length; i += 3) {
    const batch = names.slice(i, i + 3);
    const errors = await Promise.all(batch.map(lintProbe));
    batch.forEach((name, k) => (errorsByProbe[name] = errors[k]!));
  }
}, 180_000);

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
