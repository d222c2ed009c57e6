import { EngagementType, Surface, engagementTypeToJSON, surfaceToJSON, type EngagementEvent } from '@cascade/contracts';
import type { ValidationIssue } from './errors';
import { IssueCollector, enumMembers } from './validation';

const knownTypes = enumMembers(EngagementType).filter((t) => t !== EngagementType.ENGAGEMENT_TYPE_UNSPECIFIED);
const knownSurfaces = enumMembers(Surface);

/** Rules an EngagementEvent must meet before it may change any feature. Empty array: valid. */
export function validateEngagementEvent(e: EngagementEvent): ValidationIssue[] {
  const c = new IssueCollector();
  c.requireText('event_id', e.eventId);
  c.requireText('user_id', e.userId);
  c.requireText('item_id', e.itemId);
  c.optionalText('creator_id', e.creatorId);
  c.oneOf('type', e.type, knownTypes, engagementTypeToJSON);
  c.requirePositiveInt('event_time_ms', e.eventTimeMs);
  c.nonNegativeInt('watch_ms', e.watchMs);
  c.nonNegativeInt('item_duration_ms', e.itemDurationMs);
  c.oneOf('surface', e.surface, knownSurfaces, surfaceToJSON);
  c.optionalText('request_id', e.requestId);
  c.optionalText('session_id', e.sessionId);
  c.optionalText('country', e.country, 8);
  return c.issues;
}
