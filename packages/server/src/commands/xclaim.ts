/**
 * XCLAIM: gives pending entries of a consumer group to a consumer (created
 * when it claims something), those idle for at least min-idle-time ms;
 * replies with the entries claimed (JUSTID: their IDs). The delivery time
 * becomes now (IDLE: that many ms ago; TIME: that Unix time in ms) and the
 * delivery count goes up by one unless JUSTID (RETRYCOUNT sets it). FORCE
 * creates pending entries for entries nobody had; LASTID moves the
 * group's last delivered ID forward. An entry deleted from the stream
 * leaves the pending lists instead of being claimed.
 *
 * ```text
 * XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME unix-time-milliseconds] [RETRYCOUNT count] [FORCE] [JUSTID] [LASTID lastid]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError } from '../errors.js';
import { integerArg, option, quoted } from '../internal/args.js';
import {
  compareIds,
  formatId,
  parseId,
  type StreamId,
  strictIdArg,
} from '../internal/stream-ids.js';
import { consumerOf, replyEntry, requireGroup } from '../internal/streams.js';
import type { StreamEntry } from '../stream.js';
import type { Consumer } from '../stream-group.js';

export const xclaim: Command = {
  name: 'xclaim',
  arity: -6,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const { stream, group } = requireGroup(
      keyspace,
      args.latin1(1),
      args.latin1(2),
      now,
      `NOGROUP No such key '${quoted(args, 1)}' or consumer group '${quoted(args, 2)}'`,
    );
    let minIdle = Number(integerArg(args, 4, 'ERR Invalid min-idle-time argument for XCLAIM'));
    if (minIdle < 0) minIdle = 0;
    // IDs until the first argument that is not one; options after.
    const ids: StreamId[] = [];
    let i = 5;
    for (; i < args.length; i++) {
      const id = parseId(args.latin1(i), { strict: true, missingSeq: 0n });
      if (id === undefined) break;
      ids.push(id);
    }
    let force = false;
    let justId = false;
    let deliveryTime = -1;
    let retryCount = -1;
    let lastId: StreamId = { ms: 0n, seq: 0n };
    for (; i < args.length; i++) {
      const name = option(args, i);
      const more = args.length - 1 - i;
      if (name === 'FORCE') force = true;
      else if (name === 'JUSTID') justId = true;
      else if (name === 'IDLE' && more > 0) {
        i++;
        deliveryTime =
          now - Number(integerArg(args, i, 'ERR Invalid IDLE option argument for XCLAIM'));
      } else if (name === 'TIME' && more > 0) {
        i++;
        deliveryTime = Number(integerArg(args, i, 'ERR Invalid TIME option argument for XCLAIM'));
      } else if (name === 'RETRYCOUNT' && more > 0) {
        i++;
        retryCount = Number(
          integerArg(args, i, 'ERR Invalid RETRYCOUNT option argument for XCLAIM'),
        );
      } else if (name === 'LASTID' && more > 0) {
        i++;
        lastId = strictIdArg(args, i);
      } else throw new CommandError(`ERR Unrecognized XCLAIM option '${quoted(args, i)}'`);
    }
    if (compareIds(lastId, group.lastId) > 0) group.lastId = lastId;
    // A time in the future or before the epoch is taken as now, as Redis does.
    if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
    let consumer: Consumer | undefined;
    const claimed: (StreamId | StreamEntry)[] = [];
    for (const id of ids) {
      let pending = group.pending.get(id);
      const entry = stream.get(id);
      if (pending === undefined) {
        // FORCE makes a pending entry, for an entry that exists.
        if (!force || entry === undefined) continue;
        pending = { id, consumer: null, deliveryTime: now, deliveryCount: 1 };
        group.pending.add(pending);
      } else if (pending.consumer !== null && minIdle !== 0 && now - pending.deliveryTime < minIdle)
        continue;
      if (entry === undefined) {
        group.acknowledge(pending);
        continue;
      }
      consumer ??= consumerOf(keyspace, args.latin1(1), group, args.latin1(3), now);
      group.assign(pending, consumer);
      pending.deliveryTime = deliveryTime;
      if (retryCount >= 0) pending.deliveryCount = retryCount;
      else if (!justId) pending.deliveryCount++;
      consumer.seenTime = now;
      claimed.push(justId ? id : entry);
    }
    reply.arrayHeader(claimed.length);
    for (const item of claimed) {
      if ('fields' in item) replyEntry(reply, item);
      else reply.bulk(formatId(item));
    }
  },
};
