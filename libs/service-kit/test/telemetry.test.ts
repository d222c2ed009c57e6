import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { createLogger } from '../src/index';
import { startTelemetry } from '../src/telemetry/start-telemetry';

describe('startTelemetry without exporters', () => {
  it('starts without a collector or scrape port and puts trace ids of the active span in logs', async () => {
    const telemetry = startTelemetry({ serviceName: 'telemetry-test', metricsPort: 0, otlpEndpoint: undefined });
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const logger = createLogger({ service: 'telemetry-test', destination });

    const spanContext = trace.getTracer('test').startActiveSpan('work', (span) => {
      logger.info('inside');
      span.end();
      return span.spanContext();
    });
    logger.info('outside');
    await telemetry.shutdown();

    expect(spanContext.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(spanContext.traceId).not.toMatch(/^0+$/);
    expect(lines[0]).toMatchObject({ msg: 'inside', trace_id: spanContext.traceId, span_id: spanContext.spanId });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });
});
