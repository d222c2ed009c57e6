import { Writable } from 'node:stream';

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

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
