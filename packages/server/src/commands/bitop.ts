/**
 * BITOP: stores the bitwise AND, OR or XOR of strings (the shorter ones
 * padded with zero bytes, missing keys empty), or the NOT of one, at
 * `destkey` without a deadline, and replies with its length. An empty
 * result deletes `destkey`.
 *
 * ```text
 * BITOP AND | OR | XOR | NOT destkey key [key ...]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { Command } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { option } from '../internal/args.js';
import { NOTIFY_GENERIC, NOTIFY_STRING } from '../keyspace-events.js';

export const bitop: Command = {
  name: 'bitop',
  arity: -4,
  flags: ['write', 'denyoom'],
  keys: [2, -1, 1],
  execute({ reply, keyspace, now }, args) {
    const operation = option(args, 1);
    if (operation !== 'AND' && operation !== 'OR' && operation !== 'XOR' && operation !== 'NOT')
      throw new CommandError(Replies.syntax);
    if (operation === 'NOT' && args.length !== 4)
      throw new CommandError('ERR BITOP NOT must be called with a single source key.');
    const sources: Buffer[] = [];
    let longest = 0;
    for (let i = 3; i < args.length; i++) {
      const source = args.latin1(i);
      const entry = keyspace.readString(source, now);
      const value = entry?.value ?? Buffer.alloc(0);
      sources.push(value);
      if (value.length > longest) longest = value.length;
    }
    const destination = args.latin1(2);
    if (longest === 0) {
      if (keyspace.delete(destination)) keyspace.notify(NOTIFY_GENERIC, 'del', destination);
      reply.integer(0);
      return;
    }
    const result = Buffer.alloc(longest);
    if (operation === 'NOT') {
      const source = sources[0]!;
      for (let i = 0; i < longest; i++) result[i] = ~source[i]! & 0xff;
    } else {
      // A missing byte (past a shorter source's end) is a zero byte.
      sources[0]!.copy(result);
      for (let s = 1; s < sources.length; s++) {
        const source = sources[s]!;
        for (let i = 0; i < longest; i++) {
          const byte = i < source.length ? source[i]! : 0;
          if (operation === 'AND') result[i]! &= byte;
          else if (operation === 'OR') result[i]! |= byte;
          else result[i]! ^= byte;
        }
      }
    }
    keyspace.set(destination, result, now, 0, 'raw');
    keyspace.notify(NOTIFY_STRING, 'set', destination);
    reply.integer(longest);
  },
};
