import { ContentEvent, EngagementEvent, ServeEvent, topics } from '@cascade/contracts';
import { createEventCodec, type EventCodec } from './codec';
import { validateContentEvent } from './validate-content-event';
import { validateEngagementEvent } from './validate-engagement-event';
import { validateServeEvent } from './validate-serve-event';

/** cascade.engagement.v1, keyed by user_id so one user's events stay in order. */
export const engagementCodec: EventCodec<EngagementEvent> = createEventCodec({
  name: 'EngagementEvent',
  topic: topics.engagement,
  fns: EngagementEvent,
  key: (e) => e.userId,
  validate: validateEngagementEvent,
});

/** cascade.content.v1, keyed by item_id so an item's upserts and delete stay in order. */
export const contentCodec: EventCodec<ContentEvent> = createEventCodec({
  name: 'ContentEvent',
  topic: topics.content,
  fns: ContentEvent,
  key: (e) => e.itemId,
  validate: validateContentEvent,
});

/** cascade.serve.v1, keyed by user_id. */
export const serveCodec: EventCodec<ServeEvent> = createEventCodec({
  name: 'ServeEvent',
  topic: topics.serve,
  fns: ServeEvent,
  key: (e) => e.userId,
  validate: validateServeEvent,
});

/** The codec of each public topic, by the same keys as `topics` in @cascade/contracts. */
export const codecs = {
  engagement: engagementCodec,
  content: contentCodec,
  serve: serveCodec,
} as const;
