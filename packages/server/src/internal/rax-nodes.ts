/**
 * How many nodes Redis's radix tree (rax.c) has for a set of keys, for
 * XINFO STREAM's `radix-tree-nodes`: a stream's rax holds one 16-byte
 * key per listpack node (the node's first ID, big-endian).
 *
 * A rax node stands at a position in the keys' common trie: the root,
 * each position where keys part (one node with a child per next byte),
 * and each key's end. A run of positions with one way on is a single
 * compressed node. So the count follows from the sorted keys alone;
 * rax re-compresses after deletions, and the tests compare the figure
 * with redis-server's after appends, deletions and trims.
 *
 * @module
 */

/** The number of rax nodes holding `keys` (sorted, distinct, all the same length). */
export function raxNodeCount(keys: readonly Uint8Array[]): number {
  if (keys.length === 0) return 1;
  return countFrom(keys, 0, keys.length, 0);
}

// The nodes of the subtree at `depth` holding keys[lo..hi), which share
// their first `depth` bytes.
function countFrom(keys: readonly Uint8Array[], lo: number, hi: number, depth: number): number {
  const first = keys[lo]!;
  if (depth === first.length) return 1;
  // One key left: a compressed node for the rest of it, then its end.
  if (hi - lo === 1) return 2;
  // Sorted, so the first and last keys' common prefix is everyone's.
  const last = keys[hi - 1]!;
  let split = depth;
  while (first[split] === last[split]) split++;
  // A compressed node up to the split (none if they part right here),
  // then the split node, then one subtree per next byte.
  let nodes = (split > depth ? 1 : 0) + 1;
  let start = lo;
  for (let i = lo + 1; i <= hi; i++) {
    if (i === hi || keys[i]![split] !== keys[start]![split]) {
      nodes += countFrom(keys, start, i, split + 1);
      start = i;
    }
  }
  return nodes;
}
