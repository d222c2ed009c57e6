const colors: Record<string, string> = {
  two_tower: '#3867d6',
  item_to_item: '#8854d0',
  trending: '#e8883a',
  fresh: '#20bf6b',
  following: '#eb3b5a',
  popular: '#4b6584',
  pinned: '#a5781b',
};

/** A fixed colour per retrieval source, so a source looks the same in every chart. */
export const sourceColor = (source: string): string => colors[source] ?? '#778ca3';
