import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const repositoryRoot = join(__dirname, '..', '..', '..');
const source = join(__dirname, '..', 'src');

describe('package entries', () => {
  it('resolve to the TypeScript sources', () => {
    // eslint-disable-next-line @nx/enforce-module-boundaries -- resolving the package by name is what this test checks
    expect(require.resolve('@cascade/service-kit')).toBe(join(source, 'index.ts'));
    expect(require.resolve('@cascade/service-kit/instrument')).toBe(join(source, 'instrument.ts'));
  });

  it('instrument starts OpenTelemetry without loading grpc-js or kafkajs itself', async () => {
    const probe = `
      require('@cascade/service-kit/instrument');
      const loaded = Object.keys(require.cache);
      const { activeTelemetry } = require('@cascade/service-kit');
      console.log(JSON.stringify({
        grpcLoadedByInstrument: loaded.some((path) => path.includes('@grpc/grpc-js')),
        kafkaLoadedByInstrument: loaded.some((path) => path.includes('/kafkajs/')),
        telemetryService: activeTelemetry()?.serviceName,
      }));
      activeTelemetry()?.shutdown();
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', probe], {
      cwd: repositoryRoot,
      env: { ...process.env, METRICS_PORT: '0', SERVICE_NAME: 'probe', OTEL_EXPORTER_OTLP_ENDPOINT: '' },
    });
    expect(JSON.parse(stdout)).toEqual({ grpcLoadedByInstrument: false, kafkaLoadedByInstrument: false, telemetryService: 'probe' });
  }, 30_000);
});
