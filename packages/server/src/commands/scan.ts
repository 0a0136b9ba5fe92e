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

import { Buffer } from 'node:buffer';
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
    const batch = keyspace.scan(cursor, count);
    const found: string[] = [];
    for (const key of batch.keys) {
      if (pattern !== undefined && !globMatch(pattern, key)) continue;
      // As Redis does, after MATCH: a key whose deadline passed is deleted
      // here (with its \`expired\` notification); TYPE's lookup also reports
      // the miss. Not an access for OBJECT IDLETIME (LOOKUP_NOTOUCH).
      const entry =
        type === undefined ? keyspace.get(key, now, false) : keyspace.read(key, now, false);
      if (entry === undefined) continue;
      if (type !== undefined && typeOf(entry.value) !== type) continue;
      found.push(key);
    }
    reply.arrayHeader(2);
    reply.bulk(String(batch.cursor));
    reply.arrayHeader(found.length);
    for (const key of found) reply.bulk(Buffer.from(key, 'latin1'));
  },
};
