import { BoundedTimeline } from '../bounded-timeline';
import type { StateOp } from '../mutations';
import type { EntityExtras, EntityTable } from './entity-table';

/** Last-writer-wins by time; a write equal to the stored one keeps the stored object. */
export function writeRegister(extras: EntityExtras, field: string, value: string, timeMs: number): void {
  const registers = (extras.registers ??= {});
  const current = registers[field];
  if (current === undefined || (timeMs >= current.timeMs && (timeMs !== current.timeMs || value !== current.value))) {
    registers[field] = { value, timeMs };
  }
}

export function timelineOf(extras: EntityExtras, name: string): BoundedTimeline {
  const timelines = (extras.timelines ??= new Map());
  let timeline = timelines.get(name);
  if (!timeline) timelines.set(name, (timeline = new BoundedTimeline()));
  return timeline;
}

/** One primitive op on the entity in `slot` (the reference semantics of StateOp). */
export function applyOp(table: EntityTable, slot: number, op: StateOp): void {
  switch (op.kind) {
    case 'add':
      table.counters.add(slot, op.field, op.amount);
      return;
    case 'delete':
      for (const field of op.fields) table.counters.delete(slot, field);
      return;
    case 'register':
      writeRegister(table.extras[slot]!, op.field, op.value, op.timeMs);
      return;
    case 'timeline':
      timelineOf(table.extras[slot]!, op.name).add(op.member, op.timeMs, op.keep, op.expireBeforeMs);
      return;
  }
}
