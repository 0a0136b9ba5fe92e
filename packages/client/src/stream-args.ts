/**
 * The stream commands' arguments and reply shapes for the client's typed
 * methods (commands.ts): entries as `{ id, fields }`, XREAD's reply
 * (a map in RESP3, [key, entries] pairs in RESP2) as one list of
 * `{ key, entries }`, and the XPENDING, XAUTOCLAIM and XINFO replies as
 * objects, whatever the protocol.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { CommandArg, Reply } from '@mini-redis/resp';

/** A stream entry: its ID and its fields. A later field of the same name wins. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: Record<string, string>;
}

/** A consumer's pending entry from XREADGROUP's history: fields null once the entry was deleted. */
export interface StreamHistoryEntry {
  readonly id: string;
  readonly fields: Record<string, string> | null;
}

/** Entries read from one stream. */
export interface StreamRead<E = StreamEntry> {
  readonly key: string;
  readonly entries: E[];
}

/** An entry's fields: an object, a Map, or [field, value] pairs (which keep repeated names). */
export type StreamFields =
  | Readonly<Record<string, string | Buffer | number>>
  | ReadonlyMap<string, string | Buffer | number>
  | readonly (readonly [string, string | Buffer | number])[];

/** Trimming, for XADD and XTRIM: MAXLEN (a count) or MINID (an ID), `~` to trim whole nodes only. */
export interface StreamTrimOptions {
  readonly MAXLEN?: number;
  readonly MINID?: string;
  /** `~`: approximate, cheaper trimming. */
  readonly approximate?: boolean;
  /** At most this many entries removed (with `approximate` only). */
  readonly LIMIT?: number;
}

/** XADD's options. */
export interface XaddOptions extends StreamTrimOptions {
  /** Do not create a missing stream (then XADD resolves null). */
  readonly NOMKSTREAM?: boolean;
}

/** XREAD's and XREADGROUP's options. */
export interface XreadOptions {
  readonly COUNT?: number;
  /** Wait up to this many ms (0: no limit) for entries; holds the connection meanwhile. */
  readonly BLOCK?: number;
}

/** XCLAIM's options. */
export interface XclaimOptions {
  readonly IDLE?: number;
  readonly TIME?: number;
  readonly RETRYCOUNT?: number;
  readonly FORCE?: boolean;
  readonly LASTID?: string;
}

/** XPENDING's summary. */
export interface PendingSummary {
  readonly count: number;
  readonly lowest: string | null;
  readonly highest: string | null;
  readonly consumers: { readonly name: string; readonly pending: number }[];
}

/** One pending entry from XPENDING with a range. */
export interface PendingEntry {
  readonly id: string;
  readonly consumer: string;
  /** Milliseconds since it was last delivered. */
  readonly idle: number;
  readonly deliveries: number;
}

/** Arguments for the trimming options. */
export function trimArgs(options: StreamTrimOptions | undefined): CommandArg[] {
  if (options === undefined) return [];
  const args: CommandArg[] = [];
  const mark = options.approximate === true ? '~' : '=';
  if (options.MAXLEN !== undefined) args.push('MAXLEN', mark, options.MAXLEN);
  if (options.MINID !== undefined) args.push('MINID', mark, options.MINID);
  if (options.LIMIT !== undefined) args.push('LIMIT', options.LIMIT);
  return args;
}

/** XADD's whole command. */
export function xaddArgs(
  key: string,
  id: string,
  fields: StreamFields,
  options?: XaddOptions,
): CommandArg[] {
  const args: CommandArg[] = ['XADD', key];
  if (options?.NOMKSTREAM === true) args.push('NOMKSTREAM');
  args.push(...trimArgs(options), id, ...fieldArgs(fields));
  return args;
}

/** An entry's fields as field, value arguments. */
export function fieldArgs(fields: StreamFields): CommandArg[] {
  const args: CommandArg[] = [];
  const pairs =
    fields instanceof Map
      ? fields.entries()
      : Array.isArray(fields)
        ? (fields as readonly (readonly [string, CommandArg])[])
        : Object.entries(fields as Record<string, CommandArg>);
  for (const [field, value] of pairs) args.push(field, value as CommandArg);
  return args;
}

/** The pairs of a map reply: a Map, an object, or RESP2's flat array. */
export function mapPairs(reply: Reply): [Reply, Reply][] {
  if (reply instanceof Map) return [...reply];
  if (Array.isArray(reply)) {
    const pairs: [Reply, Reply][] = [];
    for (let i = 0; i + 1 < reply.length; i += 2) pairs.push([reply[i]!, reply[i + 1]!]);
    return pairs;
  }
  if (reply !== null && typeof reply === 'object' && !Buffer.isBuffer(reply))
    return Object.entries(reply as Record<string, Reply>);
  return [];
}

/** A map reply as an object, values as they came. */
export function objectOf(reply: Reply): Record<string, Reply> {
  const record = Object.create(null) as Record<string, Reply>;
  for (const [key, value] of mapPairs(reply)) record[String(key)] = value;
  return record;
}

function fieldsOf(reply: Reply): Record<string, string> {
  const fields = Object.create(null) as Record<string, string>;
  const flat = reply as Reply[];
  for (let i = 0; i + 1 < flat.length; i += 2) fields[String(flat[i])] = String(flat[i + 1]);
  return fields;
}

/** `[id, [field, value, ...]]` as an entry (fields null for a deleted one). */
export function entryOf(reply: Reply): StreamHistoryEntry {
  const [id, fields] = reply as [Reply, Reply];
  return { id: String(id), fields: fields === null ? null : fieldsOf(fields) };
}

/** A list of entries. */
export function entriesOf(reply: Reply): StreamEntry[] {
  return (reply as Reply[]).map((item) => entryOf(item) as StreamEntry);
}

/** XREAD's reply: null when nothing came, else each stream's entries. */
export function streamReadsOf<E>(reply: Reply): StreamRead<E>[] | null {
  if (reply === null) return null;
  // RESP2: [[key, entries], ...]; RESP3: a map of key to entries.
  const pairs = Array.isArray(reply)
    ? (reply as [Reply, Reply][]).map(([key, entries]) => [key, entries] as [Reply, Reply])
    : mapPairs(reply);
  return pairs.map(([key, entries]) => ({
    key: String(key),
    entries: (entries as Reply[]).map((item) => entryOf(item) as E),
  }));
}

/** XREAD's and XREADGROUP's STREAMS arguments: keys, then their IDs. */
export function streamsArgs(
  streams: Readonly<Record<string, string>> | readonly (readonly [string, string])[],
): CommandArg[] {
  const pairs = Array.isArray(streams)
    ? (streams as readonly (readonly [string, string])[])
    : Object.entries(streams as Record<string, string>);
  return ['STREAMS', ...pairs.map(([key]) => key), ...pairs.map(([, id]) => id)];
}

/** XREAD's COUNT and BLOCK. */
export function readArgs(options: XreadOptions | undefined): CommandArg[] {
  const args: CommandArg[] = [];
  if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
  if (options?.BLOCK !== undefined) args.push('BLOCK', options.BLOCK);
  return args;
}

/** XCLAIM's options as arguments. */
export function claimArgs(options: XclaimOptions | undefined): CommandArg[] {
  const args: CommandArg[] = [];
  if (options?.IDLE !== undefined) args.push('IDLE', options.IDLE);
  if (options?.TIME !== undefined) args.push('TIME', options.TIME);
  if (options?.RETRYCOUNT !== undefined) args.push('RETRYCOUNT', options.RETRYCOUNT);
  if (options?.FORCE === true) args.push('FORCE');
  if (options?.LASTID !== undefined) args.push('LASTID', options.LASTID);
  return args;
}

/** XPENDING's summary reply. */
export function pendingSummaryOf(reply: Reply): PendingSummary {
  const [count, lowest, highest, consumers] = reply as [number, Reply, Reply, Reply];
  return {
    count,
    lowest: lowest === null ? null : String(lowest),
    highest: highest === null ? null : String(highest),
    consumers: ((consumers as [Reply, Reply][] | null) ?? []).map(([name, pending]) => ({
      name: String(name),
      pending: Number(pending),
    })),
  };
}

/** XPENDING's range reply. */
export function pendingEntriesOf(reply: Reply): PendingEntry[] {
  return (reply as [Reply, Reply, number, number][]).map(([id, consumer, idle, deliveries]) => ({
    id: String(id),
    consumer: String(consumer),
    idle,
    deliveries,
  }));
}

/** One pending entry of a group or consumer in XINFO STREAM FULL. */
export interface PendingDelivery {
  readonly id: string;
  /** The consumer holding it (a group's list only). */
  readonly consumer?: string;
  /** When it was last delivered, in Unix milliseconds. */
  readonly deliveryTime: number;
  /** How many times it was delivered. */
  readonly deliveries: number;
}

/**
 * XINFO STREAM FULL's reply (a map in RESP3, flat pairs in RESP2) as an
 * object under Redis's names, its entries and groups made plain.
 */
export function streamInfoFullOf(reply: Reply): Record<string, unknown> {
  const info: Record<string, unknown> = objectOf(reply);
  info.entries = entriesOf((info.entries ?? []) as Reply);
  info.groups = ((info.groups ?? []) as Reply[]).map((groupReply) => {
    const group: Record<string, unknown> = objectOf(groupReply);
    group.pending = ((group.pending ?? []) as Reply[][]).map(
      ([id, consumer, time, count]): PendingDelivery => ({
        id: String(id),
        consumer: String(consumer),
        deliveryTime: Number(time),
        deliveries: Number(count),
      }),
    );
    group.consumers = ((group.consumers ?? []) as Reply[]).map((consumerReply) => {
      const consumer: Record<string, unknown> = objectOf(consumerReply);
      consumer.pending = ((consumer.pending ?? []) as Reply[][]).map(
        ([id, time, count]): PendingDelivery => ({
          id: String(id),
          deliveryTime: Number(time),
          deliveries: Number(count),
        }),
      );
      return consumer;
    });
    return group;
  });
  return info;
}
