// Fixtures shared by the retrieval specs that compare two ways of answering Retrieve.
import { ContentEvent, ContentEventType, RetrieveResponse } from '@cascade/contracts';
import { hashString } from '@cascade/world';

/** An upload whose creator, category, language and country follow from a hash of the item id. */
export function uploadEvent(itemId: string, eventTimeMs: number, { creators = 40, countries = [] as readonly string[] } = {}): ContentEvent {
  return ContentEvent.fromPartial({
    eventId: `u-${itemId}-${eventTimeMs}`,
    itemId,
    creatorId: `cr-${hashString(itemId) % creators}`,
    categories: [`cat-${hashString(itemId) % 5}`],
    language: hashString(itemId) % 4 === 0 ? 'de' : 'en',
    country: countries.length > 0 ? countries[hashString(itemId) % countries.length]! : '',
    type: ContentEventType.CONTENT_EVENT_TYPE_UPSERT,
    createdAtMs: eventTimeMs,
    eventTimeMs,
  });
}

export function deletionEvent(itemId: string, eventTimeMs: number): ContentEvent {
  return ContentEvent.fromPartial({ eventId: `d-${itemId}-${eventTimeMs}`, itemId, type: ContentEventType.CONTENT_EVENT_TYPE_DELETE, eventTimeMs });
}

/** The response with every source's duration zeroed: what two runs of the same request can differ in. */
export function withoutTimings(response: RetrieveResponse): RetrieveResponse {
  return { ...response, sources: response.sources.map((s) => ({ ...s, durationMs: 0 })) };
}
