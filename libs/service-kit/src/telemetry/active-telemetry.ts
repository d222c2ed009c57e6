export interface Telemetry {
  readonly serviceName: string;
  /** Flushes and stops exporters; safe to call more than once. */
  shutdown(): Promise<void>;
}

let active: Telemetry | undefined;

export function setActiveTelemetry(telemetry: Telemetry): void {
  active = telemetry;
}

/** The telemetry started by the instrument entry, if it ran. */
export function activeTelemetry(): Telemetry | undefined {
  return active;
}
