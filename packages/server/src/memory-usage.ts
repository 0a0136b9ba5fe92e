/**
 * MEMORY USAGE's answer: the bytes Redis 7.0 would spend on a key and its
 * value, computed from the shape Redis would give the value (its
 * encoding, its listpacks and tables) and the allocator's size classes,
 * as Redis's objectComputeSize adds them up. It is Redis's figure for
 * the same data, not this process's memory: a client sizing its data for
 * a real Redis gets the number that Redis would give.
 *
 * Exact, given the same commands, for strings (integers, embedded and
 * raw, including APPEND's and SETRANGE's spare room: internal/sds.ts),
 * small hashes and sorted sets (listpacks), sets of integers (intsets)
 * and lists pushed at the tail (quicklists: internal/quicklist.ts). The
 * rest are estimates, as Redis's own are:
 * - a hash table (a large hash or set, a skiplist's dictionary) counts
 *   its table as Redis's would be once grown and rehashed, and samples its
 *   first elements in insertion order where Redis samples its buckets'
 *   order (seeded at random per process: Redis's answer for elements of
 *   different sizes changes from one redis-server to the next);
 * - a skiplist counts this server's node levels, which are random in
 *   Redis too;
 * - a list of more than 100,000 elements counts its first nodes and
 *   estimates how many there are from them, so that the command stays
 *   O(samples) as Redis's is;
 * - a stream node counts the 4 KB Redis preallocates until the node is
 *   closed by its entry count (then its exact size); XDEL and trimming
 *   can make Redis's smaller.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { Hash } from './hash.js';
import {
  EMPTY_LISTPACK_BYTES,
  latin1ElementBytes,
  stringElementBytes,
} from './internal/listpack-size.js';
import { objectEncoding } from './internal/object-encoding.js';
import { estimatedQuicklist, quicklistLayout } from './internal/quicklist.js';
import { raxNodeCount } from './internal/rax-nodes.js';
import { d2string } from './internal/scores.js';
import { exactStringAllocation, rawStringAllocation } from './internal/sds.js';
import { allocationSize } from './internal/size-classes.js';
import { MIN_ID } from './internal/stream-ids.js';
import type { Entry } from './keyspace.js';
import { List } from './list.js';
import { MemberSet } from './member-set.js';
import { SortedSet } from './sorted-set.js';
import { raxKey, type Stream } from './stream.js';
import type { PendingList } from './stream-group.js';

/** Redis's OBJ_COMPUTE_SIZE_DEF_SAMPLES: elements sampled unless told otherwise. */
export const DEFAULT_SAMPLES = 5;

// sizeof() of Redis 7.0's structures on x86-64.
const ROBJ = 16;
const DICT_ENTRY = 24;
const DICT = 56;
const POINTER = 8;
const QUICKLIST = 40;
const QUICKLIST_NODE = 40;
const ZSET = 16;
const ZSKIPLIST = 32;
const ZSKIPLIST_NODE = 24;
const ZSKIPLIST_LEVEL = 16;
const ZSKIPLIST_MAXLEVEL = 32;
const INTSET_HEADER = 8;
const STREAM = 80;
const STREAM_ID = 16;
const STREAM_CG = 40;
const STREAM_NACK = 24;
const STREAM_CONSUMER = 24;
const RAX_NODE = 4;
// streamRadixTreeMemoryUsage's allowance per node for pointers and children.
const RAX_NODE_EXTRA = 8 * 30;
// Redis's STREAM_LISTPACK_MAX_PRE_ALLOCATE: a new stream node's listpack.
const STREAM_PREALLOC = 4096;

/** The stream node limits in force (CONFIG's stream-node-max-entries and -bytes). */
export interface StreamNodeLimits {
  readonly entries: number;
  readonly bytes: number;
}

/**
 * MEMORY USAGE of `key` holding `entry`: the key's own sds and dictionary
 * entry, and the value's size with up to `samples` nested elements
 * sampled (0 or Infinity: all of them).
 */
export function memoryUsage(
  key: string,
  entry: Entry,
  samples: number,
  limits: StreamNodeLimits,
): number {
  const sampled = samples === 0 ? Number.POSITIVE_INFINITY : samples;
  return (
    valueSize(entry, sampled, limits, LIST_WALK_LIMIT, PENDING_WALK_LIMIT) +
    exactStringAllocation(key.length) +
    DICT_ENTRY
  );
}

/**
 * What maxmemory counts for `key` holding `entry` (key-eviction.ts):
 * MEMORY USAGE's figure, but always in O(samples) time, since it is
 * measured again after every change to the key. Strings, intsets, and
 * collections of at most 8 elements are sized exactly as MEMORY USAGE
 * sizes them; a larger listpack (a small hash or sorted set) and a list
 * are estimated from their first 8 elements, hash tables and skiplists
 * from their first 5 as MEMORY USAGE does, and a consumer group's pending
 * entries from their first 64. MEMORY USAGE itself walks a listpack
 * whole, and a list up to 100,000 elements.
 */
export function countedUsage(key: string, entry: Entry, limits: StreamNodeLimits): number {
  const own = exactStringAllocation(key.length) + DICT_ENTRY;
  const value = entry.value;
  if (value instanceof List && value.length > COUNTED_SAMPLE) {
    const { nodes, bytesPerNode } = estimatedQuicklist(value, COUNTED_SAMPLE);
    return own + ROBJ + QUICKLIST + nodes * (QUICKLIST_NODE + allocationSize(bytesPerNode));
  }
  if (value instanceof Hash && value.encoding === 'listpack' && value.size > COUNTED_SAMPLE) {
    const bytes = value.sumFirst(COUNTED_SAMPLE, pairBytes);
    return own + listpackEstimate(bytes, COUNTED_SAMPLE, value.size);
  }
  if (value instanceof SortedSet && value.encoding === 'listpack' && value.size > COUNTED_SAMPLE) {
    let bytes = 0;
    let sampled = 0;
    for (const node of value.nodes()) {
      if (sampled++ === COUNTED_SAMPLE) break;
      bytes += latin1ElementBytes(node.member) + stringElementBytes(d2string(node.score));
    }
    return own + listpackEstimate(bytes, COUNTED_SAMPLE, value.size);
  }
  return own + valueSize(entry, DEFAULT_SAMPLES, limits, LIST_WALK_LIMIT, COUNTED_PENDING_WALK);
}

// A hash field and its value in a listpack.
function pairBytes(field: string, value: Buffer): number {
  return latin1ElementBytes(field) + stringElementBytes(value);
}

// A listpack of `count` pairs whose first `sampled` take `sampledBytes`.
function listpackEstimate(sampledBytes: number, sampled: number, count: number): number {
  return ROBJ + allocationSize(EMPTY_LISTPACK_BYTES + Math.floor((sampledBytes / sampled) * count));
}

// objectComputeSize. Past `listWalk` elements a list's nodes are estimated
// from the sampled ones, and past `pendingWalk` pending entries a
// group's or consumer's pending tree from its first entries.
function valueSize(
  entry: Entry,
  samples: number,
  limits: StreamNodeLimits,
  listWalk: number,
  pendingWalk: number,
): number {
  const value = entry.value;
  if (value instanceof Uint8Array) {
    switch (objectEncoding(entry)) {
      case 'int':
        return ROBJ;
      case 'embstr':
        // The object and an sds with a 3-byte header, in one allocation.
        return allocationSize(ROBJ + 3 + value.length + 1);
      default:
        return ROBJ + rawStringAllocation(value);
    }
  }
  if (value instanceof List) return listSize(value, samples, listWalk);
  if (value instanceof Hash) return hashSize(value, samples);
  if (value instanceof MemberSet) return setSize(value, samples);
  if (value instanceof SortedSet) return sortedSetSize(value, samples);
  return streamSize(value, samples, limits, pendingWalk);
}

// C's `asize += (double)elesize/samples*count` into a size_t: the sum in
// doubles, truncated.
function addAverage(size: number, sampledBytes: number, sampled: number, count: number): number {
  return sampled === 0 ? size : Math.floor(size + (sampledBytes / sampled) * count);
}

// dictSlots of a table holding `count` elements: Redis grows a table to
// the next power of two (at least 4) once it is full.
function tableSlots(count: number): number {
  let slots = 4;
  while (slots < count) slots *= 2;
  return slots;
}

// Past this many elements, a list's nodes are not all laid out: their
// number is estimated from the sampled ones, so that MEMORY USAGE stays
// O(samples) as Redis's is (its quicklist knows its node count). The same
// for a stream's pending entries.
const LIST_WALK_LIMIT = 100_000;
const PENDING_WALK_LIMIT = Number.POSITIVE_INFINITY;
// countedUsage's: it runs after every change to a key.
const COUNTED_SAMPLE = 8;
const COUNTED_PENDING_WALK = 64;

function listSize(list: List, samples: number, walkLimit: number): number {
  const whole = samples === Number.POSITIVE_INFINITY || list.length <= walkLimit;
  const nodes = quicklistLayout(list, whole ? Number.POSITIVE_INFINITY : samples);
  let sampledBytes = 0;
  let sampled = 0;
  let sampledElements = 0;
  // A list has at least one node (an empty list is no key).
  do {
    sampledBytes += QUICKLIST_NODE + allocationSize(nodes[sampled]!.bytes);
    sampledElements += nodes[sampled]!.count;
    sampled++;
  } while (sampled < nodes.length && sampled < samples);
  const nodeCount = whole ? nodes.length : Math.ceil((list.length * sampled) / sampledElements);
  return addAverage(ROBJ + QUICKLIST, sampledBytes, sampled, nodeCount);
}

function hashSize(hash: Hash, samples: number): number {
  if (hash.encoding === 'listpack')
    return ROBJ + allocationSize(EMPTY_LISTPACK_BYTES + hash.sumFirst(hash.size, pairBytes));
  // maxmemory measures a hash after every change to it: no iterators.
  const sampled = Math.min(samples, hash.size);
  const sampledBytes = hash.sumFirst(sampled, dictPairBytes);
  const table = ROBJ + DICT + POINTER * tableSlots(hash.size);
  return addAverage(table, sampledBytes, sampled, hash.size);
}

// A hash field and its value in a dict.
function dictPairBytes(field: string, value: Buffer): number {
  return exactStringAllocation(field.length) + exactStringAllocation(value.length) + DICT_ENTRY;
}

function setSize(set: MemberSet, samples: number): number {
  if (set.encoding === 'intset')
    return ROBJ + allocationSize(INTSET_HEADER + set.intsetWidth * set.size);
  let sampledBytes = 0;
  let sampled = 0;
  for (const member of set.members()) {
    if (sampled >= samples) break;
    sampledBytes += DICT_ENTRY + exactStringAllocation(member.length);
    sampled++;
  }
  const table = ROBJ + DICT + POINTER * tableSlots(set.size);
  return addAverage(table, sampledBytes, sampled, set.size);
}

function sortedSetSize(zset: SortedSet, samples: number): number {
  if (zset.encoding === 'listpack') {
    let bytes = EMPTY_LISTPACK_BYTES;
    for (const node of zset.nodes())
      bytes += latin1ElementBytes(node.member) + stringElementBytes(d2string(node.score));
    return ROBJ + allocationSize(bytes);
  }
  let sampledBytes = 0;
  let sampled = 0;
  for (const node of zset.nodes()) {
    if (sampled >= samples) break;
    sampledBytes +=
      exactStringAllocation(node.member.length) +
      DICT_ENTRY +
      allocationSize(ZSKIPLIST_NODE + ZSKIPLIST_LEVEL * node.forward.length);
    sampled++;
  }
  const table =
    ROBJ +
    ZSET +
    ZSKIPLIST +
    DICT +
    POINTER * tableSlots(zset.size) +
    allocationSize(ZSKIPLIST_NODE + ZSKIPLIST_LEVEL * ZSKIPLIST_MAXLEVEL);
  return addAverage(table, sampledBytes, sampled, zset.size);
}

// streamRadixTreeMemoryUsage (which, as in Redis, leaves out the rax
// structure itself).
function raxSize(elements: number, nodes: number): number {
  return elements * STREAM_ID + nodes * (RAX_NODE + RAX_NODE_EXTRA);
}

// The tree of a pending list; past `walkLimit` entries, its first ones'
// node count scaled to the whole.
function pendingRaxSize(pending: PendingList, walkLimit: number): number {
  const keys: Uint8Array[] = [];
  for (const { id } of pending.from(MIN_ID)) {
    if (keys.length >= walkLimit) break;
    keys.push(raxKey(id));
  }
  const nodes = raxNodeCount(keys);
  const total = pending.size;
  return raxSize(total, keys.length === total ? nodes : Math.ceil((nodes * total) / keys.length));
}

function streamSize(
  stream: Stream,
  samples: number,
  limits: StreamNodeLimits,
  pendingWalk: number,
): number {
  const nodes = stream.nodes();
  let size = ROBJ + STREAM + raxSize(nodes.length, stream.radixTreeNodes);
  // A node's listpack: preallocated when made, realloc'd when it outgrows
  // that, and shrunk to fit when XADD finds it full by count and starts
  // the next node.
  const prealloc = allocationSize(
    limits.bytes > 0 && limits.bytes < STREAM_PREALLOC ? limits.bytes : STREAM_PREALLOC,
  );
  const allocation = (i: number): number => {
    const node = nodes[i]!;
    const closedByCount =
      i < nodes.length - 1 && limits.entries > 0 && node.entries.length >= limits.entries;
    return closedByCount
      ? allocationSize(node.bytes)
      : Math.max(prealloc, allocationSize(node.bytes));
  };
  let listpacks = 0;
  let sampled = 0;
  while (sampled < samples && sampled < nodes.length) listpacks += allocation(sampled++);
  if (nodes.length <= sampled) size += listpacks;
  else {
    // The first nodes' average (an integer division in Redis) for all but
    // the last, and the last as it is.
    size += Math.floor(listpacks / sampled) * (nodes.length - 1) + allocation(nodes.length - 1);
  }
  for (const group of stream.groups.values()) {
    size +=
      STREAM_CG + pendingRaxSize(group.pending, pendingWalk) + STREAM_NACK * group.pending.size;
    for (const consumer of group.consumers.values())
      size +=
        STREAM_CONSUMER + consumer.name.length + pendingRaxSize(consumer.pending, pendingWalk);
  }
  return size;
}
