/**
 * Redis's pqsort: a quicksort (Bentley and McIlroy's "Engineering a Sort
 * Function", as BSD libc has it) that skips the partitions lying wholly
 * outside the positions wanted. GEOSEARCH with COUNT sorts its points with
 * it, so that only the nearest COUNT are put in order.
 *
 * It is not stable: points at the same distance come out in the order
 * this partitioning leaves them, which is why it is reproduced step by
 * step here (a stable sort would order ties differently from Redis).
 *
 * @module
 */

/**
 * Sorts `items` in place far enough that positions `from` to `to`
 * (inclusive) hold what a full sort by `compare` would put there, in
 * Redis's order for equal items.
 */
export function partialSort<T>(
  items: T[],
  compare: (a: T, b: T) => number,
  from: number,
  to: number,
): void {
  sortRange(items, 0, items.length, compare, from, to);
}

function swap<T>(items: T[], i: number, j: number): void {
  const item = items[i]!;
  items[i] = items[j]!;
  items[j] = item;
}

// Swaps the `count` items from `i` with the `count` items from `j`.
function swapRuns<T>(items: T[], i: number, j: number, count: number): void {
  for (let k = 0; k < count; k++) swap(items, i + k, j + k);
}

function insertionSort<T>(
  items: T[],
  start: number,
  count: number,
  compare: (a: T, b: T) => number,
): void {
  for (let m = start + 1; m < start + count; m++)
    for (let l = m; l > start && compare(items[l - 1]!, items[l]!) > 0; l--) swap(items, l, l - 1);
}

// The index of the median of three.
function median<T>(
  items: T[],
  a: number,
  b: number,
  c: number,
  compare: (a: T, b: T) => number,
): number {
  const [x, y, z] = [items[a]!, items[b]!, items[c]!];
  if (compare(x, y) < 0) return compare(y, z) < 0 ? b : compare(x, z) < 0 ? c : a;
  return compare(y, z) > 0 ? b : compare(x, z) < 0 ? a : c;
}

// Whether positions `start` to `start + count - 1` hold any of `from` to `to`.
function overlaps(start: number, count: number, from: number, to: number): boolean {
  const end = start + count;
  return !((from < start && to < start) || (from >= end && to >= end));
}

function sortRange<T>(
  items: T[],
  first: number,
  length: number,
  compare: (a: T, b: T) => number,
  from: number,
  to: number,
): void {
  let start = first;
  let count = length;
  for (;;) {
    if (count < 7) {
      insertionSort(items, start, count, compare);
      return;
    }
    let pivot = start + Math.floor(count / 2);
    if (count > 7) {
      let low = start;
      let high = start + count - 1;
      if (count > 40) {
        const d = Math.floor(count / 8);
        low = median(items, low, low + d, low + 2 * d, compare);
        pivot = median(items, pivot - d, pivot, pivot + d, compare);
        high = median(items, high - 2 * d, high - d, high, compare);
      }
      pivot = median(items, low, pivot, high, compare);
    }
    swap(items, start, pivot);
    // Items equal to the pivot gather at both ends ([start, a) and
    // (d, end)), smaller ones before b, greater ones after c.
    let a = start + 1;
    let b = a;
    let c = start + count - 1;
    let d = c;
    for (;;) {
      while (b <= c) {
        const order = compare(items[b]!, items[start]!);
        if (order > 0) break;
        if (order === 0) {
          swap(items, a, b);
          a++;
        }
        b++;
      }
      while (b <= c) {
        const order = compare(items[c]!, items[start]!);
        if (order < 0) break;
        if (order === 0) {
          swap(items, c, d);
          d--;
        }
        c--;
      }
      if (b > c) break;
      swap(items, b, c);
      b++;
      c--;
    }
    // (Later Redis versions switch to insertion sort when nothing moved;
    // 7.0 does not, and the order of equal items shows it.)
    const end = start + count;
    let run = Math.min(a - start, b - a);
    swapRuns(items, start, b - run, run);
    run = Math.min(d - c, end - d - 1);
    swapRuns(items, b, end - run, run);
    const smaller = b - a;
    if (smaller > 1 && overlaps(start, smaller, from, to))
      sortRange(items, start, smaller, compare, from, to);
    const greater = d - c;
    if (greater <= 1 || !overlaps(end - greater, greater, from, to)) return;
    // The second partition by iteration, as Redis saves stack.
    start = end - greater;
    count = greater;
  }
}
