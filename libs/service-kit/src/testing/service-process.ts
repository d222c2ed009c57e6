import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { isAbsolute, join } from 'node:path';

/** One parsed JSON log line of a service. */
export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

const repositoryRoot = join(__dirname, '..', '..', '..', '..');

export interface ServiceProcessOptions {
  /**
   * The service's main.ts, run through tsx as in development, or a bundle's main.js (tools/build),
   * run by plain node as in the images; absolute, or relative to the repository root.
   */
  entry: string;
  env?: Record<string, string>;
}

/**
 * A service as a real process (node + tsx like an app's `start` script, or a bundle) on 127.0.0.1 with a free
 * gRPC port and no metrics endpoint unless the env says otherwise, with its JSON logs parsed.
 */
export class ServiceProcess {
  readonly lines: LogLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = '';
  private readonly child: ChildProcess;
  private readonly waiters = new Set<() => void>();

  constructor({ entry, env = {} }: ServiceProcessOptions) {
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_') && !name.startsWith('GRPC_')));
    const script = isAbsolute(entry) ? entry : join(repositoryRoot, entry);
    // A bundle runs as the images run it (see deploy/docker): without source-mapped stack traces.
    const nodeArgs = script.endsWith('.js') ? [script] : ['--import', 'tsx', script];
    this.child = spawn(process.execPath, nodeArgs, {
      cwd: repositoryRoot,
      env: { ...inherited, GRPC_HOST: '127.0.0.1', GRPC_PORT: '0', METRICS_PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let pending = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const complete = pending.split('\n');
      pending = complete.pop() ?? '';
      for (const line of complete) if (line.startsWith('{')) this.lines.push(JSON.parse(line) as LogLine);
      this.waiters.forEach((check) => check());
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then(() => this.waiters.forEach((check) => check()));
  }

  /** Resolves with the first log line matching; rejects if the process exits without writing one. */
  waitForLog(matches: (line: LogLine) => boolean): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const line = this.lines.find(matches);
        if (line) {
          this.waiters.delete(check);
          resolve(line);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          this.waiters.delete(check);
          reject(new Error(`process exited without the expected log line; stdout: ${JSON.stringify(this.lines)} stderr: ${this.stderr}`));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves with the bound gRPC port once the service logs "listening". */
  async port(): Promise<number> {
    return (await this.waitForLog((line) => line.msg === 'listening'))['port'] as number;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves once the service logs "ready" (health SERVING). */
  async ready(): Promise<void> {
    await this.waitForLog((line) => line.msg === 'ready');
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Everything the process wrote to stderr so far. */
  get errorOutput(): string {
    return this.stderr;
  }

  /** Test teardown: make sure nothing outlives the test. */
  close(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

/** A port that was free a moment ago, for endpoints (like the Prometheus one) that cannot report an ephemeral port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
