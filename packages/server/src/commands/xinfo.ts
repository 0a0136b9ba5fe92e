/**
 * XINFO: a stream's state. STREAM gives its length, its radix tree's
 * size (keys: listpack nodes; nodes: the tree's), its last ID, the
 * greatest ID deleted, the entries ever added, its first ID, its group
 * count and first and last entries; FULL gives the entries (COUNT, 10 by
 * default, 0 for all) and every group with its pending entries and
 * consumers instead. GROUPS lists the groups (with their read count and
 * lag), CONSUMERS a group's consumers. Maps in RESP3, as Redis 7.0.
 *
 * ```text
 * XINFO STREAM key [FULL [COUNT count]]
 * XINFO GROUPS key
 * XINFO CONSUMERS key group
 * XINFO HELP
 * ```
 *
 * @module
 */

import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option, quoted } from '../internal/args.js';
import { replyHelp } from '../internal/help.js';
import { formatId, MAX_ID, MIN_ID } from '../internal/stream-ids.js';
import { replyEntries, replyEntry, take } from '../internal/streams.js';
import type { Stream } from '../stream.js';
import { byteOrder, type ConsumerGroup } from '../stream-group.js';

// Redis 7.0's lines.
const HELP = [
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
];

export const xinfo: Command = {
  name: 'xinfo',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['consumers', 4],
    ['groups', 3],
    ['stream', -3],
    ['help', 2],
  ]),
  execute({ reply, keyspace, now }, args) {
    const sub = option(args, 1);
    if (sub === 'HELP') {
      replyHelp(reply, 'XINFO', HELP);
      return;
    }
    const stream = keyspace.readStream(args.latin1(2), now)?.value;
    if (stream === undefined) throw new CommandError('ERR no such key');
    if (sub === 'CONSUMERS') {
      const group = stream.groups.get(args.latin1(3));
      if (group === undefined)
        throw new CommandError(
          `NOGROUP No such consumer group '${quoted(args, 3)}' for key name '${quoted(args, 2)}'`,
        );
      const consumers = group.sortedConsumers();
      reply.arrayHeader(consumers.length);
      for (const consumer of consumers) {
        reply.mapHeader(3);
        reply.bulk('name');
        reply.bulk(consumer.name);
        reply.bulk('pending');
        reply.integer(consumer.pending.size);
        reply.bulk('idle');
        reply.integer(Math.max(0, now - consumer.seenTime));
      }
      return;
    }
    if (sub === 'GROUPS') {
      const groups = sortedGroups(stream);
      reply.arrayHeader(groups.length);
      for (const [name, group] of groups) {
        reply.mapHeader(6);
        reply.bulk('name');
        reply.bulk(name);
        reply.bulk('consumers');
        reply.integer(group.consumers.size);
        reply.bulk('pending');
        reply.integer(group.pending.size);
        reply.bulk('last-delivered-id');
        reply.bulk(formatId(group.lastId));
        replyReadCounters(reply, stream, group);
      }
      return;
    }
    replyStreamInfo(reply, stream, args);
  },
};

function sortedGroups(stream: Stream): [string, ConsumerGroup][] {
  return [...stream.groups].sort(([a], [b]) => byteOrder(a, b));
}

// A group's entries-read (null when unknown) and lag (null when it cannot
// be known: Redis's streamReplyWithCGLag).
function replyReadCounters(reply: ReplyEncoder, stream: Stream, group: ConsumerGroup): void {
  reply.bulk('entries-read');
  if (group.entriesRead === -1) reply.null();
  else reply.integer(group.entriesRead);
  reply.bulk('lag');
  const lag = groupLag(stream, group);
  if (lag === undefined) reply.null();
  else reply.integer(lag);
}

function groupLag(stream: Stream, group: ConsumerGroup): number | undefined {
  if (stream.entriesAdded === 0) return 0;
  if (group.entriesRead !== -1 && !stream.hasTombstonesFrom(group.lastId))
    return stream.entriesAdded - group.entriesRead;
  const read = stream.entriesUpTo(group.lastId);
  return read === -1 ? undefined : stream.entriesAdded - read;
}

function replyStreamInfo(reply: ReplyEncoder, stream: Stream, args: RequestArgs): void {
  const options = args.length - 3;
  let full = false;
  let count = 10;
  if (options > 0) {
    const syntax = new CommandError(Replies.subcommandSyntax(quoted(args, 1), 'xinfo'));
    if ((options !== 1 && options !== 3) || option(args, 3) !== 'FULL') throw syntax;
    if (options === 3) {
      if (option(args, 4) !== 'COUNT') throw syntax;
      const value = integerArg(args, 5);
      count = value < 0 ? 10 : Number(value);
    }
    full = true;
  }
  reply.mapHeader(full ? 9 : 10);
  reply.bulk('length');
  reply.integer(stream.length);
  reply.bulk('radix-tree-keys');
  reply.integer(stream.nodeCount);
  reply.bulk('radix-tree-nodes');
  reply.integer(stream.radixTreeNodes);
  reply.bulk('last-generated-id');
  reply.bulk(formatId(stream.lastId));
  reply.bulk('max-deleted-entry-id');
  reply.bulk(formatId(stream.maxDeletedId));
  reply.bulk('entries-added');
  reply.integer(stream.entriesAdded);
  reply.bulk('recorded-first-entry-id');
  reply.bulk(formatId(stream.firstId));
  if (!full) {
    reply.bulk('groups');
    reply.integer(stream.groups.size);
    for (const [label, entry] of [
      ['first-entry', stream.first()],
      ['last-entry', stream.last()],
    ] as const) {
      reply.bulk(label);
      if (entry === undefined) reply.null();
      else replyEntry(reply, entry);
    }
    return;
  }
  reply.bulk('entries');
  replyEntries(reply, take(stream.range(MIN_ID, MAX_ID), count));
  reply.bulk('groups');
  const groups = sortedGroups(stream);
  reply.arrayHeader(groups.length);
  for (const [name, group] of groups) {
    reply.mapHeader(7);
    reply.bulk('name');
    reply.bulk(name);
    reply.bulk('last-delivered-id');
    reply.bulk(formatId(group.lastId));
    replyReadCounters(reply, stream, group);
    reply.bulk('pel-count');
    reply.integer(group.pending.size);
    reply.bulk('pending');
    const pending = [...limit(group.pending.from(MIN_ID), count)];
    reply.arrayHeader(pending.length);
    for (const entry of pending) {
      reply.arrayHeader(4);
      reply.bulk(formatId(entry.id));
      reply.bulk(entry.consumer?.name ?? '');
      reply.integer(entry.deliveryTime);
      reply.integer(entry.deliveryCount);
    }
    reply.bulk('consumers');
    const consumers = group.sortedConsumers();
    reply.arrayHeader(consumers.length);
    for (const consumer of consumers) {
      reply.mapHeader(4);
      reply.bulk('name');
      reply.bulk(consumer.name);
      reply.bulk('seen-time');
      reply.integer(consumer.seenTime);
      reply.bulk('pel-count');
      reply.integer(consumer.pending.size);
      reply.bulk('pending');
      const own = [...limit(consumer.pending.from(MIN_ID), count)];
      reply.arrayHeader(own.length);
      for (const entry of own) {
        reply.arrayHeader(3);
        reply.bulk(formatId(entry.id));
        reply.integer(entry.deliveryTime);
        reply.integer(entry.deliveryCount);
      }
    }
  }
}

// The first `count` (0: all) of `source`.
function* limit<T>(source: Iterable<T>, count: number): Generator<T> {
  let taken = 0;
  for (const item of source) {
    if (count !== 0 && taken >= count) return;
    taken++;
    yield item;
  }
}
