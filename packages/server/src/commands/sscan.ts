/**
 * SSCAN: iterates the members of a set a batch at a time; cursor 0 starts
 * and ends an iteration, and a member present for the whole iteration is
 * returned exactly once. An intset comes whole in one reply with cursor 0,
 * whatever the cursor and COUNT, as Redis sends it.
 *
 * ```text
 * SSCAN key cursor [MATCH pattern] [COUNT count]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { globMatch } from '../internal/glob.js';
import { parseScanOptions, scanCursorArg } from '../internal/scan-options.js';

export const sscan: Command = {
  name: 'sscan',
  arity: -3,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const cursor = scanCursorArg(args, 2);
    const set = keyspace.readSet(args.latin1(1), now)?.value;
    // An absent key is an empty scan; Redis parses no option for it.
    if (set === undefined) {
      reply.arrayHeader(2);
      reply.bulk('0');
      reply.arrayHeader(0);
      return;
    }
    const { count, pattern } = parseScanOptions(args, 3, false);
    const batch =
      set.encoding === 'intset'
        ? { items: [...set.members()], cursor: 0 }
        : set.scan(cursor, count);
    const members =
      pattern === undefined
        ? batch.items
        : batch.items.filter((member) => globMatch(pattern, member));
    reply.arrayHeader(2);
    reply.bulk(String(batch.cursor));
    reply.arrayHeader(members.length);
    for (const member of members) reply.bulk(Buffer.from(member, 'latin1'));
  },
};
