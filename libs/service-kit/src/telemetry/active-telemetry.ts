export type MetricsEndpoint = { url: string } | { error: Error };

export interface Telemetry {
  readonly serviceName: string;
  /** The Prometheus scrape endpoint once it listens, or why it could not; undefined when disabled. */
  readonly metricsEndpoint: Promise<MetricsEndpoint> | undefined;
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
