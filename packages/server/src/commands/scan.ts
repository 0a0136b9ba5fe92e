/**
 * SCAN: iterates the keys a batch at a time. Cursor 0 starts and ends an
 * iteration; a key present for the whole iteration is returned exactly once.
 *
 * ```text
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { globMatch } from '../internal/glob.js';
import { parseScanOptions, scanCursorArg } from '../internal/scan-options.js';
import { typeOf } from '../keyspace.js';

export const scan: Command = {
  name: 'scan',
  arity: -2,
  flags: ['readonly'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }, args) {
    const cursor = scanCursorArg(args, 1);
    const { count, pattern, type } = parseScanOptions(args, 2, true);
    const batch = keyspace.scan(cursor, count, now);
    const found = batch.keys.filter(
      (key) =>
        (pattern === undefined || globMatch(pattern, key)) &&
        // Not an access for OBJECT IDLETIME (Redis's LOOKUP_NOTOUCH).
        (type === undefined || typeOf(keyspace.read(key, now, false)!.value) === type),
    );
    reply.arrayHeader(2);
    reply.bulk(String(batch.cursor));
    reply.arrayHeader(found.length);
    for (const key of found) reply.bulk(Buffer.from(key, 'latin1'));
  },
};
