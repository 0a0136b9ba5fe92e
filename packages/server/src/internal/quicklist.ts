/**
 * How Redis 7.0 lays a list out: a quicklist, a linked list of listpack
 * nodes of at most 8 KB each (the default `list-max-listpack-size -2`, no
 * compression). Three places need the layout: RDB files and DUMP payloads
 * carry the nodes (rdb/objects.ts), DEBUG OBJECT reports their number and
 * size, and MEMORY USAGE counts their allocations (memory-usage.ts).
 *
 * The list here is a ring buffer with no nodes, so the layout is computed
 * as RPUSH would have filled the nodes: a node takes the next element
 * while its listpack, plus the element's length and quicklist's 8-byte
 * estimate of the encoding overhead, stays within 8 KB
 * (_quicklistNodeAllowInsert). A list built by pushes at its head or by
 * insertions in the middle may be split differently in Redis.
 *
 * @module
 */

import type { List } from '../list.js';
import { EMPTY_LISTPACK_BYTES, stringElementBytes } from './listpack-size.js';

// quicklist.c's optimization_level for a fill of -2, and SIZE_ESTIMATE_OVERHEAD.
const NODE_LIMIT = 8192;
const NODE_OVERHEAD = 8;

/** One quicklist node: how many elements it holds and its listpack's bytes (lpBytes). */
export interface QuicklistNode {
  readonly count: number;
  readonly bytes: number;
}

/**
 * `list`'s quicklist nodes, first to last, as RPUSH fills them: all of
 * them, or the first `limit` only (the walk stops there). Empty for an
 * empty list.
 */
export function quicklistLayout(list: List, limit = Number.POSITIVE_INFINITY): QuicklistNode[] {
  const nodes: QuicklistNode[] = [];
  let bytes = EMPTY_LISTPACK_BYTES;
  let count = 0;
  // Element by element: copying a long list out first would cost more
  // than the walk.
  for (let i = 0; i < list.length; i++) {
    const element = list.at(i)!;
    if (count > 0 && bytes + element.length + NODE_OVERHEAD > NODE_LIMIT) {
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
