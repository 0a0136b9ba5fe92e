/**
 * KEYS: every key matching a glob pattern.
 *
 * ```text
 * KEYS pattern
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, NO_KEYS } from '../command.js';
import { globMatch } from '../internal/glob.js';

export const keys: Command = {
  name: 'keys',
  arity: 2,
  flags: ['readonly'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }, args) {
    const pattern = args.latin1(1);
    const all = pattern === '*';
    const found: string[] = [];
    for (const key of keyspace.keys(now)) if (all || globMatch(pattern, key)) found.push(key);
    reply.arrayHeader(found.length);
    for (const key of found) reply.bulk(Buffer.from(key, 'latin1'));
  },
};
