import { Source } from '@cascade/contracts';

/** The configuration name of each source; quotas and weights are keyed by these. */
export const sourceNames = {
  two_tower: Source.SOURCE_TWO_TOWER,
  item_to_item: Source.SOURCE_ITEM_TO_ITEM,
  trending: Source.SOURCE_TRENDING,
  fresh: Source.SOURCE_FRESH,
  following: Source.SOURCE_FOLLOWING,
  popular: Source.SOURCE_POPULAR,
} as const;

export type SourceName = keyof typeof sourceNames;
export const allSourceNames = Object.keys(sourceNames) as SourceName[];

const nameOfSource = new Map<number, SourceName>(allSourceNames.map((name) => [sourceNames[name], name]));

/** The configuration name of a source enum value ("pinned" and unknown values by their number). */
export function sourceNameOf(source: Source): string {
  return nameOfSource.get(source) ?? (source === Source.SOURCE_PINNED ? 'pinned' : String(source));
}
