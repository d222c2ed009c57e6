import type { CreatorView, ItemView, UserView } from './entity-views';

export type FeatureEntity = 'user' | 'item' | 'cross';
export type FeatureValueType = 'number' | 'id' | 'id_list';
export type FeatureValueOf<T extends FeatureValueType> = T extends 'number' ? number : T extends 'id' ? string : string[];

export interface UserContext {
  user: UserView;
  nowMs: number;
}
export interface ItemContext {
  item: ItemView;
  creator: CreatorView;
  nowMs: number;
}
export interface CrossContext {
  user: UserView;
  item: ItemView;
  nowMs: number;
}
type ContextOf<E extends FeatureEntity> = E extends 'user' ? UserContext : E extends 'item' ? ItemContext : CrossContext;

/**
 * One feature: its name, type, default and meaning, and the one function that computes it for
 * serving and for training. `compute` returns undefined when the value is unknown; the default is
 * then used and the value marked as defaulted.
 */
export interface FeatureDefinition<E extends FeatureEntity = FeatureEntity, T extends FeatureValueType = FeatureValueType> {
  name: string;
  entity: E;
  type: T;
  defaultValue: FeatureValueOf<T>;
  description: string;
  compute(ctx: ContextOf<E>): FeatureValueOf<T> | undefined;
  /**
   * Set when the feature is exactly one decayed counter of a view (`compute` returns
   * `view.counters.at(slot)`), so a column can be read from the views without a call per row.
   */
  counter?: CounterSource;
}

export interface CounterSource {
  view: 'user' | 'item' | 'creator';
  slot: number;
}

export function defineFeature<E extends FeatureEntity, T extends FeatureValueType>(def: FeatureDefinition<E, T>): FeatureDefinition<E, T> {
  return def;
}
