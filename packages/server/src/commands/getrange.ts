/**
 * GETRANGE: a substring by byte offsets, negative ones counting from the end.
 *
 * ```text
 * GETRANGE key start end
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { integerArg } from '../internal/args.js';

const clampToSafe = (n: number | bigint): number =>
  typeof n === 'bigint' ? (n < 0n ? -(2 ** 53) : 2 ** 53) : n;

export const getrange: Command = {
  name: 'getrange',
  arity: 4,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    let start = clampToSafe(integerArg(args, 2));
    let end = clampToSafe(integerArg(args, 3));
    const value = keyspace.readString(args.latin1(1), now)?.value;
    // Redis's getrangeCommand, step by step.
    if (start < 0 && end < 0 && start > end) {
      reply.bulk('');
      return;
    }
    const length = value?.length ?? 0;
    if (start < 0) start = length + start;
    if (end < 0) end = length + end;
    if (start < 0) start = 0;
    if (end < 0) end = 0;
    if (end >= length) end = length - 1;
    if (value === undefined || start > end || length === 0) {
      reply.bulk('');
      return;
    }
    reply.bulk(value.subarray(start, end + 1));
  },
};
