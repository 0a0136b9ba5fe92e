/**
 * LRANGE: the elements from start to stop, inclusive (negative indexes
 * count from the tail; out-of-range ones are clamped).
 *
 * ```text
 * LRANGE key start stop
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';
import { indexOf, listRange } from '../internal/lists.js';

export const lrange: Command = {
  name: 'lrange',
  arity: 4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const start = indexOf(integerArg(args, 2));
    const stop = indexOf(integerArg(args, 3));
    const list = keyspace.readList(args.latin1(1), now)?.value;
    const range = list === undefined ? undefined : listRange(start, stop, list.length);
    if (range === undefined) {
      reply.arrayHeader(0);
      return;
    }
    reply.arrayHeader(range[1] - range[0] + 1);
    for (const element of list!.range(range[0], range[1])) reply.bulk(element);
  },
};
