import type { ServeEvent } from '@cascade/contracts';

export interface ServeLogSink {
  publish(events: ServeEvent[]): Promise<void>;
}

export interface ServeLogOptions {
  /** Most events waiting; beyond it new ones are dropped (and counted) rather than growing memory. */
  maxQueued: number;
  /** Most events per publish. */
  maxBatch: number;
  /**
   * How long the first event of a batch waits for others before it is published (default 0: at
   * the next tick), unless maxBatch are queued first. Each publish is a broker round trip with
   * acks=all: one per Recommend cost the broker more CPU than the events are worth.
   */
  lingerMs?: number;
  onDropped?: (count: number, reason: string) => void;
}

/**
 * Publishes served lists off the response path: `log` only enqueues; one publish runs at a time,
 * batching what queued meanwhile. A failing sink drops the batch (counted) so that a Kafka outage
 * never slows or fails Recommend.
 */
export class ServeLog {
  private queue: ServeEvent[] = [];
  private flushing: Promise<void> | undefined;
  private endLinger: (() => void) | undefined;

  constructor(
    private readonly sink: ServeLogSink,
    private readonly options: ServeLogOptions,
  ) {}

  log(event: ServeEvent): void {
    if (this.queue.length >= this.options.maxQueued) {
      this.options.onDropped?.(1, 'queue full');
      return;
    }
    this.queue.push(event);
    this.flushing ??= this.flush();
    if (this.queue.length >= this.options.maxBatch) this.endLinger?.();
  }

  /** Resolves once everything queued so far was published or dropped. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    await this.linger();
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch);
        try {
          await this.sink.publish(batch);
        } catch (error) {
          this.options.onDropped?.(batch.length, error instanceof Error ? error.message : String(error));
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private linger(): Promise<void> {
    const lingerMs = this.options.lingerMs ?? 0;
    if (lingerMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.endLinger?.(), lingerMs);
      this.endLinger = () => {
        clearTimeout(timer);
        this.endLinger = undefined;
        resolve();
      };
    });
  }
}
