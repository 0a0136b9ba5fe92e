/**
 * HINCRBY: adds an integer to a field of a hash (an absent field counts
 * as 0; the hash is created when absent); replies with the result.
 *
 * ```text
 * HINCRBY key field increment
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';
import { fieldInteger } from '../internal/hashes.js';
import { addInteger } from '../internal/strings.js';
import { NOTIFY_HASH } from '../keyspace-events.js';

export const hincrby: Command = {
  name: 'hincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const delta = integerArg(args, 3);
    const key = args.latin1(1);
    const field = args.latin1(2);
    const existing = keyspace.getHash(key, now)?.value;
    // Checked before the hash is created, so a failure leaves no empty hash.
    const result = addInteger(fieldInteger(existing?.get(field)), delta);
    keyspace.hashForWrite(key, now).set(field, Buffer.from(String(result), 'latin1'));
    if (existing !== undefined) keyspace.touch(key);
    keyspace.notify(NOTIFY_HASH, 'hincrby', key);
    reply.integer(result);
  },
};
