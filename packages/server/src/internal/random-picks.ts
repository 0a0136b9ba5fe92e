/**
 * Random picks for HRANDFIELD, SRANDMEMBER and SPOP, made as Redis 7.0
 * makes them, so that which strategy runs (and so whether the picks keep
 * the collection's order) matches Redis's.
 *
 * @module
 */

/**
 * The most items one random reply may hold. Redis has no such bound: a
 * count of -10^12 makes it build a reply until memory runs out. Past this
 * the commands refuse the count with `ERR value is out of range`.
 */
export const MAX_RANDOM_ITEMS = 2 ** 24;

/** `count` items drawn independently with `draw` (they may repeat), one at a time. */
export function* drawnRandom(count: number, draw: () => string): Generator<string> {
  for (let i = 0; i < count; i++) yield draw();
}

/**
 * `count` distinct items of a collection of `size` (count below size):
 * most of it (count * 3 > size) by shuffling all of `items`, in random
 * order; a small part in `items`' order when `keepOrder` (Redis's listpack
 * pick, by selection sampling); otherwise by drawing with `draw` until
 * `count` are distinct, in the order drawn.
 */
export function distinctRandom(
  items: Iterable<string>,
  size: number,
  count: number,
  draw: () => string,
  keepOrder = false,
): string[] {
  if (count * 3 > size) {
    const all = [...items];
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(Math.random() * (size - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    all.length = count;
    return all;
  }
  if (keepOrder) {
    // Knuth's algorithm S: each item kept with the chance still needed.
    const picked: string[] = [];
    let left = size;
    for (const item of items) {
      if (Math.random() * left < count - picked.length) picked.push(item);
      left--;
    }
    return picked;
  }
  const picked = new Set<string>();
  while (picked.size < count) picked.add(draw());
  return [...picked];
}
