/**
 * ZSCAN: iterates the members of a sorted set with their scores, a batch
 * at a time; cursor 0 starts and ends an iteration, and a member present
 * for the whole iteration is returned exactly once. A small sorted set
 * (Redis's listpack) comes whole in one reply with cursor 0, in score
 * order, whatever the cursor and COUNT, as Redis sends it. MATCH filters
 * on the member. Scores come as bulk strings in either protocol.
 *
 * ```text
 * ZSCAN key cursor [MATCH pattern] [COUNT count]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { globMatch } from '../internal/glob.js';
import { parseScanOptions, scanCursorArg } from '../internal/scan-options.js';
import { formatScore } from '../internal/scores.js';

export const zscan: Command = {
  name: 'zscan',
  arity: -3,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const cursor = scanCursorArg(args, 2);
    const zset = keyspace.readZset(args.latin1(1), now)?.value;
    // An absent key is an empty scan; Redis parses no option for it.
    if (zset === undefined) {
      reply.arrayHeader(2);
      reply.bulk('0');
      reply.arrayHeader(0);
      return;
    }
    const { count, pattern } = parseScanOptions(args, 3, false);
    const batch =
      zset.encoding === 'listpack'
        ? { items: [...zset.nodes()].map((node) => node.member), cursor: 0 }
        : zset.scan(cursor, count);
    const members =
      pattern === undefined
        ? batch.items
        : batch.items.filter((member) => globMatch(pattern, member));
    reply.arrayHeader(2);
    reply.bulk(String(batch.cursor));
    reply.arrayHeader(members.length * 2);
    for (const member of members) {
      reply.bulk(Buffer.from(member, 'latin1'));
      reply.bulk(formatScore(zset.score(member)!));
    }
  },
};
