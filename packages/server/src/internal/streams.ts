/**
 * What the stream commands share: replying with entries, XADD's and
 * XTRIM's trimming options (Redis's streamParseAddOrTrimArgsOrReply),
 * looking a group up, and delivering entries to a consumer group
 * (streamReplyWithRange with a group: the group's last ID and read
 * count move on, and each entry enters the pending lists).
 *
 * @module
 */

import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import type { Keyspace } from '../keyspace.js';
import { NOTIFY_STREAM } from '../keyspace-events.js';
import type { Stream, StreamEntry, TrimOptions } from '../stream.js';
import type { Consumer, ConsumerGroup } from '../stream-group.js';
import { integerArg, option } from './args.js';
import {
  compareIds,
  formatId,
  INVALID_ID,
  MAX_ID,
  MIN_ID,
  nextId,
  parseId,
  rangeIdArg,
  type StreamId,
  strictIdArg,
} from './stream-ids.js';

/** One entry as replies carry it: `[id, [field, value, ...]]`. */
export function replyEntry(reply: ReplyEncoder, entry: StreamEntry): void {
  reply.arrayHeader(2);
  reply.bulk(entry.idText);
  reply.arrayHeader(entry.fields.length);
  for (const field of entry.fields) reply.bulk(field);
}

/** An array of entries. */
export function replyEntries(reply: ReplyEncoder, entries: readonly StreamEntry[]): void {
  reply.arrayHeader(entries.length);
  for (const entry of entries) replyEntry(reply, entry);
}

/** Up to `count` (0: all) entries of `source`. */
export function take(source: Iterable<StreamEntry>, count: number): StreamEntry[] {
  const entries: StreamEntry[] = [];
  for (const entry of source) {
    entries.push(entry);
    if (entries.length === count) break;
  }
  return entries;
}

/** XADD's and XTRIM's options, parsed. */
export interface AddOrTrimArgs {
  readonly trim: TrimOptions | undefined;
  /** XADD NOMKSTREAM. */
  readonly noMkStream: boolean;
  /** XADD's explicit ID (undefined for `*`), and whether its sequence is `*`. */
  readonly id: StreamId | undefined;
  readonly autoSeq: boolean;
  /** Where XADD's ID argument is; the fields follow it. */
  readonly idIndex: number;
}

/**
 * Parses XADD's (`xadd`) or XTRIM's options from argument 2 on, with
 * Redis's errors in Redis's order; `~` without LIMIT gets a limit from
 * `nodeMaxEntries` (CONFIG's stream-node-max-entries).
 */
export function parseAddOrTrimArgs(
  args: RequestArgs,
  xadd: boolean,
  nodeMaxEntries: number,
): AddOrTrimArgs {
  let strategy: 'maxlen' | 'minid' | undefined;
  let maxlen = 0;
  let minid: StreamId = MIN_ID;
  let approximate = false;
  let limit = 0;
  let limitGiven = false;
  let noMkStream = false;
  let id: StreamId | undefined;
  const autoSeq = { value: false };
  let i = 2;
  for (; i < args.length; i++) {
    const more = args.length - 1 - i;
    const name = option(args, i);
    if (xadd && name === '*') break;
    if ((name === 'MAXLEN' || name === 'MINID') && more > 0) {
      if (strategy !== undefined)
        throw new CommandError(
          'ERR syntax error, MAXLEN and MINID options at the same time are not compatible',
        );
      approximate = false;
      const next = args.latin1(i + 1);
      if (more >= 2 && next === '~') {
        approximate = true;
        i++;
      } else if (more >= 2 && next === '=') i++;
      if (name === 'MAXLEN') {
        const value = integerArg(args, i + 1);
        if (value < 0) throw new CommandError('ERR The MAXLEN argument must be >= 0.');
        maxlen = Number(value);
      } else minid = strictIdArg(args, i + 1);
      i++;
      strategy = name === 'MAXLEN' ? 'maxlen' : 'minid';
    } else if (name === 'LIMIT' && more > 0) {
      const value = integerArg(args, i + 1);
      if (value < 0) throw new CommandError('ERR The LIMIT argument must be >= 0.');
      limit = Number(value);
      limitGiven = true;
      i++;
    } else if (xadd && name === 'NOMKSTREAM') noMkStream = true;
    else if (xadd) {
      id = parseId(args.latin1(i), { strict: true, missingSeq: 0n }, autoSeq);
      if (id === undefined) throw new CommandError(INVALID_ID);
      break;
    } else throw new CommandError(Replies.syntax);
  }
  if (limit !== 0 && strategy === undefined)
    throw new CommandError(
      'ERR syntax error, LIMIT cannot be used without specifying a trimming strategy',
    );
  if (!xadd && strategy === undefined)
    throw new CommandError('ERR syntax error, XTRIM must be called with a trimming strategy');
  if (limitGiven && !approximate)
    throw new CommandError('ERR syntax error, LIMIT cannot be used without the special ~ option');
  // Without LIMIT, `~` works at most 100 nodes' worth (100 *
  // stream-node-max-entries, kept within 10,000 for 0 and 1,000,000);
  // exact trimming has no limit.
  if (!limitGiven) {
    const nodes = 100 * nodeMaxEntries;
    limit = approximate ? (nodes <= 0 ? 10_000 : Math.min(nodes, 1_000_000)) : 0;
  }
  return {
    trim: strategy === undefined ? undefined : { strategy, maxlen, minid, approximate, limit },
    noMkStream,
    id,
    autoSeq: autoSeq.value,
    idIndex: i,
  };
}

/**
 * The consumer `name` of `group`, created when absent with the
 * `xgroup-createconsumer` notification, as Redis 7.0's
 * streamCreateConsumer sends it for XREADGROUP, XCLAIM and XAUTOCLAIM.
 * Seen `now` either way.
 */
export function consumerOf(
  keyspace: Keyspace,
  key: string,
  group: ConsumerGroup,
  name: string,
  now: number,
): Consumer {
  // Its pending entries will change: maxmemory measures the stream again.
  keyspace.resized(key);
  let consumer = group.consumers.get(name);
  if (consumer === undefined) {
    consumer = group.consumer(name, now);
    keyspace.notify(NOTIFY_STREAM, 'xgroup-createconsumer', key);
  }
  consumer.seenTime = now;
  return consumer;
}

/** The stream at `key` and its group `group`, or the NOGROUP error `message` names. */
export function requireGroup(
  keyspace: Keyspace,
  key: string,
  groupName: string,
  now: number,
  message: string,
): { stream: Stream; group: ConsumerGroup } {
  const stream = keyspace.readStream(key, now)?.value;
  const group = stream?.groups.get(groupName);
  if (stream === undefined || group === undefined) throw new CommandError(message);
  // The group's pending entries may change: maxmemory measures it again.
  keyspace.resized(key);
  return { stream, group };
}

/**
 * Delivers up to `count` (0: all) entries after `after` to `consumer`
 * of `group`, as Redis's streamReplyWithRange with a group: the group's
 * last ID and read count follow the newest entry delivered, and unless
 * `noAck` each entry enters the PELs (taken from another consumer if
 * XGROUP SETID made the group deliver it again). Returns the entries.
 */
export function deliverNew(
  stream: Stream,
  group: ConsumerGroup,
  consumer: Consumer,
  after: StreamId,
  count: number,
  noAck: boolean,
  now: number,
): StreamEntry[] {
  const start = nextId(after);
  if (start === undefined) return [];
  const entries = take(stream.range(start, MAX_ID), count);
  for (const entry of entries) {
    if (compareIds(entry.id, group.lastId) > 0) {
      if (group.entriesRead !== -1 && !stream.hasTombstonesFrom(entry.id)) group.entriesRead++;
      else if (stream.entriesAdded !== 0) group.entriesRead = stream.entriesUpTo(entry.id);
      group.lastId = entry.id;
    }
    if (noAck) continue;
    const pending = group.pending.get(entry.id);
    if (pending === undefined) {
      const created = { id: entry.id, consumer, deliveryTime: now, deliveryCount: 1 };
      group.pending.add(created);
      consumer.pending.add(created);
    } else {
      group.assign(pending, consumer);
      pending.deliveryTime = now;
      pending.deliveryCount = 1;
    }
  }
  return entries;
}

/**
 * A consumer's history from `start` (XREADGROUP with an ID): up to
 * `count` (0: all) of its pending entries, each with its entry, or null
 * where the entry was deleted since; delivered again (time and count).
 */
export function deliverHistory(
  stream: Stream,
  consumer: Consumer,
  start: StreamId,
  count: number,
  now: number,
): { id: StreamId; entry: StreamEntry | undefined }[] {
  const history: { id: StreamId; entry: StreamEntry | undefined }[] = [];
  for (const pending of consumer.pending.from(start)) {
    if (count !== 0 && history.length >= count) break;
    const entry = stream.get(pending.id);
    if (entry !== undefined) {
      pending.deliveryTime = now;
      pending.deliveryCount++;
    }
    history.push({ id: pending.id, entry });
  }
  return history;
}

/** Replies with a consumer's history: entries, or `[id, null]` for deleted ones. */
export function replyHistory(
  reply: ReplyEncoder,
  history: readonly { id: StreamId; entry: StreamEntry | undefined }[],
): void {
  reply.arrayHeader(history.length);
  for (const { id, entry } of history) {
    if (entry !== undefined) replyEntry(reply, entry);
    else {
      reply.arrayHeader(2);
      reply.bulk(formatId(id));
      reply.nullArray();
    }
  }
}

/**
 * XRANGE and XREVRANGE (`reverse`, whose arguments come end first):
 * entries between two IDs, `COUNT` at most; a null array for COUNT 0.
 */
export function xrangeGeneric(
  { reply, keyspace, now }: CommandContext,
  args: RequestArgs,
  reverse: boolean,
): void {
  const start = rangeIdArg(args, reverse ? 3 : 2, 'start');
  const end = rangeIdArg(args, reverse ? 2 : 3, 'end');
  let count = -1;
  for (let i = 4; i < args.length; i++) {
    if (option(args, i) === 'COUNT' && i + 1 < args.length) {
      const value = integerArg(args, i + 1);
      count = value < 0 ? 0 : Number(value);
      i++;
    } else throw new CommandError(Replies.syntax);
  }
  const stream = keyspace.readStream(args.latin1(1), now)?.value;
  if (stream === undefined) {
    reply.arrayHeader(0);
    return;
  }
  if (count === 0) {
    reply.nullArray();
    return;
  }
  replyEntries(reply, take(stream.range(start, end, reverse), count === -1 ? 0 : count));
}
