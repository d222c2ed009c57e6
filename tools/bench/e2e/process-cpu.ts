// CPU time of processes from /proc, to show where a run's cores went (Linux only).
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far; NaN once it is gone (or off Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at ") ".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** Whether a process is still running (signal 0 probes without touching it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids whose command line contains `fragment` (e.g. the Kafka broker's main class). */
export function pidsMatching(fragment: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(fragment)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Cores each named process used between construction and `read()`. */
export class CpuMeter {
  private readonly started = performance.now();
  private readonly before: Map<string, number>;

  constructor(private readonly processes: ReadonlyMap<string, number>) {
    this.before = new Map([...processes].map(([name, pid]) => [name, cpuSeconds(pid)]));
  }

  read(): Record<string, number> {
    const seconds = (performance.now() - this.started) / 1000;
    return Object.fromEntries([...this.processes].map(([name, pid]) => [name, (cpuSeconds(pid) - this.before.get(name)!) / seconds]));
  }
}
