import type { StateOp } from '../mutations';
import { layout } from '../state-layout';
import type { EntityExtras, EntityTable } from './entity-table';

/** Last-writer-wins by time; a write equal to the stored one keeps the stored object. */
export function writeRegister(extras: EntityExtras, field: string, value: string, timeMs: number): void {
  const registers = (extras.registers ??= {});
  const current = registers[field];
  if (current === undefined || (timeMs >= current.timeMs && (timeMs !== current.timeMs || value !== current.value))) {
    registers[field] = { value, timeMs };
  }
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
      if (op.name === layout.historyTimeline) table.history.addText(slot, op.member, op.timeMs, op.keep, op.expireBeforeMs);
      else table.idTimelines(op.name).addName(slot, op.member, op.timeMs, op.keep, op.expireBeforeMs);
      return;
  }
}
