/**
 * XADD: appends an entry (field, value pairs) to a stream, creating it
 * unless NOMKSTREAM (then a missing key replies null), and replies with
 * its ID: `*` for the next one (the time in ms, or the last ID's next
 * sequence), `<ms>-*` for the next sequence of that time, or an explicit
 * ID greater than the last. MAXLEN or MINID trim the stream after
 * (`~`: whole nodes only, at most LIMIT entries). Wakes XREAD and
 * XREADGROUP blocked on the key.
 *
 * ```text
 * XADD key [NOMKSTREAM] [MAXLEN | MINID [= | ~] threshold [LIMIT count]] * | id field value [field value ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { compareIds, isZeroId, type StreamId, UINT64_MAX } from '../internal/stream-ids.js';
import { parseAddOrTrimArgs } from '../internal/streams.js';
import { NOTIFY_STREAM } from '../keyspace-events.js';
import { Stream } from '../stream.js';

export const xadd: Command = {
  name: 'xadd',
  arity: -5,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now, server }, args) {
    const { config } = server;
    const parsed = parseAddOrTrimArgs(args, true, config['stream-node-max-entries']);
    const fieldsAt = parsed.idIndex + 1;
    const fieldArgs = args.length - fieldsAt;
    if (fieldArgs < 2 || fieldArgs % 2 === 1) throw new CommandError(Replies.wrongArgs('xadd'));
    // 0-0 fails before the key is created, so no empty stream is left.
    if (parsed.id !== undefined && !parsed.autoSeq && isZeroId(parsed.id))
      throw new CommandError('ERR The ID specified in XADD must be greater than 0-0');
    const key = args.latin1(1);
    let stream = keyspace.getStream(key, now)?.value;
    if (stream === undefined) {
      if (parsed.noMkStream) {
        reply.null();
        return;
      }
      stream = new Stream();
      keyspace.set(key, stream, now);
    }
    const last = stream.lastId;
    if (last.ms === UINT64_MAX && last.seq === UINT64_MAX)
      throw new CommandError(
        'ERR The stream has exhausted the last possible ID, unable to add more items',
      );
    const id = newId(last, parsed.id, parsed.autoSeq, now);
    if (id === undefined)
      throw new CommandError(
        'ERR The ID specified in XADD is equal or smaller than the target stream top item',
      );
    const fields = [];
    for (let i = fieldsAt; i < args.length; i++) fields.push(args.copy(i));
    const limits = {
      entries: config['stream-node-max-entries'],
      bytes: config['stream-node-max-bytes'],
    };
    reply.bulk(stream.append(id, fields, limits).idText);
    keyspace.notify(NOTIFY_STREAM, 'xadd', key);
    if (parsed.trim !== undefined && stream.trim(parsed.trim) > 0)
      keyspace.notify(NOTIFY_STREAM, 'xtrim', key);
    keyspace.touch(key);
    keyspace.onPoppableStored(key);
  },
};

// The ID to add after `last`, as streamAppendItem picks it: undefined
// when it would not be greater than `last`.
function newId(
  last: StreamId,
  given: StreamId | undefined,
  autoSeq: boolean,
  now: number,
): StreamId | undefined {
  if (given === undefined) {
    const ms = BigInt(now);
    if (ms > last.ms) return { ms, seq: 0n };
    // The clock went back, or many IDs this millisecond: the last's next.
    return last.seq === UINT64_MAX
      ? { ms: last.ms + 1n, seq: 0n }
      : { ms: last.ms, seq: last.seq + 1n };
  }
  if (autoSeq) {
    if (given.ms > last.ms) return { ms: given.ms, seq: 0n };
    if (given.ms === last.ms && last.seq !== UINT64_MAX)
      return { ms: given.ms, seq: last.seq + 1n };
    return undefined;
  }
  return compareIds(given, last) > 0 ? given : undefined;
}
