/**
 * HSCAN: iterates the fields of a hash with their values, a batch at a
 * time; cursor 0 starts and ends an iteration, and a field present for
 * the whole iteration is returned exactly once. A small hash (Redis's
 * listpack) comes whole in one reply with cursor 0, whatever the cursor
 * and COUNT, as Redis sends it. MATCH filters on the field.
 *
 * ```text
 * HSCAN key cursor [MATCH pattern] [COUNT count]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { globMatch } from '../internal/glob.js';
import { parseScanOptions, scanCursorArg } from '../internal/scan-options.js';

export const hscan: Command = {
  name: 'hscan',
  arity: -3,
  flags: ['readonly'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    const cursor = scanCursorArg(args, 2);
    const hash = keyspace.readHash(args.latin1(1), now)?.value;
    // An absent key is an empty scan; Redis parses no option for it.
    if (hash === undefined) {
      reply.arrayHeader(2);
      reply.bulk('0');
      reply.arrayHeader(0);
      return;
    }
    const { count, pattern } = parseScanOptions(args, 3, false);
    const batch =
      hash.encoding === 'listpack'
        ? { items: [...hash.fields()], cursor: 0 }
        : hash.scan(cursor, count);
    const fields =
      pattern === undefined
        ? batch.items
        : batch.items.filter((field) => globMatch(pattern, field));
    reply.arrayHeader(2);
    reply.bulk(String(batch.cursor));
    reply.arrayHeader(fields.length * 2);
    for (const field of fields) {
      reply.bulk(Buffer.from(field, 'latin1'));
      reply.bulk(hash.get(field)!);
    }
  },
};
