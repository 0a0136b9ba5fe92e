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
import { CommandError, Replies } from '../errors.js';
import { option, safeIntegerArg } from '../internal/args.js';
import { globMatch } from '../internal/glob.js';

const CURSOR_SYNTAX = /^[0-9]{1,20}$/;

export const scan: Command = {
  name: 'scan',
  arity: -2,
  flags: ['readonly'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }, args) {
    const cursorText = args.latin1(1);
    if (!CURSOR_SYNTAX.test(cursorText) || BigInt(cursorText) >= 2n ** 64n)
      throw new CommandError('ERR invalid cursor');
    let count = 10;
    let pattern: string | undefined;
    let type: string | undefined;
    for (let i = 2; i < args.length; i += 2) {
      const name = option(args, i);
      if (i + 1 >= args.length) throw new CommandError(Replies.syntax);
      if (name === 'COUNT') {
        count = safeIntegerArg(args, i + 1);
        if (count < 1) throw new CommandError(Replies.syntax);
      } else if (name === 'MATCH') {
        pattern = args.latin1(i + 1);
      } else if (name === 'TYPE') {
        type = args.latin1(i + 1).toLowerCase();
      } else {
        throw new CommandError(Replies.syntax);
      }
    }
    // Cursors past any key this server handed out simply end the scan.
    const cursor = Math.min(Number(cursorText), Number.MAX_SAFE_INTEGER);
    const batch = keyspace.scan(cursor, count, now);
    const found = batch.keys.filter(
      (key) =>
        (pattern === undefined || globMatch(pattern, key)) &&
        (type === undefined || type === 'string'),
    );
    reply.arrayHeader(2);
    reply.bulk(String(batch.cursor));
    reply.arrayHeader(found.length);
    for (const key of found) reply.bulk(Buffer.from(key, 'latin1'));
  },
};
