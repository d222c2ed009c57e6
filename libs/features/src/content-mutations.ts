import { ContentEvent, ContentEventType } from '@cascade/contracts';
import { item } from './entities';
import type { EntityMutation, StateOp } from './mutations';
import { layout } from './state-layout';

/** Item attributes kept from content events, each a last-writer-wins register by event time. */
export function contentMutations(event: ContentEvent): EntityMutation[] {
  const t = event.eventTimeMs || event.createdAtMs;
  const register = (name: string, value: string): StateOp => ({ kind: 'register', field: layout.attribute(name), value, timeMs: t });
  const ops: StateOp[] = [register('deleted', event.type === ContentEventType.CONTENT_EVENT_TYPE_DELETE ? '1' : '0')];
  if (event.type === ContentEventType.CONTENT_EVENT_TYPE_UPSERT) {
    ops.push(
      register('creator_id', event.creatorId),
      register('created_at_ms', String(event.createdAtMs)),
      register('duration_ms', String(event.durationMs)),
      register('categories', JSON.stringify(event.categories)),
      register('hashtags', JSON.stringify(event.hashtags)),
      register('language', event.language),
      register('country', event.country),
    );
  }
  return [{ entity: item(event.itemId), dedupeId: event.eventId, timeMs: t, ops }];
}
