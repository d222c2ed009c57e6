import { Writable } from 'node:stream';
import { createLogger } from './create-logger';

function capture(): { destination: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { destination, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level label, ISO time, service and pid', () => {
    const { destination, lines } = capture();
    createLogger({ service: 'ranking', destination }).info({ candidates: 3 }, 'ranked');
    expect(lines).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'ranking', pid: process.pid, candidates: 3, msg: 'ranked' },
    ]);
  });

  it('respects the level', () => {
    const { destination, lines } = capture();
    const logger = createLogger({ service: 'ranking', level: 'warn', destination });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines.map((line) => line['msg'])).toEqual(['shown']);
  });

  it('adds no trace fields outside a span', () => {
    const { destination, lines } = capture();
    createLogger({ service: 'ranking', destination }).info('no span');
    expect(lines[0]).not.toHaveProperty('trace_id');
  });
});
