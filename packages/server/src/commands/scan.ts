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
import { integerArg, option } from '../internal/args.js';
import { globMatch } from '../internal/glob.js';

/**
 * A cursor as Redis 7.0's `parseScanCursorOrReply` reads it, with C's
 * `strtoul`: the text up to its first NUL byte; no leading whitespace; an
 * optional sign, then decimal digits; a value that fits 64 bits, a
 * negative one wrapping around as strtoul's does (`-1` is 2^64 - 1); and
 * the empty text is 0. Returns undefined for what Redis calls an invalid
 * cursor.
 */
export function parseCursor(text: string): bigint | undefined {
  const nul = text.indexOf('\0');
  const c = nul === -1 ? text : text.slice(0, nul);
  if (c === '') return 0n;
  const match = /^([+-]?)([0-9]+)$/.exec(c);
  if (match === null) return undefined;
  const magnitude = BigInt(match[2]!);
  if (magnitude >= 2n ** 64n) return undefined;
  return match[1] === '-' ? (2n ** 64n - magnitude) % 2n ** 64n : magnitude;
}

export const scan: Command = {
  name: 'scan',
  arity: -2,
  flags: ['readonly'],
  keys: NO_KEYS,
  execute({ reply, keyspace, now }, args) {
    const cursorValue = parseCursor(args.latin1(1));
    if (cursorValue === undefined) throw new CommandError('ERR invalid cursor');
    let count = 10;
    let pattern: string | undefined;
    let type: string | undefined;
    for (let i = 2; i < args.length; i += 2) {
      const name = option(args, i);
      if (i + 1 >= args.length) throw new CommandError(Replies.syntax);
      if (name === 'COUNT') {
        // A long long, as in Redis: below 1 is a syntax error, and a count
        // past 2^53 asks for no more than every key.
        const value = integerArg(args, i + 1);
        if (value < 1) throw new CommandError(Replies.syntax);
        count = Math.min(Number(value), Number.MAX_SAFE_INTEGER);
      } else if (name === 'MATCH') {
        // A lone `*` is no filter at all, as in Redis: it even keeps the
        // empty key, which globMatch's `*` does not match.
        const text = args.latin1(i + 1);
        pattern = text === '*' ? undefined : text;
      } else if (name === 'TYPE') {
        type = args.latin1(i + 1).toLowerCase();
      } else {
        throw new CommandError(Replies.syntax);
      }
    }
    // Cursors past any key this server handed out simply end the scan.
    const cursor = Number(cursorValue < 2n ** 53n ? cursorValue : 2n ** 53n - 1n);
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
