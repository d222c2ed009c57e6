import { ContentEventType, contentEventTypeToJSON, type ContentEvent } from '@cascade/contracts';
import type { ValidationIssue } from './errors';
import { IssueCollector } from './validation';

const knownTypes = [ContentEventType.CONTENT_EVENT_TYPE_UPSERT, ContentEventType.CONTENT_EVENT_TYPE_DELETE];

/** Rules a ContentEvent must meet; an UPSERT must also say who created the item. Empty array: valid. */
export function validateContentEvent(e: ContentEvent): ValidationIssue[] {
  const c = new IssueCollector();
  c.requireText('event_id', e.eventId);
  c.requireText('item_id', e.itemId);
  c.oneOf('type', e.type, knownTypes, contentEventTypeToJSON);
  if (e.type === ContentEventType.CONTENT_EVENT_TYPE_UPSERT) {
    c.requireText('creator_id', e.creatorId);
    c.nonNegativeInt('created_at_ms', e.createdAtMs);
    c.nonNegativeInt('duration_ms', e.durationMs);
  } else {
    c.optionalText('creator_id', e.creatorId);
  }
  c.nonNegativeInt('event_time_ms', e.eventTimeMs);
  e.categories.forEach((v, i) => c.requireText(`categories[${i}]`, v));
  e.hashtags.forEach((v, i) => c.requireText(`hashtags[${i}]`, v));
  c.optionalText('language', e.language, 16);
  c.optionalText('country', e.country, 8);
  const badDim = e.embedding.findIndex((v) => !Number.isFinite(v));
  if (badDim >= 0) c.add(`embedding[${badDim}]`, `must be a finite number, got ${String(e.embedding[badDim])}`);
  return c.issues;
}
