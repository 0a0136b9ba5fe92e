/**
 * OBJECT: how a key's value is held. ENCODING (`int`, `embstr` or `raw`,
 * as Redis 7.0 would hold the string: internal/object-encoding.ts),
 * REFCOUNT (1, or 2147483647 for the integers 0-9999 Redis shares),
 * IDLETIME (whole seconds since a command last looked the key up; TYPE,
 * TTL, EXISTS and OBJECT do not count), unless an LFU maxmemory policy is
 * set, and FREQ (the key's LFU counter: lfu.ts), only then, as in Redis.
 * A missing key is a null.
 *
 * ```text
 * OBJECT ENCODING key | OBJECT FREQ key | OBJECT IDLETIME key | OBJECT REFCOUNT key | OBJECT HELP
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { quoted } from '../internal/args.js';
import { replyHelp } from '../internal/help.js';
import { objectEncoding, objectRefcount } from '../internal/object-encoding.js';
import { decayedFrequency } from '../lfu.js';

// Redis 7.0's lines.
const HELP = [
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
];

export const object: Command = {
  name: 'object',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['encoding', 3],
    ['freq', 3],
    ['idletime', 3],
    ['refcount', 3],
    ['help', 2],
  ]),
  execute({ reply, keyspace, now }, args) {
    const sub = args.latin1(1).toLowerCase();
    if (sub === 'help') {
      replyHelp(reply, 'OBJECT', HELP);
      return;
    }
    if (sub !== 'encoding' && sub !== 'freq' && sub !== 'idletime' && sub !== 'refcount')
      throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'object'));
    // Neither an access (IDLETIME) nor a miss to notify, as in Redis; but
    // a hit or a miss for INFO.
    const entry = keyspace.get(args.latin1(2), now, false);
    keyspace.countLookup(entry !== undefined);
    if (entry === undefined) {
      reply.null();
      return;
    }
    switch (sub) {
      case 'encoding':
        reply.bulk(objectEncoding(entry));
        return;
      case 'refcount':
        reply.integer(objectRefcount(entry));
        return;
      case 'idletime':
        if (keyspace.lfu !== null)
          throw new CommandError(
            'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
          );
        // Redis's LRU clock counts whole seconds.
        reply.integer(Math.floor(now / 1000) - Math.floor(entry.accessedAt / 1000));
        return;
      case 'freq':
        if (keyspace.lfu === null)
          throw new CommandError(
            'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
          );
        // Decayed as it would be now; looking does not count as an access.
        reply.integer(decayedFrequency(entry, now, keyspace.lfu));
        return;
    }
  },
};
