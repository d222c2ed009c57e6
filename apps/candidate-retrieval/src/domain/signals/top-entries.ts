/**
 * The `count` highest positive values of `scores`, best first, ties in the map's insertion order:
 * exactly the first `count` of every positive entry stably sorted by value descending, in
 * O(n log count) with no per-entry allocation instead of O(n log n) with one (a key's leaderboard
 * holds thousands of ids; requests read its first few hundred).
 */
export function topEntries(scores: ReadonlyMap<string, number>, count: number): [string, number][] {
  if (count <= 0) return [];
  // A min-heap of the best seen so far, the worst at the root: lower value, or later insertion on a tie.
  const ids: string[] = [];
  const values: number[] = [];
  const order: number[] = [];
  const worse = (a: number, b: number) => values[a]! < values[b]! || (values[a] === values[b] && order[a]! > order[b]!);
  const swap = (a: number, b: number) => {
    [ids[a], ids[b]] = [ids[b]!, ids[a]!];
    [values[a], values[b]] = [values[b]!, values[a]!];
    [order[a], order[b]] = [order[b]!, order[a]!];
  };
  const siftDown = (from: number) => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < ids.length && worse(left, worst)) worst = left;
      if (right < ids.length && worse(right, worst)) worst = right;
      if (worst === at) return;
      swap(at, worst);
      at = worst;
    }
  };
  let index = 0;
  for (const [id, value] of scores) {
    const position = index++;
    if (!(value > 0)) continue;
    if (ids.length < count) {
      ids.push(id);
      values.push(value);
      order.push(position);
      for (let at = ids.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!worse(at, parent)) break;
        swap(at, parent);
        at = parent;
      }
    } else if (value > values[0]!) {
      // A tie with the root loses: the root was inserted earlier.
      ids[0] = id;
      values[0] = value;
      order[0] = position;
      siftDown(0);
    }
  }
  const slots = ids.map((_, i) => i);
  slots.sort((a, b) => values[b]! - values[a]! || order[a]! - order[b]!);
  return slots.map((i) => [ids[i]!, values[i]!]);
}
