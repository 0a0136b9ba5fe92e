/**
 * A key's value as an RDB object (rdb.c's rdbSaveObject and
 * rdbLoadObject), for DUMP and RESTORE. Values are written as Redis 7.0
 * writes them, with the encoding Redis would hold them in: a string; a
 * list as a quicklist of listpack nodes; a set as an intset or a plain
 * set; a sorted set as a listpack or a skip list (from the highest
 * score down); a hash as a listpack or a plain hash; a stream as its
 * listpack nodes, its IDs and counters, and its consumer groups. Redis's
 * payload of a small hash, sorted set, intset, list or stream comes out
 * byte for byte; a large hash or set holds its own order here.
 *
 * Reading takes every object type Redis 7.0 writes, and those of Redis 6
 * and earlier (ziplists, a quicklist of ziplists, a linked list, a sorted
 * set with its scores as text, the first stream format), but not Redis
 * 2's zipmap or a module's type; the object is then held as Redis would hold it after
 * RESTORE (a small hash as a listpack, and so on). Anything that does not
 * read, is empty, or repeats a member is refused.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { EncodingLimits } from '../encoding-limits.js';
import { Hash } from '../hash.js';
import { toInteger } from '../internal/args.js';
import { quicklistLayout } from '../internal/quicklist.js';
import { d2string } from '../internal/scores.js';
import { compareIds, MIN_ID, type StreamId } from '../internal/stream-ids.js';
import type { Value } from '../keyspace.js';
import { List } from '../list.js';
import { MemberSet } from '../member-set.js';
import { SortedSet } from '../sorted-set.js';
import { Stream } from '../stream.js';
import { Consumer, ConsumerGroup, type PendingEntry } from '../stream-group.js';
import { RdbFormatError, type RdbReader, type RdbWriter } from './format.js';
import { elementBytes, ListpackBuilder, type ListpackElement, readListpack } from './listpack.js';
import { readZiplist } from './ziplist.js';

/** The RDB object types (rdb.h) this server writes or reads. */
const TYPE = {
  string: 0,
  list: 1,
  set: 2,
  zset: 3,
  hash: 4,
  zset2: 5,
  listZiplist: 10,
  setIntset: 11,
  zsetZiplist: 12,
  hashZiplist: 13,
  listQuicklist: 14,
  streamListpacks: 15,
  hashListpack: 16,
  zsetListpack: 17,
  listQuicklist2: 18,
  streamListpacks2: 19,
} as const;

// quicklist.c: a node is a listpack of at most 8 KB (list-max-listpack-size -2).
const QUICKLIST_PLAIN = 1;
const QUICKLIST_PACKED = 2;
// stream.h's entry flags.
const STREAM_DELETED = 1;
const STREAM_SAMEFIELDS = 2;
// A stream's "entries read" when unknown (SCG_INVALID_ENTRIES_READ), as an unsigned 64-bit length.
const UNKNOWN_ENTRIES_READ = 2n ** 64n - 1n;

// ---- Writing ---------------------------------------------------------------

/** Writes `value`'s type and object (rdbSaveObjectType and rdbSaveObject). */
export function writeObject(writer: RdbWriter, value: Value): void {
  if (value instanceof Uint8Array) {
    writer.byte(TYPE.string).string(value);
  } else if (value instanceof List) {
    writeList(writer, value);
  } else if (value instanceof MemberSet) {
    writeSet(writer, value);
  } else if (value instanceof SortedSet) {
    writeSortedSet(writer, value);
  } else if (value instanceof Hash) {
    writeHash(writer, value);
  } else {
    writeStream(writer, value);
  }
}

// A quicklist of listpack nodes, filled as RPUSH fills them.
function writeList(writer: RdbWriter, list: List): void {
  const nodes = quicklistNodes(list);
  writer.byte(TYPE.listQuicklist2).length(nodes.length);
  for (const bytes of nodes) writer.length(QUICKLIST_PACKED).string(bytes);
}

/**
 * `list` as Redis 7.0 holds it (internal/quicklist.ts, under the list's
 * own fill): each quicklist node's listpack bytes.
 */
export function quicklistNodes(list: List): Buffer[] {
  const elements = list.values();
  const nodes: Buffer[] = [];
  let next = 0;
  for (const { count } of quicklistLayout(list)) {
    const node = new ListpackBuilder();
    for (const end = next + count; next < end; next++) node.string(elements[next]!);
    nodes.push(node.finish());
  }
  return nodes;
}

function writeSet(writer: RdbWriter, set: MemberSet): void {
  if (set.encoding === 'hashtable') {
    writer.byte(TYPE.set).length(set.size);
    for (const member of set.members()) writer.string(Buffer.from(member, 'latin1'));
    return;
  }
  // An intset: the narrowest width that holds every member, ascending.
  const values = [...set.members()].map((member) => BigInt(member));
  let width = 2;
  for (const value of values) {
    if (value < -(2n ** 31n) || value >= 2n ** 31n) width = 8;
    else if ((value < -32768n || value > 32767n) && width < 4) width = 4;
  }
  const blob = Buffer.alloc(8 + width * values.length);
  blob.writeUInt32LE(width, 0);
  blob.writeUInt32LE(values.length, 4);
  values.forEach((value, i) => {
    const at = 8 + i * width;
    if (width === 2) blob.writeInt16LE(Number(value), at);
    else if (width === 4) blob.writeInt32LE(Number(value), at);
    else blob.writeBigInt64LE(value, at);
  });
  writer.byte(TYPE.setIntset).string(blob);
}

function writeSortedSet(writer: RdbWriter, zset: SortedSet): void {
  if (zset.encoding === 'listpack') {
    const listpack = new ListpackBuilder();
    for (const node of zset.nodes())
      listpack.string(Buffer.from(node.member, 'latin1')).string(d2string(node.score));
    writer.byte(TYPE.zsetListpack).string(listpack.finish());
    return;
  }
  // From the tail: loading inserts each at the head of the skip list.
  writer.byte(TYPE.zset2).length(zset.size);
  for (let node = zset.last; node !== null; node = node.backward)
    writer.string(Buffer.from(node.member, 'latin1')).double(node.score);
}

function writeHash(writer: RdbWriter, hash: Hash): void {
  if (hash.encoding === 'listpack') {
    const listpack = new ListpackBuilder();
    for (const [field, value] of hash.entries())
      listpack.string(Buffer.from(field, 'latin1')).string(value);
    writer.byte(TYPE.hashListpack).string(listpack.finish());
    return;
  }
  writer.byte(TYPE.hash).length(hash.size);
  for (const [field, value] of hash.entries())
    writer.string(Buffer.from(field, 'latin1')).string(value);
}

// A stream ID as a rax key or a PEL entry: 128 big-endian bits.
function idBytes(id: StreamId): Buffer {
  const out = Buffer.alloc(16);
  out.writeBigUInt64BE(id.ms, 0);
  out.writeBigUInt64BE(id.seq, 8);
  return out;
}

function writeStream(writer: RdbWriter, stream: Stream): void {
  const nodes = stream.nodes();
  writer.byte(TYPE.streamListpacks2).length(nodes.length);
  for (const node of nodes) {
    // The master entry: live count, deleted count, the master fields, 0.
    const listpack = new ListpackBuilder()
      .integer(node.live)
      .integer(node.deleted)
      .integer(node.masterFields.length);
    for (const field of node.masterFields) listpack.string(field);
    listpack.integer(0);
    for (const entry of node.entries) {
      const pairs = entry.fields.length / 2;
      const sameFields =
        node.masterFields.length === pairs &&
        node.masterFields.every((field, i) => field.equals(entry.fields[i * 2]!));
      listpack
        .integer((sameFields ? STREAM_SAMEFIELDS : 0) | (entry.deleted ? STREAM_DELETED : 0))
        .integer(BigInt.asIntN(64, entry.id.ms - node.master.ms))
        .integer(BigInt.asIntN(64, entry.id.seq - node.master.seq));
      if (!sameFields) {
        listpack.integer(pairs);
        for (let i = 0; i < entry.fields.length; i += 2) listpack.string(entry.fields[i]!);
      }
      for (let i = 1; i < entry.fields.length; i += 2) listpack.string(entry.fields[i]!);
      listpack.integer(pairs + 3 + (sameFields ? 0 : pairs + 1));
    }
    writer.string(idBytes(node.master)).string(listpack.finish());
  }
  const first = stream.first()?.id ?? MIN_ID;
  writer
    .length(stream.length)
    .length(stream.lastId.ms)
    .length(stream.lastId.seq)
    .length(first.ms)
    .length(first.seq)
    .length(stream.maxDeletedId.ms)
    .length(stream.maxDeletedId.seq)
    .length(stream.entriesAdded);
  const groups = [...stream.groups].sort(([a], [b]) => byteOrder(a, b));
  writer.length(groups.length);
  for (const [name, group] of groups) {
    writer
      .string(Buffer.from(name, 'latin1'))
      .length(group.lastId.ms)
      .length(group.lastId.seq)
      .length(group.entriesRead < 0 ? UNKNOWN_ENTRIES_READ : group.entriesRead);
    const pending = [...group.pending.from(MIN_ID)];
    writer.length(pending.length);
    for (const entry of pending)
      writer.raw(idBytes(entry.id)).milliseconds(entry.deliveryTime).length(entry.deliveryCount);
    const consumers = group.sortedConsumers();
    writer.length(consumers.length);
    for (const consumer of consumers) {
      const owned = [...consumer.pending.from(MIN_ID)];
      writer
        .string(Buffer.from(consumer.name, 'latin1'))
        .milliseconds(consumer.seenTime)
        .length(owned.length);
      for (const entry of owned) writer.raw(idBytes(entry.id));
    }
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- Reading ---------------------------------------------------------------

/**
 * Reads a type (unless the caller read it: `type`) and an object
 * (rdbLoadObjectType and rdbLoadObject). A hash, set or sorted set is held
 * as Redis would load it under the server's encoding `limits`.
 * @throws RdbFormatError for anything that does not read, an empty value,
 *   or a repeated member.
 */
export function readObject(
  reader: RdbReader,
  limits: Readonly<EncodingLimits>,
  type = reader.byte(),
): Value {
  switch (type) {
    case TYPE.string:
      return reader.string();
    case TYPE.list:
      return readLinkedList(reader, limits);
    case TYPE.listQuicklist2:
      return readQuicklist(reader, limits);
    case TYPE.listQuicklist:
      return readZiplistQuicklist(reader, limits);
    case TYPE.listZiplist: {
      const list = new List(limits['list-max-listpack-size']);
      for (const element of readZiplist(reader.string())) list.push(elementBytes(element), false);
      nonEmpty(list.length);
      return list;
    }
    case TYPE.set:
      return readSet(reader, limits);
    case TYPE.setIntset:
      return readIntset(reader.string(), limits);
    case TYPE.zset:
    case TYPE.zset2:
      return readSortedSet(reader, type === TYPE.zset2, limits);
    case TYPE.zsetListpack:
      return sortedSetOf(readListpack(reader.string()), limits);
    case TYPE.zsetZiplist:
      return sortedSetOf(readZiplist(reader.string()), limits);
    case TYPE.hash:
      return readHash(reader, limits);
    case TYPE.hashListpack:
      return hashOf(readListpack(reader.string()), limits);
    case TYPE.hashZiplist:
      return hashOf(readZiplist(reader.string()), limits);
    case TYPE.streamListpacks:
    case TYPE.streamListpacks2:
      return readStream(reader, type === TYPE.streamListpacks2);
    default:
      throw new RdbFormatError(`object type ${type} is not supported`);
  }
}

function nonEmpty(count: number): number {
  if (count === 0) throw new RdbFormatError('an empty value');
  return count;
}

function readLinkedList(reader: RdbReader, limits: Readonly<EncodingLimits>): List {
  const list = new List(limits['list-max-listpack-size']);
  for (let n = nonEmpty(reader.length()); n > 0; n--) list.push(reader.string(), false);
  return list;
}

function readQuicklist(reader: RdbReader, limits: Readonly<EncodingLimits>): List {
  const list = new List(limits['list-max-listpack-size']);
  for (let n = nonEmpty(reader.length()); n > 0; n--) {
    const container = reader.bigLength();
    const data = reader.string();
    if (container === BigInt(QUICKLIST_PLAIN)) {
      list.push(data, false);
      continue;
    }
    if (container !== BigInt(QUICKLIST_PACKED)) throw new RdbFormatError('unknown list node');
    // Redis skips an empty node silently.
    for (const element of readListpack(data)) list.push(elementBytes(element), false);
  }
  nonEmpty(list.length);
  return list;
}

function readSet(reader: RdbReader, limits: Readonly<EncodingLimits>): MemberSet {
  const set = new MemberSet(limits);
  for (let n = nonEmpty(reader.length()); n > 0; n--) {
    if (!set.add(reader.string().toString('latin1')))
      throw new RdbFormatError('a repeated set member');
  }
  return set;
}

function readIntset(blob: Buffer, limits: Readonly<EncodingLimits>): MemberSet {
  if (blob.length < 8) throw new RdbFormatError('intset too short');
  const width = blob.readUInt32LE(0);
  const count = blob.readUInt32LE(4);
  if ((width !== 2 && width !== 4 && width !== 8) || blob.length !== 8 + width * count)
    throw new RdbFormatError('intset size mismatch');
  const set = new MemberSet(limits);
  let previous: bigint | undefined;
  nonEmpty(count);
  for (let i = 0; i < count; i++) {
    const at = 8 + i * width;
    const value =
      width === 2
        ? BigInt(blob.readInt16LE(at))
        : width === 4
          ? BigInt(blob.readInt32LE(at))
          : blob.readBigInt64LE(at);
    // intsetValidateIntegrity: strictly ascending.
    if (previous !== undefined && value <= previous)
      throw new RdbFormatError('intset out of order');
    previous = value;
    set.add(value.toString());
  }
  return set;
}

// rdbLoadDoubleValue: a length byte, then the number as text (253: nan,
// 254: inf, 255: -inf).
function textDouble(reader: RdbReader): number {
  const length = reader.byte();
  if (length === 253) return Number.NaN;
  if (length === 254) return Number.POSITIVE_INFINITY;
  if (length === 255) return Number.NEGATIVE_INFINITY;
  const value = Number(reader.raw(length).toString('latin1'));
  if (Number.isNaN(value)) throw new RdbFormatError('a score that is not a number');
  return value;
}

function readSortedSet(
  reader: RdbReader,
  binary: boolean,
  limits: Readonly<EncodingLimits>,
): SortedSet {
  const zset = new SortedSet(limits, false);
  for (let n = nonEmpty(reader.length()); n > 0; n--) {
    const member = reader.string().toString('latin1');
    const score = binary ? reader.double() : textDouble(reader);
    if (Number.isNaN(score)) throw new RdbFormatError('a NaN score');
    if (zset.add(member, score) !== 'added') throw new RdbFormatError('a repeated member');
  }
  zset.fitEncoding();
  return zset;
}

// Redis 6's quicklist: its nodes are ziplists.
function readZiplistQuicklist(reader: RdbReader, limits: Readonly<EncodingLimits>): List {
  const list = new List(limits['list-max-listpack-size']);
  for (let n = nonEmpty(reader.length()); n > 0; n--) {
    const elements = readZiplist(reader.string());
    if (elements.length === 0) throw new RdbFormatError('an empty list node');
    for (const element of elements) list.push(elementBytes(element), false);
  }
  return list;
}

// A sorted set from a listpack's or a ziplist's member, score, ... elements.
function sortedSetOf(elements: ListpackElement[], limits: Readonly<EncodingLimits>): SortedSet {
  if (elements.length % 2 !== 0) throw new RdbFormatError('an odd sorted set listpack');
  nonEmpty(elements.length);
  const zset = new SortedSet(limits, true);
  for (let i = 0; i < elements.length; i += 2) {
    const member = elementBytes(elements[i]!).toString('latin1');
    const score = listpackScore(elements[i + 1]!);
    if (zset.add(member, score) !== 'added') throw new RdbFormatError('a repeated member');
  }
  return zset;
}

// A listpack score: an integer, or text as strtod reads it (zzlGetScore).
function listpackScore(element: ListpackElement): number {
  if (typeof element === 'bigint') return Number(element);
  const text = element.toString('latin1');
  const score = text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text);
  if (Number.isNaN(score) || text.trim() !== text || text === '')
    throw new RdbFormatError('a score that is not a number');
  return score;
}

function readHash(reader: RdbReader, limits: Readonly<EncodingLimits>): Hash {
  const hash = new Hash(limits);
  for (let n = nonEmpty(reader.length()); n > 0; n--) {
    const field = reader.string().toString('latin1');
    if (!hash.set(field, reader.string())) throw new RdbFormatError('a repeated hash field');
  }
  return hash;
}

// A hash from a listpack's or a ziplist's field, value, ... elements.
function hashOf(elements: ListpackElement[], limits: Readonly<EncodingLimits>): Hash {
  if (elements.length % 2 !== 0) throw new RdbFormatError('an odd hash listpack');
  nonEmpty(elements.length);
  const hash = new Hash(limits);
  for (let i = 0; i < elements.length; i += 2) {
    const field = elementBytes(elements[i]!).toString('latin1');
    if (!hash.set(field, elementBytes(elements[i + 1]!)))
      throw new RdbFormatError('a repeated hash field');
  }
  return hash;
}

function idOf(bytes: Buffer): StreamId {
  if (bytes.length !== 16) throw new RdbFormatError('a stream ID that is not 16 bytes');
  return { ms: bytes.readBigUInt64BE(0), seq: bytes.readBigUInt64BE(8) };
}

// A listpack integer of a stream node (counts, flags, ID differences).
function integerOf(element: ListpackElement | undefined): bigint {
  if (element === undefined) throw new RdbFormatError('a stream node cut short');
  if (typeof element === 'bigint') return element;
  const value = toInteger(element.toString('latin1'));
  if (value === undefined) throw new RdbFormatError('a stream node field that is not a number');
  return BigInt(value);
}

function readStream(reader: RdbReader, version2: boolean): Stream {
  const nodes: Parameters<typeof Stream.fromNodes>[0][number][] = [];
  let previous: StreamId | undefined;
  for (let n = reader.length(); n > 0; n--) {
    const master = idOf(reader.string());
    const bytes = reader.string();
    const elements = readListpack(bytes);
    // lpFirst(lp) == NULL: an empty node is an error.
    if (elements.length === 0) throw new RdbFormatError('an empty stream node');
    let at = 0;
    const next = () => elements[at++];
    const live = integerOf(next());
    const deleted = integerOf(next());
    const masterCount = Number(integerOf(next()));
    if (masterCount < 0 || masterCount > elements.length)
      throw new RdbFormatError('a stream node cut short');
    const masterFields: Buffer[] = [];
    for (let i = 0; i < masterCount; i++) {
      const field = next();
      if (field === undefined) throw new RdbFormatError('a stream node cut short');
      masterFields.push(elementBytes(field));
    }
    if (integerOf(next()) !== 0n) throw new RdbFormatError('a stream master entry without its end');
    const entries: { id: StreamId; fields: Buffer[]; deleted: boolean }[] = [];
    while (at < elements.length) {
      const flags = integerOf(next());
      const id = {
        ms: BigInt.asUintN(64, master.ms + integerOf(next())),
        seq: BigInt.asUintN(64, master.seq + integerOf(next())),
      };
      const sameFields = (flags & BigInt(STREAM_SAMEFIELDS)) !== 0n;
      const names = sameFields ? masterFields : [];
      if (!sameFields) {
        const count = Number(integerOf(next()));
        if (count < 0 || count > elements.length)
          throw new RdbFormatError('a stream entry cut short');
        for (let i = 0; i < count; i++) {
          const field = next();
          if (field === undefined) throw new RdbFormatError('a stream entry cut short');
          names.push(elementBytes(field));
        }
      }
      const fields: Buffer[] = [];
      for (const name of names) {
        const value = next();
        if (value === undefined) throw new RdbFormatError('a stream entry cut short');
        fields.push(name, elementBytes(value));
      }
      const lpCount = integerOf(next());
      if (lpCount !== BigInt(names.length + 3 + (sameFields ? 0 : names.length + 1)))
        throw new RdbFormatError('a stream entry with a wrong count');
      if (previous !== undefined && compareIds(id, previous) <= 0)
        throw new RdbFormatError('stream IDs out of order');
      previous = id;
      entries.push({ id, fields, deleted: (flags & BigInt(STREAM_DELETED)) !== 0n });
    }
    const liveFound = entries.filter((entry) => !entry.deleted).length;
    if (BigInt(liveFound) !== live || BigInt(entries.length - liveFound) !== deleted)
      throw new RdbFormatError('a stream node whose counts disagree');
    if (entries.length === 0 || compareIds(entries[0]!.id, master) !== 0)
      throw new RdbFormatError('a stream node whose first ID is not its key');
    nodes.push({ master, masterFields, entries, bytes: bytes.length });
  }
  const stream = Stream.fromNodes(nodes);
  if (BigInt(stream.length) !== reader.bigLength())
    throw new RdbFormatError('a stream whose length disagrees');
  stream.lastId = { ms: reader.bigLength(), seq: reader.bigLength() };
  if (previous !== undefined && compareIds(previous, stream.lastId) > 0)
    throw new RdbFormatError('a stream entry past its last ID');
  if (version2) {
    reader.bigLength(); // first ID: the first live entry's, known from the nodes
    reader.bigLength();
    stream.maxDeletedId = { ms: reader.bigLength(), seq: reader.bigLength() };
    stream.entriesAdded = safeCount(reader.bigLength());
  } else {
    // Before 7.0: no counters; Redis assumes every entry there was added.
    stream.entriesAdded = stream.length;
  }
  for (let n = reader.length(); n > 0; n--) {
    const name = reader.string().toString('latin1');
    if (stream.groups.has(name)) throw new RdbFormatError('a repeated consumer group');
    const lastId = { ms: reader.bigLength(), seq: reader.bigLength() };
    const entriesRead = version2 ? reader.bigLength() : UNKNOWN_ENTRIES_READ;
    const group = new ConsumerGroup(
      lastId,
      entriesRead === UNKNOWN_ENTRIES_READ ? -1 : safeCount(entriesRead),
    );
    const unowned = new Map<string, PendingEntry>();
    for (let p = reader.length(); p > 0; p--) {
      const id = idOf(reader.raw(16));
      const entry: PendingEntry = {
        id,
        consumer: null,
        deliveryTime: Number(reader.milliseconds()),
        deliveryCount: safeCount(reader.bigLength()),
      };
      if (group.pending.get(id) !== undefined) throw new RdbFormatError('a repeated pending entry');
      group.pending.add(entry);
      unowned.set(idBytes(id).toString('hex'), entry);
    }
    for (let c = reader.length(); c > 0; c--) {
      const consumerName = reader.string().toString('latin1');
      if (group.consumers.has(consumerName)) throw new RdbFormatError('a repeated consumer');
      const consumer = new Consumer(consumerName, Number(reader.milliseconds()));
      group.consumers.set(consumerName, consumer);
      for (let p = reader.length(); p > 0; p--) {
        const key = idOf(reader.raw(16));
        const entry = unowned.get(idBytes(key).toString('hex'));
        // Every consumer's entry is in the group's list, owned once.
        if (entry === undefined)
          throw new RdbFormatError('a consumer entry not pending in its group');
        unowned.delete(idBytes(key).toString('hex'));
        entry.consumer = consumer;
        consumer.pending.add(entry);
      }
    }
    if (unowned.size !== 0) throw new RdbFormatError('a pending entry without a consumer');
    stream.groups.set(name, group);
  }
  return stream;
}

function safeCount(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RdbFormatError('a count out of range');
  return Number(value);
}
