/**
 * A stream's consumer group (Redis's streamCG): the last ID it delivered,
 * its count of entries read (for lag), its consumers, and its pending
 * entries list (PEL): every entry delivered to a consumer and not yet
 * acknowledged, with who has it, when it was last delivered and how many
 * times. Each consumer keeps its own PEL too; both share the records.
 *
 * Redis keeps groups, consumers and PELs in radix trees, so listings come
 * in byte order of names and in ID order of entries; the PELs here are
 * arrays kept in ID order (new deliveries append, the common case) with
 * a map beside them for lookups.
 *
 * @module
 */

import { compareIds, formatId, type StreamId } from './internal/stream-ids.js';

/** A delivered, unacknowledged entry. */
export interface PendingEntry {
  readonly id: StreamId;
  /** Who has it; null only between XCLAIM FORCE creating it and the claim. */
  consumer: Consumer | null;
  /** When it was last delivered, in ms. */
  deliveryTime: number;
  deliveryCount: number;
}

/** Pending entries in ID order, found by ID in O(1). */
export class PendingList {
  readonly #ordered: PendingEntry[] = [];
  readonly #byId = new Map<string, PendingEntry>();

  get size(): number {
    return this.#ordered.length;
  }

  get(id: StreamId): PendingEntry | undefined {
    return this.#byId.get(formatId(id));
  }

  /** Adds `entry` (its ID not yet present). */
  add(entry: PendingEntry): void {
    this.#byId.set(formatId(entry.id), entry);
    const ordered = this.#ordered;
    const last = ordered.at(-1);
    if (last === undefined || compareIds(last.id, entry.id) < 0) {
      ordered.push(entry);
      return;
    }
    ordered.splice(this.#lowerBound(entry.id), 0, entry);
  }

  /** Removes the entry with `id`; returns it, if there was one. */
  remove(id: StreamId): PendingEntry | undefined {
    const key = formatId(id);
    const entry = this.#byId.get(key);
    if (entry === undefined) return undefined;
    this.#byId.delete(key);
    this.#ordered.splice(this.#lowerBound(id), 1);
    return entry;
  }

  /** The entries with IDs from `start` on, in order (stable under removal of the one yielded). */
  *from(start: StreamId): Generator<PendingEntry> {
    const ordered = this.#ordered;
    let i = this.#lowerBound(start);
    while (i < ordered.length) {
      const entry = ordered[i]!;
      yield entry;
      // The consumer may have removed the entry it was given.
      if (ordered[i] === entry) i++;
    }
  }

  first(): PendingEntry | undefined {
    return this.#ordered[0];
  }

  last(): PendingEntry | undefined {
    return this.#ordered.at(-1);
  }

  #lowerBound(id: StreamId): number {
    const ordered = this.#ordered;
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareIds(ordered[mid]!.id, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** A consumer of a group. */
export class Consumer {
  readonly name: string;
  /** When it last read or claimed, in ms (XINFO's seen-time and idle). */
  seenTime: number;
  readonly pending = new PendingList();

  constructor(name: string, seenTime: number) {
    this.name = name;
    this.seenTime = seenTime;
  }
}

/** Byte order of Latin-1 names, as Redis's radix trees list them. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class ConsumerGroup {
  /** The last ID delivered to the group. */
  lastId: StreamId;
  /** Entries read, for lag; -1 when unknown. */
  entriesRead: number;
  readonly consumers = new Map<string, Consumer>();
  readonly pending = new PendingList();

  constructor(lastId: StreamId, entriesRead: number) {
    this.lastId = lastId;
    this.entriesRead = entriesRead;
  }

  /** The consumer named `name`, created (seen `now`) when absent. */
  consumer(name: string, now: number): Consumer {
    let consumer = this.consumers.get(name);
    if (consumer === undefined) {
      consumer = new Consumer(name, now);
      this.consumers.set(name, consumer);
    }
    return consumer;
  }

  /** The consumers in byte order of their names. */
  sortedConsumers(): Consumer[] {
    return [...this.consumers.values()].sort((a, b) => byteOrder(a.name, b.name));
  }

  /** Gives the pending entry `entry` to `consumer` (moving it from its owner). */
  assign(entry: PendingEntry, consumer: Consumer): void {
    if (entry.consumer === consumer) return;
    entry.consumer?.pending.remove(entry.id);
    entry.consumer = consumer;
    consumer.pending.add(entry);
  }

  /** Removes `entry` from the group's PEL and its consumer's. */
  acknowledge(entry: PendingEntry): void {
    this.pending.remove(entry.id);
    entry.consumer?.pending.remove(entry.id);
  }

  /** Deletes a consumer and its pending entries; returns how many it had. */
  deleteConsumer(name: string): number {
    const consumer = this.consumers.get(name);
    if (consumer === undefined) return 0;
    const count = consumer.pending.size;
    for (const entry of [...consumer.pending.from({ ms: 0n, seq: 0n })])
      this.pending.remove(entry.id);
    this.consumers.delete(name);
    return count;
  }

  /** A deep copy (COPY). */
  copy(): ConsumerGroup {
    const copy = new ConsumerGroup(this.lastId, this.entriesRead);
    const consumers = new Map<Consumer, Consumer>();
    for (const [name, consumer] of this.consumers) {
      const twin = new Consumer(name, consumer.seenTime);
      consumers.set(consumer, twin);
      copy.consumers.set(name, twin);
    }
    for (const entry of this.pending.from({ ms: 0n, seq: 0n })) {
      const owner = entry.consumer === null ? null : consumers.get(entry.consumer)!;
      const twin: PendingEntry = { ...entry, consumer: owner };
      copy.pending.add(twin);
      owner?.pending.add(twin);
    }
    return copy;
  }
}
