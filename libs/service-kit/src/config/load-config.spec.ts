import { baseConfigSchema } from './base-config';
import { env } from './env';
import { ConfigError, loadConfig } from './load-config';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(({ variable, problem }) => `${variable}: ${problem}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig(baseConfigSchema, {});
    expect(config).toMatchObject({
      GRPC_HOST: '0.0.0.0',
      GRPC_PORT: 50051,
      LOG_LEVEL: 'info',
      GRPC_REFLECTION: true,
      METRICS_PORT: 9464,
      GRPC_ADAPTIVE_LIMIT: true,
      GRPC_MAX_IN_FLIGHT: 0,
    });
    expect(config.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(config.SERVICE_NAME).toBeUndefined();
  });

  it('parses and trims set values, allowing port 0', () => {
    const config = loadConfig(baseConfigSchema, {
      GRPC_PORT: ' 0 ',
      GRPC_REFLECTION: 'FALSE',
      LOG_LEVEL: 'debug',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317',
      SHUTDOWN_GRACE_MS: '2500',
    });
    expect(config).toMatchObject({
      GRPC_PORT: 0,
      GRPC_REFLECTION: false,
      LOG_LEVEL: 'debug',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317',
      SHUTDOWN_GRACE_MS: 2500,
    });
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig(baseConfigSchema, { GRPC_PORT: '', LOG_LEVEL: '' })).toMatchObject({ GRPC_PORT: 50051, LOG_LEVEL: 'info' });
  });

  it('names every bad variable, why, and the value it got', () => {
    const error = (() => {
      try {
        loadConfig(baseConfigSchema, { GRPC_PORT: 'abc', LOG_LEVEL: 'loud', GRPC_REFLECTION: 'maybe', METRICS_PORT: '70000' });
      } catch (thrown) {
        return thrown as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('Invalid configuration: ');
    expect(error.message).toContain('GRPC_PORT: expected a number between 0 and 65535, got "abc"');
    expect(error.message).toContain('LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"');
    expect(error.message).toContain('GRPC_REFLECTION: expected true or false, got "maybe"');
    expect(error.message).toContain('METRICS_PORT: expected a number between 0 and 65535, got "70000"');
  });

  it('rejects fractional and out-of-range integers', () => {
    expect(problemsOf(() => loadConfig(baseConfigSchema, { SHUTDOWN_GRACE_MS: '1.5', GRPC_MAX_CONCURRENT_STREAMS: '0' }))).toEqual([
      'GRPC_MAX_CONCURRENT_STREAMS: expected an integer between 1 and 2147483647, got "0"',
      'SHUTDOWN_GRACE_MS: expected an integer between 0 and 3600000, got "1.5"',
    ]);
  });

  it('reports missing required variables of an extended schema', () => {
    const schema = baseConfigSchema.extend({ FEATURE_ADDR: env.string(), GRPC_PORT: env.port().default(50053) });
    expect(problemsOf(() => loadConfig(schema, {}))).toEqual(['FEATURE_ADDR: is required']);
    expect(loadConfig(schema, { FEATURE_ADDR: 'feature:50052' })).toMatchObject({ FEATURE_ADDR: 'feature:50052', GRPC_PORT: 50053 });
  });

  it('rejects a malformed URL', () => {
    expect(problemsOf(() => loadConfig(baseConfigSchema, { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' }))).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT: expected an absolute URL, got "collector"',
    ]);
  });

  it('parses decimal numbers within bounds and names the bounds otherwise', () => {
    const schema = baseConfigSchema.pick({ GRPC_HOST: true }).extend({ STRENGTH: env.number({ min: 0, max: 5 }) });
    expect(loadConfig(schema, { STRENGTH: '0.25' }).STRENGTH).toBe(0.25);
    expect(loadConfig(schema, { STRENGTH: '2e0' }).STRENGTH).toBe(2);
    expect(problemsOf(() => loadConfig(schema, { STRENGTH: '7' }))).toEqual(['STRENGTH: expected a number between 0 and 5, got "7"']);
    expect(problemsOf(() => loadConfig(schema, { STRENGTH: '0x1' }))).toEqual(['STRENGTH: expected a number between 0 and 5, got "0x1"']);
  });

  it('reads process.env by default', () => {
    process.env['SERVICE_KIT_SPEC_VALUE'] = '42';
    try {
      const schema = baseConfigSchema.pick({ GRPC_HOST: true }).extend({ SERVICE_KIT_SPEC_VALUE: env.int({ min: 0, max: 100 }) });
      expect(loadConfig(schema).SERVICE_KIT_SPEC_VALUE).toBe(42);
    } finally {
      delete process.env['SERVICE_KIT_SPEC_VALUE'];
    }
  });
});
