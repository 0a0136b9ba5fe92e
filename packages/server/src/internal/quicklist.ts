/**
 * How Redis 7.0 lays a list out: a quicklist, a linked list of listpack
 * nodes of at most 8 KB each by default (`list-max-listpack-size -2`; -1
 * to -5 allow 4 to 64 KB, and a positive size a number of elements
 * within 8 KB). This server compresses no node (`list-compress-depth`).
 * Three places need the layout: RDB files and DUMP payloads carry the nodes (rdb/objects.ts), DEBUG OBJECT reports their number and
 * size, and MEMORY USAGE counts their allocations (memory-usage.ts).
 *
 * The list here is a ring buffer with no nodes, so the layout is computed
 * as RPUSH would have filled the nodes: a node takes the next element
 * while its listpack, plus the element's length and quicklist's 8-byte
 * estimate of the encoding overhead, stays within the fill's limit
 * (_quicklistNodeAllowInsert). A list built by pushes at its head or by
 * insertions in the middle may be split differently in Redis, and so may
 * a loaded one (RESTORE, an RDB file): Redis keeps the nodes it was saved
 * with, where this lays it out again under the list's fill.
 *
 * @module
 */

import type { List } from '../list.js';
import { EMPTY_LISTPACK_BYTES, stringElementBytes } from './listpack-size.js';

// quicklist.c's optimization_level (the byte limits of fills -1 to -5),
// SIZE_SAFETY_LIMIT (a count-limited node's bytes) and SIZE_ESTIMATE_OVERHEAD.
const SIZE_LEVELS = [4096, 8192, 16384, 32768, 65536];
const SIZE_SAFETY_LIMIT = 8192;
const NODE_OVERHEAD = 8;

// quicklistNodeExceedsLimit: whether a node would be too big with `bytes`
// (its estimate) and `count` elements, under `fill`.
function exceedsLimit(fill: number, bytes: number, count: number): boolean {
  if (fill < 0) return bytes > SIZE_LEVELS[Math.min(-fill - 1, SIZE_LEVELS.length - 1)]!;
  if (bytes > SIZE_SAFETY_LIMIT) return true;
  // A fill of 0 still holds one element per node.
  return count > Math.max(fill, 1);
}

/** One quicklist node: how many elements it holds and its listpack's bytes (lpBytes). */
export interface QuicklistNode {
  readonly count: number;
  readonly bytes: number;
}

/**
 * `list`'s quicklist nodes, first to last, as RPUSH fills them under the
 * list's fill (list-max-listpack-size when it was created): all of them,
 * or the first `limit` only (the walk stops there). Empty for an empty
 * list.
 */
export function quicklistLayout(list: List, limit = Number.POSITIVE_INFINITY): QuicklistNode[] {
  const fill = list.fill;
  const nodes: QuicklistNode[] = [];
  let bytes = EMPTY_LISTPACK_BYTES;
  let count = 0;
  // Element by element: copying a long list out first would cost more
  // than the walk.
  for (let i = 0; i < list.length; i++) {
    const element = list.at(i)!;
    if (count > 0 && exceedsLimit(fill, bytes + element.length + NODE_OVERHEAD, count + 1)) {
      nodes.push({ count, bytes });
      if (nodes.length >= limit) return nodes;
      bytes = EMPTY_LISTPACK_BYTES;
      count = 0;
    }
    bytes += stringElementBytes(element);
    count++;
  }
  if (count > 0) nodes.push({ count, bytes });
  return nodes;
}

/**
 * An O(samples) estimate of `list`'s quicklist (maxmemory's accounting
 * measures a list after every push): its elements' average listpack size
 * from the first `samples`, and the nodes the fill's limit would make of
 * elements of that size. The node count and a node's listpack bytes.
 */
export function estimatedQuicklist(
  list: List,
  samples: number,
): { nodes: number; bytesPerNode: number } {
  const length = list.length;
  let sampledBytes = 0;
  let sampledLength = 0;
  const sampled = Math.min(samples, length);
  for (let i = 0; i < sampled; i++) {
    const element = list.at(i)!;
    sampledBytes += stringElementBytes(element);
    sampledLength += element.length;
  }
  const average = sampled === 0 ? 0 : sampledBytes / sampled;
  const averageLength = sampled === 0 ? 0 : sampledLength / sampled;
  const fill = list.fill;
  const limit =
    fill < 0 ? SIZE_LEVELS[Math.min(-fill - 1, SIZE_LEVELS.length - 1)]! : SIZE_SAFETY_LIMIT;
  // A node takes one more element while its listpack, plus the element's
  // length and the overhead estimate, stays within the limit (quicklistLayout).
  let perNode =
    average === 0
      ? length
      : Math.max(
          1,
          Math.floor((limit - EMPTY_LISTPACK_BYTES - averageLength - NODE_OVERHEAD) / average) + 1,
        );
  if (fill >= 0) perNode = Math.min(perNode, Math.max(fill, 1));
  const nodes = Math.max(1, Math.ceil(length / perNode));
  return { nodes, bytesPerNode: Math.ceil(EMPTY_LISTPACK_BYTES + (average * length) / nodes) };
}
