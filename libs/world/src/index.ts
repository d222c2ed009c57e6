export * from './params';
export * from './random';
export * from './vocabulary';
export * from './ids';
export {
  MAX_ITEM_CATEGORIES,
  MAX_USER_INTERESTS,
  NO_CATEGORY,
  type Catalog,
  type CategoryTable,
  type CreatorTable,
  type ItemTable,
  type UserTable,
} from './catalog';
export { AFFINITY, GroundTruth, type AffinityContext } from './truth';
export { BEHAVIOUR, type EngagementOptions } from './simulation';
export { PolicySource } from './policy';
export { EMBEDDING_NOISE, type ContentOptions } from './content';
export { EngagementStats, type EngagementSummary } from './stats';
export * from './world';
export * from './export';
