import { Session } from 'node:inspector/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * On-demand CPU profiling of the running process through the in-process inspector: `start()`
 * samples until `stop()`, which writes a `.cpuprofile` (Chrome DevTools / speedscope format).
 * Costs nothing while not started.
 */
export class CpuProfiler {
  private session: Session | undefined;

  constructor(
    private readonly dir: string,
    private readonly name: string,
  ) {}

  get running(): boolean {
    return this.session !== undefined;
  }

  async start(samplingIntervalUs = 500): Promise<void> {
    if (this.session) return;
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await session.post('Profiler.start');
    this.session = session;
  }

  /** Stops sampling and resolves with the written file's path. */
  async stop(): Promise<string> {
    const session = this.session;
    if (!session) throw new Error('the CPU profiler is not running');
    this.session = undefined;
    try {
      const { profile } = await session.post('Profiler.stop');
      await mkdir(this.dir, { recursive: true });
      const path = join(this.dir, `${this.name}-${process.pid}-${Date.now()}.cpuprofile`);
      await writeFile(path, JSON.stringify(profile));
      return path;
    } finally {
      session.disconnect();
    }
  }
}
