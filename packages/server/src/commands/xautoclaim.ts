/**
 * XAUTOCLAIM: XCLAIM for the pending entries of a group from start on,
 * idle at least min-idle-time ms, up to COUNT (default 100) of them,
 * looking at no more than ten times that many. Replies [the ID to start
 * from next time (0-0 when done), the entries claimed (JUSTID: their
 * IDs), the IDs of entries no longer in the stream, which leave the
 * pending lists].
 *
 * ```text
 * XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]
 * ```
 *
 * @module
 */

import { totalmem } from 'node:os';
import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option, quoted } from '../internal/args.js';
import { formatId, rangeIdArg, type StreamId } from '../internal/stream-ids.js';
import { consumerOf, replyEntry } from '../internal/streams.js';
import { Stream, type StreamEntry } from '../stream.js';
import type { Consumer } from '../stream-group.js';

// Redis's ATTEMPTS_FACTOR: entries looked at per entry claimed.
const ATTEMPTS_FACTOR = 10;
// Redis's LONG_MAX.
const LONG_MAX = 2n ** 63n - 1n;

export const xautoclaim: Command = {
  name: 'xautoclaim',
  arity: -6,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // Redis looks the key up before parsing (a missing one is a keymiss
    // even when an argument is wrong), and checks its type after.
    const entry = keyspace.read(args.latin1(1), now);
    // Its pending entries may change: maxmemory measures the stream again.
    keyspace.resized(args.latin1(1));
    let minIdle = Number(integerArg(args, 4, 'ERR Invalid min-idle-time argument for XAUTOCLAIM'));
    if (minIdle < 0) minIdle = 0;
    const start = rangeIdArg(args, 5, 'start');
    let count = 100;
    let justId = false;
    for (let i = 6; i < args.length; i++) {
      const name = option(args, i);
      if (name === 'COUNT' && i + 1 < args.length) {
        const value = integerArg(args, i + 1, 'ERR COUNT must be > 0');
        if (value < 1 || BigInt(value) > LONG_MAX / BigInt(ATTEMPTS_FACTOR))
          throw new CommandError('ERR COUNT must be > 0');
        // Redis allocates room for count deleted IDs up front and says so
        // when it cannot; more than the machine's memory cannot be had.
        if (Number(value) * 16 > totalmem())
          throw new CommandError(
            'ERR Insufficient memory, failed allocating transient memory, COUNT too high.',
          );
        count = Number(value);
        i++;
      } else if (name === 'JUSTID') justId = true;
      else throw new CommandError(Replies.syntax);
    }
    if (entry !== undefined && !(entry.value instanceof Stream))
      throw new CommandError(Replies.wrongType);
    const stream = entry?.value as Stream | undefined;
    const group = stream?.groups.get(args.latin1(2));
    if (stream === undefined || group === undefined)
      throw new CommandError(
        `NOGROUP No such key '${quoted(args, 1)}' or consumer group '${quoted(args, 2)}'`,
      );
    let attempts = count * ATTEMPTS_FACTOR;
    let consumer: Consumer | undefined;
    const claimed: (StreamId | StreamEntry)[] = [];
    const deleted: StreamId[] = [];
    let next: StreamId = { ms: 0n, seq: 0n };
    for (const pending of group.pending.from(start)) {
      if (attempts === 0 || count === 0) {
        next = pending.id;
        break;
      }
      attempts--;
      const entry = stream.get(pending.id);
      if (entry === undefined) {
        group.acknowledge(pending);
        deleted.push(pending.id);
        // COUNT bounds the reply, and a deleted ID is part of it.
        count--;
        continue;
      }
      if (minIdle !== 0 && now - pending.deliveryTime < minIdle) continue;
      consumer ??= consumerOf(keyspace, args.latin1(1), group, args.latin1(3), now);
      group.assign(pending, consumer);
      pending.deliveryTime = now;
      if (!justId) pending.deliveryCount++;
      consumer.seenTime = now;
      claimed.push(justId ? pending.id : entry);
      count--;
    }
    reply.arrayHeader(3);
    reply.bulk(formatId(next));
    reply.arrayHeader(claimed.length);
    for (const item of claimed) {
      if ('fields' in item) replyEntry(reply, item);
      else reply.bulk(formatId(item));
    }
    reply.arrayHeader(deleted.length);
    for (const id of deleted) reply.bulk(formatId(id));
  },
};
