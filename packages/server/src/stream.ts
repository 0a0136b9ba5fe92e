/**
 * The stream type: entries with increasing IDs, each a list of field,
 * value pairs, plus the consumer groups reading them (stream-group.ts).
 *
 * Redis holds a stream as a radix tree of listpack nodes, and that shape
 * shows through its commands: approximate trimming (`MAXLEN ~`) removes
 * whole nodes only, a deleted entry stays in its node as a tombstone
 * until the node is gone, and XINFO STREAM reports the tree's size. So
 * this keeps the same nodes: a new one starts when the tail node holds
 * `stream-node-max-entries` (100 by default) entries, live or deleted, or
 * its listpack would pass `stream-node-max-bytes` (4096 by default; sizes
 * from internal/listpack-size.ts), exactly as Redis 7.0's
 * streamAppendItem decides, and XDEL and trimming follow streamIteratorRemoveEntry and
 * streamTrim.
 *
 * The counters behind consumer-group lag (`entriesAdded`,
 * `maxDeletedId`) and the estimate of an ID's position follow t_stream.c.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import {
  EMPTY_LISTPACK_BYTES,
  integerElementBytes,
  stringElementBytes,
} from './internal/listpack-size.js';
import { raxNodeCount } from './internal/rax-nodes.js';
import {
  compareIds,
  formatId,
  isZeroId,
  MAX_ID,
  MIN_ID,
  type StreamId,
} from './internal/stream-ids.js';
import type { ConsumerGroup } from './stream-group.js';

/**
 * When a stream starts a new node: CONFIG's `stream-node-max-entries`
 * (0: no limit) and `stream-node-max-bytes` (0, or past Redis's 1 GB
 * STREAM_LISTPACK_MAX_SIZE: that cap).
 */
export interface NodeLimits {
  readonly entries: number;
  readonly bytes: number;
}

/** Redis's defaults. */
export const DEFAULT_NODE_LIMITS: NodeLimits = { entries: 100, bytes: 4096 };

// Redis's STREAM_LISTPACK_MAX_SIZE.
const LISTPACK_MAX_SIZE = 2 ** 30;

/** One entry: its ID and its fields and values, alternating. */
export interface StreamEntry {
  readonly id: StreamId;
  /**
   * The ID as replies carry it (`<ms>-<seq>`), made once when the entry is
   * added: every read replies with it, and printing two bigints and
   * encoding the text took a tenth of XRANGE's time (measured, -P 16).
   */
  readonly idText: Buffer;
  readonly fields: readonly Buffer[];
  /** A tombstone: deleted (XDEL, exact trimming) but still in its node. */
  deleted: boolean;
}

/**
 * A listpack node: its first ID (the rax key), the field names its first
 * entry had (later entries with the same names are stored without them),
 * its entries in order, tombstones included, and the listpack's bytes.
 */
export interface StreamNode {
  readonly master: StreamId;
  readonly masterFields: readonly Buffer[];
  readonly entries: StreamEntry[];
  live: number;
  deleted: number;
  bytes: number;
}

/** How TRIM and XADD's trimming options bound a stream. */
export interface TrimOptions {
  readonly strategy: 'maxlen' | 'minid';
  readonly maxlen: number;
  readonly minid: StreamId;
  /** `~`: remove whole nodes only. */
  readonly approximate: boolean;
  /** The most entries to remove (0: no limit). */
  readonly limit: number;
}

/** The value Redis's counters use for "unknown" (SCG_INVALID_ENTRIES_READ). */
export const UNKNOWN_COUNT = -1;

export class Stream {
  readonly #nodes: StreamNode[] = [];
  /** Live entries. */
  length = 0;
  /** The last ID added or set with XSETID: new IDs must be greater. */
  lastId: StreamId = MIN_ID;
  /** How many entries were ever added (XSETID ENTRIESADDED sets it). */
  entriesAdded = 0;
  /** The greatest ID XDEL removed (0-0: none). */
  maxDeletedId: StreamId = MIN_ID;
  /** Consumer groups by name. */
  readonly groups = new Map<string, ConsumerGroup>();

  /** OBJECT ENCODING's answer. */
  get encoding(): 'stream' {
    return 'stream';
  }

  /**
   * Appends an entry with `id` (greater than `lastId`; the caller checks)
   * and `fields` (field, value, ...), in a new node when the tail one is
   * full. Returns the entry.
   */
  append(
    id: StreamId,
    fields: readonly Buffer[],
    limits: NodeLimits = DEFAULT_NODE_LIMITS,
  ): StreamEntry {
    let valueBytes = 0;
    for (const field of fields) valueBytes += field.length;
    const maxBytes =
      limits.bytes === 0 || limits.bytes > LISTPACK_MAX_SIZE ? LISTPACK_MAX_SIZE : limits.bytes;
    let tail = this.#nodes.at(-1);
    if (
      tail !== undefined &&
      (tail.bytes + valueBytes >= maxBytes ||
        (limits.entries !== 0 && tail.live + tail.deleted >= limits.entries))
    )
      tail = undefined;
    if (tail === undefined) {
      const masterFields = fields.filter((_, i) => i % 2 === 0);
      // count, deleted, the field count, the fields, the zero terminator.
      let bytes = EMPTY_LISTPACK_BYTES + 2 + 2 + integerElementBytes(masterFields.length) + 2;
      for (const field of masterFields) bytes += stringElementBytes(field);
      tail = { master: id, masterFields, entries: [], live: 0, deleted: 0, bytes };
      this.#nodes.push(tail);
    }
    const entry = { id, idText: Buffer.from(formatId(id), 'latin1'), fields, deleted: false };
    tail.entries.push(entry);
    tail.live++;
    tail.bytes += entryBytes(tail, id, fields);
    this.length++;
    this.entriesAdded++;
    this.lastId = id;
    return entry;
  }

  /**
   * The live entries from `start` to `end` (inclusive), first to last or,
   * `reverse`, last to first.
   */
  *range(start: StreamId, end: StreamId, reverse = false): Generator<StreamEntry> {
    if (compareIds(start, end) > 0) return;
    const nodes = this.#nodes;
    if (!reverse) {
      let [n, i] = this.#locate(start);
      for (; n < nodes.length; n++, i = 0) {
        const entries = nodes[n]!.entries;
        for (; i < entries.length; i++) {
          const entry = entries[i]!;
          if (compareIds(entry.id, end) > 0) return;
          if (!entry.deleted) yield entry;
        }
      }
      return;
    }
    let [n, i] = this.#locate(end, true);
    for (; n >= 0; n--) {
      const entries = nodes[n]!.entries;
      if (i === Number.POSITIVE_INFINITY) i = entries.length - 1;
      for (; i >= 0; i--) {
        const entry = entries[i]!;
        if (compareIds(entry.id, start) < 0) return;
        if (!entry.deleted) yield entry;
      }
      i = Number.POSITIVE_INFINITY;
    }
  }

  /** The live entry with `id`, if any. */
  get(id: StreamId): StreamEntry | undefined {
    for (const entry of this.range(id, id)) return entry;
    return undefined;
  }

  /** The first live entry, if any. */
  first(): StreamEntry | undefined {
    for (const entry of this.range(MIN_ID, MAX_ID)) return entry;
    return undefined;
  }

  /** The last live entry, if any. */
  last(): StreamEntry | undefined {
    for (const entry of this.range(MIN_ID, MAX_ID, true)) return entry;
    return undefined;
  }

  /** The first live entry's ID, or 0-0 when empty (Redis's `first_id`). */
  get firstId(): StreamId {
    return this.first()?.id ?? MIN_ID;
  }

  /**
   * Deletes the live entry with `id` (XDEL): a tombstone in its node, or
   * the whole node when it was the node's last live entry. Returns
   * whether there was one. XDEL updates `maxDeletedId` itself.
   */
  delete(id: StreamId): boolean {
    const [n, i] = this.#locate(id);
    const node = this.#nodes[n];
    const entry = node?.entries[i];
    if (
      node === undefined ||
      entry === undefined ||
      entry.deleted ||
      compareIds(entry.id, id) !== 0
    )
      return false;
    if (node.live === 1) this.#nodes.splice(n, 1);
    else {
      entry.deleted = true;
      node.live--;
      node.deleted++;
    }
    this.length--;
    return true;
  }

  /** Trims as Redis's streamTrim does; returns how many entries it removed. */
  trim(options: TrimOptions): number {
    let removed = 0;
    const nodes = this.#nodes;
    while (nodes.length > 0) {
      if (options.strategy === 'maxlen' && this.length <= options.maxlen) break;
      const node = nodes[0]!;
      if (options.limit !== 0 && removed + node.live > options.limit) break;
      const removeNode =
        options.strategy === 'maxlen'
          ? this.length - node.live >= options.maxlen
          : compareIds(node.entries.at(-1)!.id, options.minid) < 0;
      if (removeNode) {
        nodes.shift();
        this.length -= node.live;
        removed += node.live;
        continue;
      }
      if (options.approximate) break;
      // Mark entries deleted from the front of this node until enough are.
      for (const entry of node.entries) {
        const stop =
          options.strategy === 'maxlen'
            ? this.length <= options.maxlen
            : compareIds(entry.id, options.minid) >= 0;
        if (stop) break;
        if (!entry.deleted) {
          entry.deleted = true;
          node.live--;
          node.deleted++;
          this.length--;
          removed++;
        }
      }
      break;
    }
    return removed;
  }

  /** XINFO STREAM's `radix-tree-keys`: the listpack nodes. */
  get nodeCount(): number {
    return this.#nodes.length;
  }

  /** XINFO STREAM's `radix-tree-nodes`: the radix tree's nodes over those keys. */
  get radixTreeNodes(): number {
    return raxNodeCount(this.#nodes.map((node) => raxKey(node.master)));
  }

  /**
   * Whether an entry XDEL removed may lie between `start` and the end of
   * the stream (Redis's streamRangeHasTombstones with no end).
   */
  hasTombstonesFrom(start: StreamId): boolean {
    if (this.length === 0 || isZeroId(this.maxDeletedId)) return false;
    if (compareIds(this.firstId, this.maxDeletedId) > 0) return false;
    return compareIds(start, this.maxDeletedId) <= 0;
  }

  /**
   * How many entries were added up to and including `id`, when that can
   * be known (Redis's streamEstimateDistanceFromFirstEverEntry), else
   * `UNKNOWN_COUNT`.
   */
  entriesUpTo(id: StreamId): number {
    if (this.entriesAdded === 0) return 0;
    if (this.length === 0 && compareIds(id, this.lastId) < 1) return this.entriesAdded;
    const toLast = compareIds(id, this.lastId);
    if (toLast === 0) return this.entriesAdded;
    if (toLast > 0) return UNKNOWN_COUNT;
    const firstId = this.firstId;
    const toFirst = compareIds(id, firstId);
    if (isZeroId(this.maxDeletedId) || compareIds(this.maxDeletedId, firstId) < 0) {
      if (toFirst < 0) return this.entriesAdded - this.length;
      if (toFirst === 0) return this.entriesAdded - this.length + 1;
    }
    return UNKNOWN_COUNT;
  }

  /** A copy (COPY): entries, nodes and groups, sharing the immutable parts. */
  /** The listpack nodes, in order (DUMP writes them as Redis lays them out: rdb/). */
  nodes(): readonly Readonly<StreamNode>[] {
    return this.#nodes;
  }

  /**
   * A stream made of `nodes` as RESTORE read them (rdb/): each node's
   * master ID and fields, its entries (tombstones included) and the bytes
   * of its listpack. The caller has checked that the IDs ascend.
   */
  static fromNodes(
    nodes: readonly {
      master: StreamId;
      masterFields: readonly Buffer[];
      entries: { id: StreamId; fields: readonly Buffer[]; deleted: boolean }[];
      bytes: number;
    }[],
  ): Stream {
    const stream = new Stream();
    for (const node of nodes) {
      const entries = node.entries.map((entry) => ({
        ...entry,
        idText: Buffer.from(formatId(entry.id), 'latin1'),
      }));
      const live = entries.filter((entry) => !entry.deleted).length;
      stream.#nodes.push({
        master: node.master,
        masterFields: node.masterFields,
        entries,
        live,
        deleted: entries.length - live,
        bytes: node.bytes,
      });
      stream.length += live;
    }
    return stream;
  }

  copy(): Stream {
    const copy = new Stream();
    for (const node of this.#nodes)
      copy.#nodes.push({ ...node, entries: node.entries.map((entry) => ({ ...entry })) });
    copy.length = this.length;
    copy.lastId = this.lastId;
    copy.entriesAdded = this.entriesAdded;
    copy.maxDeletedId = this.maxDeletedId;
    for (const [name, group] of this.groups) copy.groups.set(name, group.copy());
    return copy;
  }

  // [node, entry] of the first entry at or after `id` (or, `before`, the
  // last at or before it; Infinity for "the node's last"). Past the end:
  // [nodes.length, 0]; before the start: [-1, ...].
  #locate(id: StreamId, before = false): [number, number] {
    const nodes = this.#nodes;
    // The last node whose first ID is at most `id`, as Redis seeks "<=".
    let lo = 0;
    let hi = nodes.length - 1;
    let n = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (compareIds(nodes[mid]!.master, id) <= 0) {
        n = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (before) {
      if (n === -1) return [-1, 0];
      const entries = nodes[n]!.entries;
      let i = entries.length - 1;
      while (i >= 0 && compareIds(entries[i]!.id, id) > 0) i--;
      return [n, i];
    }
    if (n === -1) return [0, 0];
    const entries = nodes[n]!.entries;
    let low = 0;
    let high = entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (compareIds(entries[mid]!.id, id) < 0) low = mid + 1;
      else high = mid;
    }
    return low === entries.length ? [n + 1, 0] : [n, low];
  }
}

// The listpack bytes of one entry in `node`: flags, the ID as a difference
// from the node's first, the field count and names unless they are the
// node's, the values, and the entry's element count.
function entryBytes(node: StreamNode, id: StreamId, fields: readonly Buffer[]): number {
  const pairs = fields.length / 2;
  const sameFields =
    node.masterFields.length === pairs &&
    node.masterFields.every((field, i) => field.equals(fields[i * 2]!));
  let bytes =
    integerElementBytes(sameFields ? 2 : 0) +
    integerElementBytes(BigInt.asIntN(64, id.ms - node.master.ms)) +
    integerElementBytes(BigInt.asIntN(64, id.seq - node.master.seq));
  if (!sameFields) {
    bytes += integerElementBytes(pairs);
    for (let i = 0; i < fields.length; i += 2) bytes += stringElementBytes(fields[i]!);
  }
  for (let i = 1; i < fields.length; i += 2) bytes += stringElementBytes(fields[i]!);
  const elements = pairs + 3 + (sameFields ? 0 : pairs + 1);
  return bytes + integerElementBytes(elements);
}

/** A stream ID as a rax key (a node's first ID, a pending entry): 128 big-endian bits. */
export function raxKey(id: StreamId): Uint8Array {
  const key = Buffer.alloc(16);
  key.writeBigUInt64BE(id.ms, 0);
  key.writeBigUInt64BE(id.seq, 8);
  return key;
}
