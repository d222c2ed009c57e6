const EMPTY = -1;
const MIN_CAPACITY = 1024;

/**
 * The last applied offset per (entity, log) for every entity of one kind, in typed arrays (open
 * addressing): an entity hears from a few logs at most, so a column per log would be mostly empty.
 */
export class LogPositionTable {
  private entities = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  private logs = new Int32Array(MIN_CAPACITY);
  private offsets = new Float64Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private used = 0;

  /** The last offset applied to `entity` from `log`, or -1. */
  get(entity: number, log: number): number {
    for (let i = this.indexOf(entity, log); ; i = (i + 1) & this.mask) {
      const e = this.entities[i]!;
      if (e === EMPTY) return -1;
      if (e === entity && this.logs[i] === log) return this.offsets[i]!;
    }
  }

  set(entity: number, log: number, offset: number): void {
    if ((this.used + 1) * 2 > this.mask + 1) this.grow();
    let i = this.indexOf(entity, log);
    for (; ; i = (i + 1) & this.mask) {
      const e = this.entities[i]!;
      if (e === EMPTY) break;
      if (e === entity && this.logs[i] === log) {
        this.offsets[i] = offset;
        return;
      }
    }
    this.entities[i] = entity;
    this.logs[i] = log;
    this.offsets[i] = offset;
    this.used++;
  }

  clear(): void {
    this.entities.fill(EMPTY);
    this.used = 0;
  }

  private indexOf(entity: number, log: number): number {
    let h = Math.imul(entity ^ Math.imul(log, 0x27d4eb2f), 0x9e3779b1);
    h ^= h >>> 15;
    return h & this.mask;
  }

  private grow(): void {
    const { entities, logs, offsets } = this;
    const capacity = entities.length * 2;
    this.entities = new Int32Array(capacity).fill(EMPTY);
    this.logs = new Int32Array(capacity);
    this.offsets = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.used = 0;
    for (let i = 0; i < entities.length; i++) if (entities[i] !== EMPTY) this.set(entities[i]!, logs[i]!, offsets[i]!);
  }
}
