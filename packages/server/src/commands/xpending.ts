/**
 * XPENDING: a consumer group's pending entries. Without a range: their
 * count, lowest and highest IDs, and each consumer with how many it has.
 * With one: up to count entries between start and end (IDLE: only those
 * not delivered for that many ms; a consumer: only its own), each as
 * [id, consumer, ms since delivery, deliveries].
 *
 * ```text
 * XPENDING key group [[IDLE min-idle-time] start end count [consumer]]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option, quoted } from '../internal/args.js';
import { compareIds, formatId, rangeIdArg, type StreamId } from '../internal/stream-ids.js';
import { requireGroup } from '../internal/streams.js';

export const xpending: Command = {
  name: 'xpending',
  arity: -3,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const summary = args.length === 3;
    if (!summary && (args.length < 6 || args.length > 9)) throw new CommandError(Replies.syntax);
    let minIdle = 0;
    let start: StreamId = { ms: 0n, seq: 0n };
    let end: StreamId = start;
    let count = 0;
    let consumerName: string | undefined;
    // The range is parsed first, so its errors come before NOGROUP.
    if (!summary) {
      let at = 3;
      if (option(args, 3) === 'IDLE') {
        minIdle = Number(integerArg(args, 4));
        if (args.length < 8) throw new CommandError(Replies.syntax);
        at = 5;
      }
      const value = integerArg(args, at + 2);
      count = value < 0 ? 0 : Number(value);
      start = rangeIdArg(args, at, 'start');
      end = rangeIdArg(args, at + 1, 'end');
      if (at + 3 < args.length) consumerName = args.latin1(at + 3);
    }
    const { group } = requireGroup(
      keyspace,
      args.latin1(1),
      args.latin1(2),
      now,
      `NOGROUP No such key '${quoted(args, 1)}' or consumer group '${quoted(args, 2)}'`,
    );
    if (summary) {
      const first = group.pending.first();
      const last = group.pending.last();
      reply.arrayHeader(4);
      reply.integer(group.pending.size);
      if (first === undefined || last === undefined) {
        reply.null();
        reply.null();
        reply.nullArray();
        return;
      }
      reply.bulk(formatId(first.id));
      reply.bulk(formatId(last.id));
      const owners = group.sortedConsumers().filter((consumer) => consumer.pending.size > 0);
      reply.arrayHeader(owners.length);
      for (const consumer of owners) {
        reply.arrayHeader(2);
        reply.bulk(consumer.name);
        reply.bulk(String(consumer.pending.size));
      }
      return;
    }
    const pending =
      consumerName === undefined ? group.pending : group.consumers.get(consumerName)?.pending;
    const rows = [];
    if (pending !== undefined) {
      for (const entry of pending.from(start)) {
        if (rows.length >= count || compareIds(entry.id, end) > 0) break;
        if (minIdle !== 0 && now - entry.deliveryTime < minIdle) continue;
        rows.push(entry);
      }
    }
    reply.arrayHeader(rows.length);
    for (const entry of rows) {
      reply.arrayHeader(4);
      reply.bulk(formatId(entry.id));
      reply.bulk(entry.consumer?.name ?? '');
      reply.integer(Math.max(0, now - entry.deliveryTime));
      reply.integer(entry.deliveryCount);
    }
  },
};
