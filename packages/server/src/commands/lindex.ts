/**
 * LINDEX: the element at an index (0 the head; negative from the tail),
 * or a null bulk when out of range or the key is absent.
 *
 * ```text
 * LINDEX key index
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';
import { indexOf } from '../internal/lists.js';

export const lindex: Command = {
  name: 'lindex',
  arity: 3,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // Redis looks the key up before it reads the index.
    const list = keyspace.readList(args.latin1(1), now)?.value;
    if (list === undefined) {
      reply.null();
      return;
    }
    reply.bulk(list.at(indexOf(integerArg(args, 2))) ?? null);
  },
};
