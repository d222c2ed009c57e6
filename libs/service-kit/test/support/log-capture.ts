import { Writable } from 'node:stream';

import type { LogLine } from '../../src/testing/service-process';

export type { LogLine };

/** A pino destination that keeps parsed JSON lines for assertions. */
export function logCapture(): { destination: Writable; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { destination, lines };
}
