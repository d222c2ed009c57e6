// The machine a suite run measured on, as recorded at the top of BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  /** Usable CPUs (what `nproc` prints). */
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model.trim() ?? 'unknown';
  try {
    cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() has it
  }
  return { cpus: availableParallelism(), cpuModel, memoryGiB: totalmem() / 2 ** 30, node: process.version };
}

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
