/**
 * One logical database: keys, their values, and their expirations.
 *
 * Keys are Latin-1 strings holding the key's raw bytes one character per
 * byte, so any binary key works and compares exactly. Values are Buffers
 * the keyspace owns (copied from the request, never views of a socket
 * chunk). Expiration is mini-redis's: checked lazily on every access, and
 * purged actively by the `Db`'s background task, which this keyspace tells
 * about new deadlines through a min-heap.
 *
 * WATCH: a key can have watchers (`watch`), and every change to it through
 * this class (set, new deadline, delete, expiry, flush) marks them touched,
 * as Redis's `signalModifiedKey` does, so a transaction watching it aborts.
 * A command that changes an entry's value in place calls `touch` itself.
 * The same signal tells key tracking (tracking.ts) while any connection
 * tracks; a flush is told to it by FLUSHDB and FLUSHALL.
 *
 * Keyspace notifications (keyspace-events.ts): commands send theirs through
 * `notify`; this class sends `new` when it creates a key and `expired`
 * when it deletes one whose deadline passed, lazily or in the purge.
 *
 * maxmemory (key-eviction.ts): while a limit is set, the keyspace keeps
 * the total of its keys' sizes (`countedBytes`), each measured again after
 * it changes, and tells the server's count (memory-accounting.ts) that it
 * changed; under an LFU policy it keeps each key's access counter (lfu.ts).
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { DEFAULT_ENCODING_LIMITS, type EncodingLimits } from './encoding-limits.js';
import { CommandError, Replies } from './errors.js';
import { Hash } from './hash.js';
import { OrderedMap } from './internal/ordered-map.js';
import { KeyspaceEvents, NOTIFY_EXPIRED, NOTIFY_KEY_MISS, NOTIFY_NEW } from './keyspace-events.js';
import { accessedFrequency, LFU_INIT_VAL, type LfuSettings } from './lfu.js';
import { List } from './list.js';
import { MemberSet } from './member-set.js';
import type { MemoryAccounting } from './memory-accounting.js';
import { SortedSet } from './sorted-set.js';
import { KeyspaceCounters } from './stats.js';
import { Stream } from './stream.js';
import type { Tracking } from './tracking.js';

/**
 * How Redis would hold a value, for OBJECT ENCODING and REFCOUNT
 * (internal/object-encoding.ts): `auto` as SET stores the bytes it is
 * given (an integer, else a short or a long string), `string` as a
 * computed string (INCRBYFLOAT's: short or long by its length), `raw`
 * after a change in place (APPEND, SETRANGE, SETBIT, BITFIELD, BITOP), and
 * `int` an integer copied by COPY (never shared).
 */
export type Encoding = 'auto' | 'string' | 'raw' | 'int';

/**
 * A stored value and its deadline (milliseconds since the epoch; 0 for
 * none). The value is a string (a Buffer), a hash (hash.ts), a set
 * (member-set.ts), a list (list.ts), a sorted set (sorted-set.ts) or a
 * stream (stream.ts).
 */
export interface Entry {
  value: Value;
  expiresAt: number;
  encoding: Encoding;
  /** When a command last looked the key up (OBJECT IDLETIME), in ms. */
  accessedAt: number;
  /** The LFU access counter (lfu.ts; OBJECT FREQ), kept while an LFU policy is set. */
  frequency: number;
  /** Its size as maxmemory last measured it (`Keyspace#countedBytes`). */
  countedBytes: number;
  // Insertion number: SCAN's cursor. Map order is insertion order, so seq
  // grows along it; overwriting a key keeps both its place and its seq.
  // The ordered map negates it when the key is deleted (ordered-map.ts).
  seq: number;
}

/** A key's value: a string, a hash, a set, a list, a sorted set or a stream. */
export type Value = Buffer | Hash | MemberSet | List | SortedSet | Stream;

/** What TYPE answers for a value. */
export function typeOf(value: Value): 'string' | 'hash' | 'set' | 'list' | 'zset' | 'stream' {
  if (value instanceof Uint8Array) return 'string';
  if (value instanceof Hash) return 'hash';
  if (value instanceof MemberSet) return 'set';
  if (value instanceof List) return 'list';
  return value instanceof SortedSet ? 'zset' : 'stream';
}

/** An entry holding a string. */
export type StringEntry = Omit<Entry, 'value'> & { value: Buffer };

/** An entry holding a hash. */
export type HashEntry = Omit<Entry, 'value'> & { value: Hash };

/** An entry holding a set. */
export type SetEntry = Omit<Entry, 'value'> & { value: MemberSet };

/** An entry holding a list. */
export type ListEntry = Omit<Entry, 'value'> & { value: List };

/** An entry holding a sorted set. */
export type ZsetEntry = Omit<Entry, 'value'> & { value: SortedSet };

/** An entry holding a stream. */
export type StreamEntryOf = Omit<Entry, 'value'> & { value: Stream };

/** A session's WATCH state as a keyspace sees it: set when a watched key changes. */
export interface KeyWatcher {
  touched: boolean;
}

interface Deadline {
  at: number;
  key: string;
}

export class Keyspace {
  /** The database's number (SELECT's): notifications name it. */
  readonly index: number;
  /** The server's encoding limits, for the hashes, sets and sorted sets created here. */
  readonly limits: Readonly<EncodingLimits>;
  readonly #events: KeyspaceEvents;
  // INFO's keyspace_hits, keyspace_misses and expired_keys, shared by the databases.
  readonly #counters: KeyspaceCounters;
  // The entries, with SCAN's cursors and RANDOMKEY's picks (ordered-map.ts).
  #ordered = new OrderedMap<Entry>();
  #entries = this.#ordered.items;
  // Every deadline set, earliest first; stale ones (the key changed) are
  // skipped when popped, so setting a deadline is O(log n) and never a search.
  #deadlines: Deadline[] = [];
  #expiring = 0;
  // WATCH: the watchers of each watched key; null while no key is watched,
  // which is almost always, so a change pays one null check (measured:
  // SET, where a Map size check cost a few percent).
  #watchers: Map<string, Set<KeyWatcher>> | null = null;
  // Client-side caching's table, shared by every keyspace; null for a
  // keyspace on its own (tests). Told of changes only while enabled.
  readonly #tracking: Tracking | null;
  /** Called when a deadline earlier than every other is set, to wake the purge task. */
  onEarlierDeadline: () => void = () => {};
  /**
   * Called when a list, a sorted set or a stream is stored at a key, and
   * when XADD adds to a stream (or XGROUP DESTROY drops a group), for the
   * commands blocked on it (blocked-pops.ts).
   */
  onPoppableStored: (key: string) => void = () => {};
  /** Called when every key is about to go (FLUSHDB, FLUSHALL), for the same. */
  onCleared: () => void = () => {};
  /**
   * The LFU settings while an LFU maxmemory policy is set: a lookup then
   * updates the key's access counter (lfu.ts). Null otherwise, so a
   * lookup pays one null check.
   */
  lfu: LfuSettings | null = null;
  // maxmemory's count (memory-accounting.ts), off (null) while no limit
  // is set. Each entry carries the size last measured for it, and
  // #countedBytes is their sum; a key changed since waits to be measured
  // again when the count is next read (before the next command), so a key
  // changed many times between two reads is measured once. The first such
  // key waits in #resizedFirst, the others in #resized: most commands
  // change one key, and a field costs less than a Set's add, walk and
  // clear (measured: INCR with a limit set). #unsettled: this keyspace is
  // on the accounting's changed list; #settledCount: its part of the
  // accounting's total as last settled.
  #accounting: MemoryAccounting | null = null;
  #resizedFirst: string | null = null;
  #resized = new Set<string>();
  #countedBytes = 0;
  #unsettled = false;
  #settledCount = 0;
  // The slots Redis's main and expires tables would have now (tableBytes).
  #mainSlots = 0;
  #expiresSlots = 0;

  /**
   * @param index the database's number.
   * @param events the server's notification settings (none by default).
   * @param tracking the server's key tracking (none by default).
   * @param limits the server's encoding limits (Redis's defaults by default).
   */
  constructor(
    index = 0,
    events = new KeyspaceEvents(null),
    tracking: Tracking | null = null,
    counters = new KeyspaceCounters(),
    limits: Readonly<EncodingLimits> = DEFAULT_ENCODING_LIMITS,
  ) {
    this.index = index;
    this.limits = limits;
    this.#events = events;
    this.#tracking = tracking;
    this.#counters = counters;
  }

  // Whether a change must be signalled: a key is watched, or key tracking
  // wants changes. Two field checks on every write.
  get #signalled(): boolean {
    return this.#watchers !== null || this.#tracking?.enabled === true;
  }

  /** Sends keyspace notification `event` (class `type`) about `key`, when that class is on. */
  notify(type: number, event: string, key: string): void {
    if ((this.#events.flags & type) !== 0) this.#events.notify(type, event, key, this.index);
  }

  /**
   * A read's lookup (Redis's lookupKeyRead): `get`, plus the `keymiss`
   * notification when there is no such key. Write commands use `get`.
   */
  read(key: string, now = Date.now(), touch = true): Entry | undefined {
    const entry = this.get(key, now, touch);
    if (entry !== undefined) this.#counters.hits++;
    else this.keyMiss(key);
    return entry;
  }

  /**
   * `read` for a string command: the key's entry, or WRONGTYPE (a
   * `CommandError`) when it holds another type.
   */
  readString(key: string, now: number, touch = true): StringEntry | undefined {
    const entry = this.read(key, now, touch);
    if (entry !== undefined && !(entry.value instanceof Uint8Array))
      throw new CommandError(Replies.wrongType);
    return entry as StringEntry | undefined;
  }

  /** `get` for a string command: WRONGTYPE when the key holds another type. */
  getString(key: string, now: number): StringEntry | undefined {
    const entry = this.get(key, now);
    if (entry !== undefined && !(entry.value instanceof Uint8Array))
      throw new CommandError(Replies.wrongType);
    return entry as StringEntry | undefined;
  }

  /** `read` for a hash command: WRONGTYPE when the key holds another type. */
  readHash(key: string, now: number): HashEntry | undefined {
    const entry = this.read(key, now);
    if (entry !== undefined && !(entry.value instanceof Hash))
      throw new CommandError(Replies.wrongType);
    return entry as HashEntry | undefined;
  }

  /** `get` for a hash command: WRONGTYPE when the key holds another type. */
  getHash(key: string, now: number): HashEntry | undefined {
    const entry = this.get(key, now);
    if (entry !== undefined && !(entry.value instanceof Hash))
      throw new CommandError(Replies.wrongType);
    return entry as HashEntry | undefined;
  }

  /** `read` for a set command: WRONGTYPE when the key holds another type. */
  readSet(key: string, now: number): SetEntry | undefined {
    const entry = this.read(key, now);
    if (entry !== undefined && !(entry.value instanceof MemberSet))
      throw new CommandError(Replies.wrongType);
    return entry as SetEntry | undefined;
  }

  /** `get` for a set command: WRONGTYPE when the key holds another type. */
  getSet(key: string, now: number): SetEntry | undefined {
    const entry = this.get(key, now);
    if (entry !== undefined && !(entry.value instanceof MemberSet))
      throw new CommandError(Replies.wrongType);
    return entry as SetEntry | undefined;
  }

  /**
   * The hash at `key` for a command that adds to it, created empty (with
   * its `new` notification) when absent; WRONGTYPE when the key holds
   * another type. The caller adds at least one field, so no empty hash
   * is left behind.
   */
  hashForWrite(key: string, now: number): Hash {
    const entry = this.get(key, now);
    if (entry === undefined) {
      const hash = new Hash(this.limits);
      this.set(key, hash, now);
      return hash;
    }
    if (!(entry.value instanceof Hash)) throw new CommandError(Replies.wrongType);
    entry.accessedAt = now;
    return entry.value;
  }

  /** `read` for a list command: WRONGTYPE when the key holds another type. */
  readList(key: string, now: number): ListEntry | undefined {
    const entry = this.read(key, now);
    if (entry !== undefined && !(entry.value instanceof List))
      throw new CommandError(Replies.wrongType);
    return entry as ListEntry | undefined;
  }

  /** `get` for a list command: WRONGTYPE when the key holds another type. */
  getList(key: string, now: number): ListEntry | undefined {
    const entry = this.get(key, now);
    if (entry !== undefined && !(entry.value instanceof List))
      throw new CommandError(Replies.wrongType);
    return entry as ListEntry | undefined;
  }

  /**
   * The list at `key` for a command that pushes to it, created empty (with
   * its `new` notification) when absent; WRONGTYPE when the key holds
   * another type. The caller pushes at least one element.
   */
  listForWrite(key: string, now: number): List {
    const entry = this.get(key, now);
    if (entry === undefined) {
      const list = new List(this.limits['list-max-listpack-size']);
      this.set(key, list, now);
      return list;
    }
    if (!(entry.value instanceof List)) throw new CommandError(Replies.wrongType);
    entry.accessedAt = now;
    return entry.value;
  }

  /**
   * The set at `key` for a command that adds to it, created empty (with
   * its `new` notification) when absent, held as Redis creates it for
   * `first`, its first member; WRONGTYPE when the key holds another type.
   * The caller adds at least one member.
   */
  setForWrite(key: string, now: number, first: string): MemberSet {
    const entry = this.get(key, now);
    if (entry === undefined) {
      const set = new MemberSet(this.limits, first);
      this.set(key, set, now);
      return set;
    }
    if (!(entry.value instanceof MemberSet)) throw new CommandError(Replies.wrongType);
    entry.accessedAt = now;
    return entry.value;
  }

  /** `read` for a sorted-set command: WRONGTYPE when the key holds another type. */
  readZset(key: string, now: number): ZsetEntry | undefined {
    const entry = this.read(key, now);
    if (entry !== undefined && !(entry.value instanceof SortedSet))
      throw new CommandError(Replies.wrongType);
    return entry as ZsetEntry | undefined;
  }

  /** `get` for a sorted-set command: WRONGTYPE when the key holds another type. */
  getZset(key: string, now: number): ZsetEntry | undefined {
    const entry = this.get(key, now);
    if (entry !== undefined && !(entry.value instanceof SortedSet))
      throw new CommandError(Replies.wrongType);
    return entry as ZsetEntry | undefined;
  }

  /**
   * The sorted set at `key` for a command that adds to it, created empty
   * (with its `new` notification) when absent: a listpack unless `first`,
   * the first member the command names, is too long for one, as Redis
   * 7.0's ZADD decides. WRONGTYPE when the key holds another type. The
   * caller adds at least one member, or deletes the key again.
   */
  zsetForWrite(key: string, now: number, first: string): SortedSet {
    const entry = this.get(key, now);
    if (entry === undefined) {
      const zset = new SortedSet(
        this.limits,
        first.length <= this.limits['zset-max-listpack-value'],
      );
      this.set(key, zset, now);
      return zset;
    }
    if (!(entry.value instanceof SortedSet)) throw new CommandError(Replies.wrongType);
    entry.accessedAt = now;
    return entry.value;
  }

  /** `read` for a stream command: WRONGTYPE when the key holds another type. */
  readStream(key: string, now: number): StreamEntryOf | undefined {
    const entry = this.read(key, now);
    if (entry !== undefined && !(entry.value instanceof Stream))
      throw new CommandError(Replies.wrongType);
    return entry as StreamEntryOf | undefined;
  }

  /** `get` for a stream command: WRONGTYPE when the key holds another type. */
  getStream(key: string, now: number): StreamEntryOf | undefined {
    const entry = this.get(key, now);
    if (entry !== undefined && !(entry.value instanceof Stream))
      throw new CommandError(Replies.wrongType);
    return entry as StreamEntryOf | undefined;
  }

  /**
   * A read found no `key`: INFO's keyspace_misses, and the `keymiss`
   * notification. For a command that looks its key up as a write but
   * counts it as Redis's lookupKeyRead does.
   */
  keyMiss(key: string): void {
    this.#counters.misses++;
    if ((this.#events.flags & NOTIFY_KEY_MISS) !== 0)
      this.#events.notify(NOTIFY_KEY_MISS, 'keymiss', key, this.index);
  }

  /**
   * Counts a lookup in INFO's keyspace_hits or keyspace_misses without
   * notifying a miss: OBJECT's, which Redis makes with LOOKUP_NONOTIFY,
   * and the ones Redis makes where a command borrows another's code.
   */
  countLookup(found: boolean): void {
    if (found) this.#counters.hits++;
    else this.#counters.misses++;
  }

  /**
   * The entry of `key` as stored, even past its deadline, with no access
   * recorded and nothing counted: for DEBUG, which sees logically expired
   * keys as Redis's dictFind does.
   */
  peek(key: string): Entry | undefined {
    return this.#entries.get(key);
  }

  /** Every key and entry as stored (expired ones not yet purged included), for DEBUG DIGEST. */
  storedEntries(): IterableIterator<[string, Entry]> {
    return this.#entries.entries();
  }

  /** Live keys (expired ones not yet purged are counted until touched). */
  get size(): number {
    return this.#entries.size;
  }

  /** Keys with a deadline. */
  get expiringCount(): number {
    return this.#expiring;
  }

  /**
   * The entry for `key`, or undefined when absent or expired (then it is
   * deleted). A lookup counts as an access for OBJECT IDLETIME unless
   * `touch` is false (Redis's LOOKUP_NOTOUCH: TYPE, TTL, EXISTS, OBJECT).
   */
  get(key: string, now = Date.now(), touch = true): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== 0 && entry.expiresAt <= now) {
      this.#expire(key);
      return undefined;
    }
    if (touch) {
      // Before the access time moves: the counter decays from the last one.
      if (this.lfu !== null) entry.frequency = accessedFrequency(entry, now, this.lfu);
      entry.accessedAt = now;
    }
    return entry;
  }

  /**
   * Stores `value` with deadline `expiresAt` (0: none), replacing any
   * entry: a new value, as Redis stores a new object, held as `encoding`
   * says and accessed at `now` (the command's clock: reading Date.now()
   * here cost SET and MSET measurably). `signal: false` leaves watchers
   * untouched, for the one command Redis creates a key without signalling
   * (BITFIELD whose every write failed under OVERFLOW FAIL).
   */
  set(
    key: string,
    value: Value,
    now: number,
    expiresAt = 0,
    encoding: Encoding = 'auto',
    signal = true,
  ): void {
    if (signal && this.#signalled) this.touch(key);
    else if (this.#accounting !== null) this.#countChanged(key);
    let old = this.#entries.get(key);
    // Expired but not yet purged: it expires now, and this creates the key
    // anew (Redis's lookup before the write does the same).
    if (old !== undefined && old.expiresAt !== 0 && old.expiresAt <= now) {
      this.#expire(key);
      old = undefined;
    }
    if (old !== undefined) {
      if (old.value instanceof Stream && !(value instanceof Stream)) this.onPoppableStored(key);
      // Overwriting keeps the entry (its place and seq): no new object and
      // no second map write (measured: SET and MSET on existing keys). Its
      // LFU counter stays, as Redis's dbSetValue keeps it.
      if (old.expiresAt !== 0) this.#expiring--;
      old.value = value;
      old.expiresAt = expiresAt;
      old.encoding = encoding;
      old.accessedAt = now;
    } else {
      const seq = this.#ordered.nextSeq();
      this.#ordered.insert(key, {
        value,
        expiresAt,
        seq,
        encoding,
        accessedAt: now,
        frequency: LFU_INIT_VAL,
        countedBytes: 0,
      });
      this.notify(NOTIFY_NEW, 'new', key);
    }
    if (expiresAt !== 0) this.#addDeadline(key, expiresAt);
    // Strings first: on SET's path this is one prototype step, not five.
    if (
      !(value instanceof Uint8Array) &&
      (value instanceof List || value instanceof SortedSet || value instanceof Stream)
    )
      this.onPoppableStored(key);
  }

  /** Changes the deadline of an existing key (0 removes it). */
  setExpiry(key: string, entry: Entry, expiresAt: number): void {
    if (this.#signalled) this.touch(key);
    // The expires table grows or shrinks.
    else if (this.#accounting !== null) this.#countChanged(null);
    if (entry.expiresAt !== 0) this.#expiring--;
    entry.expiresAt = expiresAt;
    if (expiresAt !== 0) this.#addDeadline(key, expiresAt);
  }

  delete(key: string): boolean {
    return this.#delete(key, true);
  }

  // `byCommand` is false for an expiry (see #signal).
  #delete(key: string, byCommand: boolean): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    if (this.#signalled) this.#signal(key, byCommand);
    if (entry.expiresAt !== 0) this.#expiring--;
    if (this.#accounting !== null) {
      this.#countedBytes -= entry.countedBytes;
      // Still waiting to be measured, it is skipped: it has no entry.
      this.#countChanged(null);
    }
    this.#ordered.delete(key);
    // XREADGROUP blocked on a deleted stream is told (Redis 7.0's
    // signalDeletedKeyAsReady).
    if (entry.value instanceof Stream) this.onPoppableStored(key);
    return true;
  }

  /** True when `key` exists and has not expired. */
  has(key: string, now = Date.now()): boolean {
    return this.get(key, now) !== undefined;
  }

  /** Every live key, in insertion order. */
  *keys(now = Date.now()): IterableIterator<string> {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt === 0 || entry.expiresAt > now) yield key;
    }
  }

  /**
   * SCAN: up to `count` keys from cursor `cursor` on, in insertion order,
   * and the cursor to continue from (0 when done). A key present for the
   * whole scan is returned exactly once. Keys whose deadline passed but
   * that are not deleted yet are returned too: SCAN deletes those its
   * filters keep, as Redis does (through `get`).
   */
  scan(cursor: number, count: number): { keys: string[]; cursor: number } {
    const { items, cursor: next } = this.#ordered.scan(cursor, count, keepAll);
    return { keys: items, cursor: next };
  }

  /** A uniformly chosen live key, or undefined when empty. */
  randomKey(now = Date.now()): string | undefined {
    // Expired keys found on the way are deleted and another is drawn; a
    // bounded number of tries, as Redis's dbRandomKey.
    for (let attempt = 0; attempt < 100; attempt++) {
      const key = this.#ordered.randomKey();
      if (key === undefined) return undefined;
      // Not an access for OBJECT IDLETIME: Redis's dbRandomKey looks no key up.
      if (this.get(key, now, false) !== undefined) return key;
    }
    return undefined;
  }

  /**
   * Empties the keyspace (FLUSHDB). Watchers of keys that existed are
   * touched; a watched key that did not exist is not changed by a flush.
   */
  clear(): void {
    // Blocked group readers learn their streams are gone (FLUSHDB, FLUSHALL).
    this.onCleared();
    if (this.#watchers !== null)
      for (const key of this.#watchers.keys()) if (this.#entries.has(key)) this.#touchWatchers(key);
    this.#ordered.clear();
    this.#deadlines.length = 0;
    this.#expiring = 0;
    this.#countedBytes = 0;
    this.#resizedFirst = null;
    this.#resized.clear();
    this.#mainSlots = 0;
    this.#expiresSlots = 0;
    if (this.#accounting !== null) this.#countChanged(null);
  }

  /**
   * SWAPDB: exchanges every key, value and deadline with `other`. Watchers
   * stay with their keyspace, as in Redis (a session watches a key of a
   * database number); the watchers of a key that exists on either side are
   * touched, since what they see under that name changes.
   */
  swapContents(other: Keyspace): void {
    if (other === this) return;
    this.#touchSwapped(other);
    other.#touchSwapped(this);
    this.#ordered.swap(other.#ordered);
    this.#entries = this.#ordered.items;
    other.#entries = other.#ordered.items;
    [this.#deadlines, other.#deadlines] = [other.#deadlines, this.#deadlines];
    [this.#expiring, other.#expiring] = [other.#expiring, this.#expiring];
    [this.#countedBytes, other.#countedBytes] = [other.#countedBytes, this.#countedBytes];
    [this.#mainSlots, other.#mainSlots] = [other.#mainSlots, this.#mainSlots];
    [this.#expiresSlots, other.#expiresSlots] = [other.#expiresSlots, this.#expiresSlots];
    [this.#resizedFirst, other.#resizedFirst] = [other.#resizedFirst, this.#resizedFirst];
    [this.#resized, other.#resized] = [other.#resized, this.#resized];
    // Each side's part of the count stays to be settled from what it holds now.
    if (this.#accounting !== null) this.#countChanged(null);
    if (other.#accounting !== null) other.#countChanged(null);
  }

  // Before a swap: touches this keyspace's watched keys that exist here or in `other`.
  #touchSwapped(other: Keyspace): void {
    if (this.#watchers === null) return;
    for (const key of this.#watchers.keys())
      if (this.#entries.has(key) || other.#entries.has(key)) this.#touchWatchers(key);
  }

  /** How many keys have watchers (INFO's total_watched_keys). */
  get watchedKeyCount(): number {
    return this.#watchers?.size ?? 0;
  }

  /** Adds `watcher` to `key`'s watchers (WATCH). */
  watch(key: string, watcher: KeyWatcher): void {
    this.#watchers ??= new Map();
    let watchers = this.#watchers.get(key);
    if (watchers === undefined) {
      watchers = new Set();
      this.#watchers.set(key, watchers);
    }
    watchers.add(watcher);
  }

  /** Removes `watcher` from `key`'s watchers (UNWATCH, EXEC, a closed connection). */
  unwatch(key: string, watcher: KeyWatcher): void {
    const all = this.#watchers;
    if (all === null) return;
    const watchers = all.get(key);
    if (watchers === undefined) return;
    watchers.delete(watcher);
    if (watchers.size === 0) all.delete(key);
    if (all.size === 0) this.#watchers = null;
  }

  /**
   * Signals that `key` changed (Redis's signalModifiedKey): its watchers
   * are touched, and key tracking told. For commands that change an
   * entry's value in place; this class calls it for the rest.
   */
  touch(key: string): void {
    if (this.#accounting !== null) this.#countChanged(key);
    this.#signal(key, true);
  }

  /**
   * Tells maxmemory's accounting that `key`'s value changed size without
   * a change WATCH or tracking see (a stream's consumer groups and pending
   * entries, which Redis does not signal either).
   */
  resized(key: string): void {
    if (this.#accounting !== null) this.#countChanged(key);
  }

  // For the count: `key` (null: none, a key deleted or a deadline moved)
  // is measured again, and this keyspace settled, at the next read.
  #countChanged(key: string | null): void {
    if (key !== null) {
      const first = this.#resizedFirst;
      if (first === null) this.#resizedFirst = key;
      else if (first !== key) this.#resized.add(key);
    }
    if (!this.#unsettled) {
      this.#unsettled = true;
      this.#accounting!.changed.push(this);
    }
  }

  /**
   * Starts maxmemory's count in `accounting` (shared by the server's
   * keyspaces), measuring every key at its next read, or stops it (null).
   */
  countWith(accounting: MemoryAccounting | null): void {
    this.#accounting = accounting;
    this.#resizedFirst = null;
    this.#resized.clear();
    this.#countedBytes = 0;
    this.#settledCount = 0;
    this.#unsettled = false;
    if (accounting === null) return;
    for (const [key, entry] of this.#entries) {
      entry.countedBytes = accounting.measure(key, entry);
      this.#countedBytes += entry.countedBytes;
    }
    this.#countChanged(null);
  }

  /**
   * The total of the keys' sizes as maxmemory counts them, the changed
   * ones measured again first; 0 while the count is off.
   */
  get countedBytes(): number {
    const accounting = this.#accounting;
    const first = this.#resizedFirst;
    if (accounting !== null && first !== null) {
      this.#resizedFirst = null;
      this.#measureAgain(first, accounting);
      if (this.#resized.size > 0) {
        for (const key of this.#resized) this.#measureAgain(key, accounting);
        this.#resized.clear();
      }
    }
    return this.#countedBytes;
  }

  // Measures a changed key again (none: it was deleted since).
  #measureAgain(key: string, accounting: MemoryAccounting): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    const bytes = accounting.measure(key, entry);
    this.#countedBytes += bytes - entry.countedBytes;
    entry.countedBytes = bytes;
  }

  /**
   * For MemoryAccounting#total: measures the changed keys and the tables,
   * and returns how far this keyspace's count moved since it was last
   * settled. An empty keyspace counts nothing (and its tables are let go).
   */
  settleCount(): number {
    this.#unsettled = false;
    const count =
      this.#entries.size === 0 ? this.tableBytes() : this.countedBytes + this.tableBytes();
    const moved = count - this.#settledCount;
    this.#settledCount = count;
    return moved;
  }

  /**
   * What Redis's tables for these keys would take, as maxmemory counts
   * them: 8 bytes a slot of the main table and of the expires table, and
   * 24 an entry of the latter (the main table's entries are in each key's
   * size). A table's slots follow Redis's dict: doubled past full, and
   * halved down only once under a tenth full (its cron's resize), so
   * that a keyspace at a power of two does not lose and gain a table's
   * worth of bytes with every key.
   */
  tableBytes(): number {
    this.#mainSlots = resizedTable(this.#mainSlots, this.#entries.size);
    this.#expiresSlots = resizedTable(this.#expiresSlots, this.#expiring);
    return 8 * (this.#mainSlots + this.#expiresSlots) + 24 * this.#expiring;
  }

  /**
   * Up to `count` keys drawn at random for eviction (Redis's
   * dictGetSomeKeys), from every key, or, when `volatile`, from those
   * with a deadline. A key may come twice; expired keys not yet purged
   * may come too, as in Redis.
   */
  sampleKeys(count: number, volatile: boolean): Array<[string, Entry]> {
    const sample: Array<[string, Entry]> = [];
    if (!volatile) {
      for (let i = 0; i < count && this.#entries.size > 0; i++)
        sample.push(this.#ordered.randomItem()!);
      return sample;
    }
    // The deadline heap holds every live deadline, and stale ones (keys
    // whose deadline moved or went). Dropped first when they are half of
    // it, so that a draw finds a live one at least every other time;
    // draws that find a stale one are tried again, a bounded number of
    // times (the evictor samples again when it found nothing).
    if (this.#deadlines.length > 2 * this.#expiring) this.#dropStaleDeadlines();
    const heap = this.#deadlines;
    for (let tries = 0; sample.length < count && tries < count * 4 && this.#expiring > 0; tries++) {
      const { key, at } = heap[Math.floor(Math.random() * heap.length)]!;
      const entry = this.#entries.get(key);
      if (entry !== undefined && entry.expiresAt === at) sample.push([key, entry]);
    }
    return sample;
  }

  // `byCommand` is false for an expiry (tracking's NOLOOP in BCAST).
  #signal(key: string, byCommand: boolean): void {
    if (this.#watchers !== null) this.#touchWatchers(key);
    const tracking = this.#tracking;
    if (tracking?.enabled === true) tracking.keyModified(key, byCommand);
  }

  // Not tracking's: a flush tells it apart, and SWAPDB does not, as in Redis 7.0.
  #touchWatchers(key: string): void {
    const watchers = this.#watchers?.get(key);
    if (watchers === undefined) return;
    for (const watcher of watchers) watcher.touched = true;
  }

  /**
   * Whether `key` is in the keyspace with a deadline that has passed (not
   * yet deleted): EXEC aborts when a watched key has expired meanwhile.
   */
  hasExpired(key: string, now: number): boolean {
    const entry = this.#entries.get(key);
    return entry !== undefined && entry.expiresAt !== 0 && entry.expiresAt <= now;
  }

  /**
   * Deletes every key whose deadline has passed; returns the next deadline,
   * or undefined when none is set.
   */
  purgeExpired(now = Date.now()): number | undefined {
    const heap = this.#deadlines;
    while (heap.length > 0) {
      const { key, at } = heap[0]!;
      const entry = this.#entries.get(key);
      const stale = entry === undefined || entry.expiresAt !== at;
      // Stop at the first deadline that is live and still ahead.
      if (!stale && at > now) return at;
      this.#popDeadline();
      if (!stale) this.#expire(key);
    }
    return undefined;
  }

  // Deletes a key whose deadline passed, with its `expired` notification.
  #expire(key: string): void {
    this.#counters.expired++;
    this.#delete(key, false);
    this.notify(NOTIFY_EXPIRED, 'expired', key);
  }

  #addDeadline(key: string, at: number): void {
    this.#expiring++;
    // Stale deadlines (keys whose deadline moved) wait in the heap until
    // their time; a key re-expired in a loop would pile them up, so rebuild
    // once they outnumber the live ones.
    if (this.#deadlines.length > 2 * this.#expiring + 1024) this.#rebuildDeadlines();
    const heap = this.#deadlines;
    const earliest = heap.length === 0 || at < heap[0]!.at;
    heap.push({ at, key });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
    if (earliest) this.onEarlierDeadline();
  }

  #rebuildDeadlines(): void {
    const live: Deadline[] = [];
    for (const [key, entry] of this.#entries)
      if (entry.expiresAt !== 0) live.push({ at: entry.expiresAt, key });
    live.sort((a, b) => a.at - b.at);
    this.#deadlines.length = 0;
    // A sorted array is a valid min-heap.
    for (const deadline of live) this.#deadlines.push(deadline);
  }

  // Keeps the heap's live deadlines only: O(heap), not O(keys) as a rebuild.
  #dropStaleDeadlines(): void {
    const live = this.#deadlines.filter(({ key, at }) => this.#entries.get(key)?.expiresAt === at);
    live.sort((a, b) => a.at - b.at);
    // A sorted array is a valid min-heap.
    this.#deadlines = live;
  }

  #popDeadline(): Deadline {
    const heap = this.#deadlines;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left]!.at < heap[smallest]!.at) smallest = left;
        if (right < heap.length && heap[right]!.at < heap[smallest]!.at) smallest = right;
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
        i = smallest;
      }
    }
    return top;
  }
}

// A dict's slots for `count` entries, from `slots` now: a power of two, at
// least 4, grown once past full, shrunk to fit once under a tenth full;
// none while empty.
function resizedTable(slots: number, count: number): number {
  if (count === 0) return 0;
  if (count <= slots && (slots <= 4 || count * 10 >= slots)) return slots;
  let fit = 4;
  while (fit < count) fit *= 2;
  return fit;
}

function keepAll(): boolean {
  return true;
}
