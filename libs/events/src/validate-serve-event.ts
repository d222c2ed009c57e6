import { Source, Surface, sourceToJSON, surfaceToJSON, type ServeEvent } from '@cascade/contracts';
import type { ValidationIssue } from './errors';
import { IssueCollector, enumMembers } from './validation';

const knownSurfaces = enumMembers(Surface);
const knownSources = enumMembers(Source);

/**
 * Rules a ServeEvent must meet to be usable as a training log: who was served, and per item a
 * position, a source and (when logged) one feature value per feature name. Empty array: valid.
 */
export function validateServeEvent(e: ServeEvent): ValidationIssue[] {
  const c = new IssueCollector();
  c.requireText('request_id', e.requestId);
  c.requireText('user_id', e.userId);
  c.oneOf('surface', e.surface, knownSurfaces, surfaceToJSON);
  c.nonNegativeInt('served_at_ms', e.servedAtMs);
  e.items.forEach((item, i) => {
    const at = `items[${i}]`;
    c.requireText(`${at}.item_id`, item.itemId);
    c.nonNegativeInt(`${at}.position`, item.position);
    c.oneOf(`${at}.source`, item.source, knownSources, sourceToJSON);
    c.finiteNumber(`${at}.score`, item.score);
    if (!(item.propensity >= 0 && item.propensity <= 1)) {
      c.add(`${at}.propensity`, `must be within [0, 1], got ${String(item.propensity)}`);
    }
    if (item.featureValues.length > 0 && item.featureValues.length !== e.featureNames.length) {
      c.add(
        `${at}.feature_values`,
        `has ${item.featureValues.length} values for ${e.featureNames.length} feature_names`,
      );
    }
  });
  return c.issues;
}
