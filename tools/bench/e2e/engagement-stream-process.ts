// The background engagement producer (tools/bench/e2e/engagement-stream.ts) as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface EngagementStreamOptions {
  brokers: string;
  topic: string;
  rate: number;
  skip: number;
  preset: string;
  seed: number;
}

export class EngagementStream {
  /** Events sent so far, as last reported by the child (once a second). */
  sent = 0;
  /** Set when the child ended before stop(): why. */
  exitedEarly: string | undefined;
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {}

  static start({ brokers, topic, rate, skip, preset, seed }: EngagementStreamOptions): Promise<EngagementStream> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'engagement-stream.ts'), '--topic', topic, '--rate', String(rate), '--skip', String(skip), '--preset', preset, '--seed', String(seed)],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, KAFKA_BROKERS: brokers } },
    );
    const stream = new EngagementStream(child);
    child.stderr!.on('data', (chunk: Buffer) => (stream.stderr += chunk.toString('utf8')));
    return new Promise((resolve, reject) => {
      let pending = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const report = JSON.parse(line) as { ready?: boolean; sent?: number };
          if (report.ready) resolve(stream);
          if (report.sent !== undefined) stream.sent = report.sent;
        }
      });
      child.once('exit', (code) => {
        stream.exitedEarly = `exited with ${code}: ${stream.stderr.slice(-2000)}`;
        reject(new Error(`engagement stream ${stream.exitedEarly}`));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The child's complaints so far (e.g. sends a busy broker timed out). */
  get errors(): string {
    return this.stderr;
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
      setTimeout(() => this.child.kill('SIGKILL'), 10_000).unref();
    });
  }
}
