/**
 * BITCOUNT: replies with how many bits of a string are set, in a range of
 * bytes or (BIT) of bits; negative indexes count from the end.
 *
 * ```text
 * BITCOUNT key [start end [BYTE | BIT]]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { countBits, inBitsArg, resolveBitRange } from '../internal/bits.js';

export const bitcount: Command = {
  name: 'bitcount',
  arity: -2,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // A missing key is 0 before any argument is read, as in Redis.
    const entry = keyspace.readString(args.latin1(1), now);
    if (entry === undefined) {
      reply.integer(0);
      return;
    }
    const value = entry.value;
    if (args.length === 2) {
      reply.integer(countBits(value, { first: 0, last: value.length * 8 - 1 }));
      return;
    }
    if (args.length !== 4 && args.length !== 5) throw new CommandError(Replies.syntax);
    const start = integerArg(args, 2);
    const end = integerArg(args, 3);
    // Redis answers 0 for two negative indexes in the wrong order before
    // it reads the unit.
    if (start < 0 && end < 0 && start > end) {
      reply.integer(0);
      return;
    }
    const inBits = args.length === 5 && inBitsArg(args, 4);
    reply.integer(countBits(value, resolveBitRange(start, end, inBits, value.length)));
  },
};
