/**
 * DUMP: a key's value as Redis 7.0's serialized payload (rdb/objects.ts:
 * the RDB object, the RDB version and a CRC-64), for RESTORE here or on a
 * Redis server; a nil reply for a missing key. The deadline is not part
 * of it (RESTORE takes a TTL).
 *
 * ```text
 * DUMP key
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { RdbWriter } from '../rdb/format.js';
import { writeObject } from '../rdb/objects.js';

export const dump: Command = {
  name: 'dump',
  arity: 2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now, server }, args) {
    const key = args.latin1(1);
    const entry = keyspace.read(key, now);
    if (entry === undefined) {
      reply.null();
      return;
    }
    const writer = new RdbWriter(server.config.rdbcompression === 'yes');
    writeObject(writer, entry.value);
    reply.bulk(writer.payload());
  },
};
