/**
 * BITPOS: replies with the position of the first bit set to 1 (or clear,
 * 0) in a string, within a range of bytes or (BIT) of bits; -1 when there
 * is none. A missing key is all zeros; without an explicit end, a string
 * of ones is followed by zeros, so the first clear bit is the one after it.
 *
 * ```text
 * BITPOS key bit [start [end [BYTE | BIT]]]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { findBit, inBitsArg, resolveBitRange } from '../internal/bits.js';

export const bitpos: Command = {
  name: 'bitpos',
  arity: -3,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const bit = integerArg(args, 2);
    if (bit !== 0 && bit !== 1) throw new CommandError('ERR The bit argument must be 1 or 0.');
    const entry = keyspace.readString(args.latin1(1), now);
    if (entry === undefined) {
      reply.integer(bit === 1 ? -1 : 0);
      return;
    }
    const value = entry.value;
    if (args.length > 6) throw new CommandError(Replies.syntax);
    const endGiven = args.length >= 5;
    // Redis's order: start, then the unit, then end.
    const start = args.length >= 4 ? integerArg(args, 3) : 0;
    const inBits = args.length === 6 && inBitsArg(args, 5);
    const end = endGiven ? integerArg(args, 4) : inBits ? value.length * 8 + 7 : value.length - 1;
    const range = resolveBitRange(start, end, inBits, value.length);
    if (range.first > range.last) {
      reply.integer(-1);
      return;
    }
    const found = findBit(value, bit, range);
    // No clear bit in a range that runs to the end of the string: the
    // zeros after it count, from the byte after the range's last.
    if (found === -1 && bit === 0 && !endGiven) reply.integer(((range.last >>> 3) + 1) * 8);
    else reply.integer(found);
  },
};
