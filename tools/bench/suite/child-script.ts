// A helper script (e.g. apps/feature/bench/produce-events.ts) as a child process that prints one
// JSON line when done.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface ChildScript {
  /** The last JSON line the script printed, once it exits 0. */
  done: Promise<Record<string, number | string>>;
  stop(): void;
}

export function runChildScript(script: string, env: Record<string, string>): ChildScript {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const done = new Promise<Record<string, number | string>>((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .at(-1);
      if (code === 0 && line) resolve(JSON.parse(line) as Record<string, number | string>);
      else reject(new Error(`${script} exited with ${code}: ${out}`));
    });
  });
  return { done, stop: () => child.kill('SIGTERM') };
}
