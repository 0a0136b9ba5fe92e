/**
 * LPOS: the index of an element equal to the given one: the RANK-th match
 * (negative: counted from the tail), COUNT matches as an array (0: all),
 * looking at no more than MAXLEN elements (0: all). A null, or an empty
 * array with COUNT, when nothing matches or the key is absent.
 *
 * ```text
 * LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from '../internal/args.js';
import { indexOf } from '../internal/lists.js';

const RANK_ZERO =
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";

export const lpos: Command = {
  name: 'lpos',
  arity: -3,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    let rank = 1;
    let count = -1;
    let maxlen = 0;
    for (let i = 3; i < args.length; i++) {
      const name = option(args, i);
      const more = i + 1 < args.length;
      if (name === 'RANK' && more) {
        const value = integerArg(args, ++i);
        if (value === 0) throw new CommandError(RANK_ZERO);
        // -2^63 cannot be negated in C: Redis then takes the first match
        // from the tail, as rank -1 does.
        rank = value === -(2n ** 63n) ? -1 : indexOf(value);
      } else if (name === 'COUNT' && more) {
        const value = integerArg(args, ++i, "ERR COUNT can't be negative");
        if (value < 0) throw new CommandError("ERR COUNT can't be negative");
        count = indexOf(value);
      } else if (name === 'MAXLEN' && more) {
        const value = integerArg(args, ++i, "ERR MAXLEN can't be negative");
        if (value < 0) throw new CommandError("ERR MAXLEN can't be negative");
        maxlen = indexOf(value);
      } else throw new CommandError(Replies.syntax);
    }
    const list = keyspace.readList(args.latin1(1), now)?.value;
    const wanted = args.buffer(2);
    const fromTail = rank < 0;
    const skip = Math.abs(rank) - 1;
    const found: number[] = [];
    if (list !== undefined) {
      const length = list.length;
      const limit = maxlen === 0 ? length : Math.min(maxlen, length);
      let matches = 0;
      for (let step = 0; step < limit; step++) {
        const index = fromTail ? length - 1 - step : step;
        if (!list.at(index)!.equals(wanted)) continue;
        if (matches++ < skip) continue;
        found.push(index);
        // Without COUNT, the first match past the rank is the answer.
        if (count === -1 || (count > 0 && found.length >= count)) break;
      }
    }
    if (count === -1) {
      if (found.length === 0) reply.null();
      else reply.integer(found[0]!);
      return;
    }
    reply.arrayHeader(found.length);
    for (const index of found) reply.integer(index);
  },
};
