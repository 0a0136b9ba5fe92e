/**
 * XREAD and XREADGROUP, one implementation as Redis's xreadCommand: parse
 * the options, resolve each stream's ID (`$`, `>` or an ID), reply at once
 * with every stream that has something (a map of key to entries in RESP3,
 * an array of [key, entries] in RESP2), or block until XADD brings
 * something (BLOCK; never inside MULTI), or reply a null array.
 *
 * A group reader with `>` gets entries its group has not delivered yet,
 * which enter the pending lists (unless NOACK); with an ID it gets its
 * own pending entries from that ID on (its history).
 *
 * @module
 */

import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import type { Keyspace } from '../keyspace.js';
import { Stream } from '../stream.js';
import type { ConsumerGroup } from '../stream-group.js';
import { integerArg, option, quoted } from './args.js';
import { blockForKeys, msTimeoutArg } from './blocking.js';
import { compareIds, MAX_ID, MIN_ID, nextId, type StreamId, strictIdArg } from './stream-ids.js';
import {
  consumerOf,
  deliverHistory,
  deliverNew,
  replyEntries,
  replyHistory,
  take,
} from './streams.js';

// Redis's XREAD_BLOCKED_DEFAULT_COUNT: a blocked read without COUNT gets
// at most this many entries.
const BLOCKED_DEFAULT_COUNT = 1000;

interface ReadOptions {
  readonly group: { readonly name: string; readonly consumer: string } | undefined;
  readonly noAck: boolean;
  readonly count: number;
  /** BLOCK's ms, or -1 without BLOCK. */
  readonly block: number;
  readonly keys: readonly string[];
  /** Argument index of each key's ID. */
  readonly idsAt: number;
}

function parseOptions(
  args: RequestArgs,
  xreadgroup: boolean,
  now: number,
  fromScript: boolean,
): ReadOptions {
  let block = -1;
  let count = 0;
  let streamsAt = 0;
  let group: ReadOptions['group'];
  let noAck = false;
  for (let i = 1; i < args.length; i++) {
    const more = args.length - 1 - i;
    const name = option(args, i);
    if (name === 'BLOCK' && more > 0) {
      // A script cannot wait (Redis names the command as it was given).
      if (fromScript)
        throw new CommandError(
          `ERR ${args.latin1(0)} command is not allowed with BLOCK option from scripts`,
        );
      i++;
      block = msTimeoutArg(args, i, now);
    } else if (name === 'COUNT' && more > 0) {
      i++;
      const value = integerArg(args, i);
      count = value < 0 ? 0 : Number(value);
    } else if (name === 'STREAMS' && more > 0) {
      streamsAt = i + 1;
      if ((args.length - streamsAt) % 2 !== 0)
        throw new CommandError(
          "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
        );
      break;
    } else if (name === 'GROUP' && more >= 2) {
      if (!xreadgroup)
        throw new CommandError(
          'ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.',
        );
      group = { name: args.latin1(i + 1), consumer: args.latin1(i + 2) };
      i += 2;
    } else if (name === 'NOACK') {
      if (!xreadgroup)
        throw new CommandError(
          'ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.',
        );
      noAck = true;
    } else throw new CommandError(Replies.syntax);
  }
  if (streamsAt === 0) throw new CommandError(Replies.syntax);
  if (xreadgroup && group === undefined)
    throw new CommandError('ERR Missing GROUP option for XREADGROUP');
  const half = (args.length - streamsAt) / 2;
  const keys: string[] = [];
  for (let i = 0; i < half; i++) keys.push(args.latin1(streamsAt + i));
  return { group, noAck, count, block, keys, idsAt: streamsAt + half };
}

// One stream to read: after which ID, or (`>`) what its group has not
// delivered; `history` for a group reader's own pending entries.
interface Source {
  readonly key: string;
  after: StreamId;
  readonly undelivered: boolean;
  readonly group: ConsumerGroup | undefined;
}

/** Runs XREAD (`xreadgroup` false) or XREADGROUP. */
export function xreadGeneric(
  context: CommandContext,
  args: RequestArgs,
  xreadgroup: boolean,
): void {
  const { keyspace, now, reply, session } = context;
  const options = parseOptions(args, xreadgroup, now, session.script);
  const sources: Source[] = [];
  for (let i = 0; i < options.keys.length; i++) {
    const key = options.keys[i]!;
    const at = options.idsAt + i;
    const stream = keyspace.readStream(key, now)?.value;
    let group: ConsumerGroup | undefined;
    if (options.group !== undefined) {
      group = stream?.groups.get(options.group.name);
      if (group === undefined)
        throw new CommandError(
          `NOGROUP No such key '${quoted(args, options.idsAt - options.keys.length + i)}' or consumer group '${quoted(args, groupArgIndex(args))}' in XREADGROUP with GROUP option`,
        );
    }
    const text = args.latin1(at);
    if (text === '$') {
      if (xreadgroup)
        throw new CommandError(
          'ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.',
        );
      sources.push({ key, after: stream?.lastId ?? MIN_ID, undelivered: false, group });
    } else if (text === '>') {
      if (!xreadgroup)
        throw new CommandError(
          'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.',
        );
      sources.push({ key, after: MAX_ID, undelivered: true, group });
    } else sources.push({ key, after: strictIdArg(args, at), undelivered: false, group });
  }

  // Serve now what can be served.
  const served: ((reply: ReplyEncoder) => void)[] = [];
  for (const source of sources) {
    const stream = keyspace.readStream(source.key, now)?.value;
    if (stream === undefined) continue;
    const write = readSource(keyspace, stream, source, options, options.count, now);
    if (write !== undefined) served.push(write);
  }
  if (served.length > 0) {
    replyStreams(reply, served);
    return;
  }
  if (options.block === -1 || session.transaction !== null) {
    reply.nullArray();
    return;
  }
  const count = options.count === 0 ? BLOCKED_DEFAULT_COUNT : options.count;
  blockForKeys(
    context,
    'stream',
    options.keys,
    options.block,
    (timedOut) => timedOut.nullArray(),
    (key, value, servedAt) => {
      const source = sources.find((candidate) => candidate.key === key)!;
      if (!(value instanceof Stream)) {
        if (options.group === undefined) return undefined;
        return (failed) => failed.error('UNBLOCKED the stream key no longer exists');
      }
      if (options.group !== undefined) {
        const group = value.groups.get(options.group.name);
        if (group === undefined)
          return (failed) =>
            failed.error('NOGROUP the consumer group this client was blocked on no longer exists');
        // Other readers of the group may have moved it on.
        if (compareIds(value.lastId, group.lastId) <= 0) return undefined;
        const write = readSource(
          keyspace,
          value,
          { ...source, group },
          options,
          count,
          servedAt,
          true,
        );
        return write === undefined ? undefined : (out) => replyStreams(out, [write]);
      }
      if (compareIds(value.lastId, source.after) <= 0) return undefined;
      const write = readSource(keyspace, value, source, options, count, servedAt, true);
      return write === undefined ? undefined : (out) => replyStreams(out, [write]);
    },
  );
}

// Where GROUP's name is: the argument after GROUP.
function groupArgIndex(args: RequestArgs): number {
  for (let i = 1; i < args.length; i++) if (option(args, i) === 'GROUP') return i + 1;
  return 0;
}

// Reads one source now: a writer of [key, entries], or undefined when
// there is nothing to serve it. A blocked reader woken by XADD (`woken`)
// is served whatever it finds, as Redis does, even nothing.
function readSource(
  keyspace: Keyspace,
  stream: Stream,
  source: Source,
  options: ReadOptions,
  count: number,
  now: number,
  woken = false,
): ((reply: ReplyEncoder) => void) | undefined {
  const { key, group } = source;
  if (group === undefined || options.group === undefined) {
    const last = stream.last();
    if (!woken && (last === undefined || compareIds(last.id, source.after) <= 0)) return undefined;
    const start = nextAfter(source.after);
    const entries = take(stream.range(start, MAX_ID), count);
    return (reply) => {
      reply.bulk(key);
      replyEntries(reply, entries);
    };
  }
  // The consumer is created (or seen) only when it is served, as in Redis 7.0.
  if (!source.undelivered && compareIds(source.after, MAX_ID) !== 0) {
    const consumer = consumerOf(keyspace, key, group, options.group.consumer, now);
    const history = deliverHistory(stream, consumer, nextAfter(source.after), count, now);
    return (reply) => {
      reply.bulk(key);
      replyHistory(reply, history);
    };
  }
  const last = stream.last();
  const after = source.undelivered ? group.lastId : source.after;
  if (!woken && (last === undefined || compareIds(last.id, after) <= 0)) return undefined;
  const consumer = consumerOf(keyspace, key, group, options.group.consumer, now);
  const entries = deliverNew(stream, group, consumer, after, count, options.noAck, now);
  return (reply) => {
    reply.bulk(key);
    replyEntries(reply, entries);
  };
}

// XREAD's reply: a map of key to entries in RESP3, [key, entries] pairs in RESP2.
function replyStreams(
  reply: ReplyEncoder,
  served: readonly ((reply: ReplyEncoder) => void)[],
): void {
  if (reply.protocol === 3) reply.mapHeader(served.length);
  else reply.arrayHeader(served.length);
  for (const write of served) {
    if (reply.protocol !== 3) reply.arrayHeader(2);
    write(reply);
  }
}

// The ID after `id` (0-0 after the largest, as Redis's streamIncrID wraps).
function nextAfter(id: StreamId): StreamId {
  return nextId(id) ?? MIN_ID;
}
