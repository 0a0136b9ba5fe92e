/**
 * What the hash commands share: HSET's and HMSET's body, and reading a
 * field's value as a number the way HINCRBY and HINCRBYFLOAT read it.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { NOTIFY_HASH } from '../keyspace-events.js';
import { toInteger } from './args.js';

/**
 * HSET and HMSET: sets each field, value pair from argument 2 on in the
 * hash at argument 1 (created when absent); returns how many fields were
 * new. An odd number of field and value arguments is the command's arity
 * error, checked before the key is looked up, as Redis does.
 */
export function setFields(
  { keyspace, now }: CommandContext,
  args: RequestArgs,
  name: 'hset' | 'hmset',
): number {
  if (args.length % 2 !== 0) throw new CommandError(Replies.wrongArgs(name));
  const key = args.latin1(1);
  const existed = keyspace.getHash(key, now) !== undefined;
  const hash = keyspace.hashForWrite(key, now);
  let added = 0;
  for (let i = 2; i < args.length; i += 2) if (hash.set(args.latin1(i), args.copy(i + 1))) added++;
  // A new hash has signalled its watchers as it was stored.
  if (existed) keyspace.touch(key);
  keyspace.notify(NOTIFY_HASH, 'hset', key);
  return added;
}

/**
 * A field's value as HINCRBY reads it (Redis's string2ll: canonical
 * digits within 64 bits; 0 for an absent field), or `ERR hash value is
 * not an integer`.
 */
export function fieldInteger(value: Buffer | undefined): number | bigint {
  if (value === undefined) return 0;
  const integer = value.length > 20 ? undefined : toInteger(value.toString('latin1'));
  if (integer === undefined) throw new CommandError('ERR hash value is not an integer');
  return integer;
}
