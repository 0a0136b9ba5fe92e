/**
 * LCS: the longest common subsequence of two strings (missing keys are
 * empty): the subsequence itself, its length (LEN), or the matching ranges
 * in both strings from the end backward (IDX, with MINMATCHLEN and
 * WITHMATCHLEN), computed as Redis does, with its dynamic-programming
 * table. That table takes (len1 + 1) * (len2 + 1) * 4 bytes, and is
 * refused past `proto-max-bulk-len`, as in Redis: the bound on this
 * command's memory.
 *
 * ```text
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { Command } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from '../internal/args.js';

const EMPTY = Buffer.alloc(0);

export const lcs: Command = {
  name: 'lcs',
  arity: -3,
  flags: ['readonly'],
  keys: [1, 2, 1],
  execute({ reply, keyspace, now, server }, args) {
    // Both keys are looked up before either's type is checked, as in Redis.
    const first = keyspace.read(args.latin1(1), now)?.value ?? EMPTY;
    const second = keyspace.read(args.latin1(2), now)?.value ?? EMPTY;
    if (!(first instanceof Buffer && second instanceof Buffer))
      throw new CommandError('ERR The specified keys must contain string values');
    const a = first;
    const b = second;
    let wantIndexes = false;
    let wantLength = false;
    let withMatchLength = false;
    let minMatchLength = 0;
    for (let i = 3; i < args.length; i++) {
      const name = option(args, i);
      if (name === 'IDX') wantIndexes = true;
      else if (name === 'LEN') wantLength = true;
      else if (name === 'WITHMATCHLEN') withMatchLength = true;
      else if (name === 'MINMATCHLEN' && i + 1 < args.length) {
        const value = integerArg(args, ++i);
        minMatchLength = value < 0 ? 0 : Number(value);
      } else throw new CommandError(Replies.syntax);
    }
    if (wantIndexes && wantLength)
      throw new CommandError('ERR If you want both the length and indexes, please just use IDX.');
    const columns = b.length + 1;
    if ((a.length + 1) * columns * 4 > server.config['proto-max-bulk-len'])
      throw new CommandError(
        'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len',
      );
    // table[i * columns + j]: the LCS length of a[0, i) and b[0, j).
    const table = new Uint32Array((a.length + 1) * columns);
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const at = i * columns + j;
        if (a[i - 1] === b[j - 1]) table[at] = table[at - columns - 1]! + 1;
        else table[at] = Math.max(table[at - columns]!, table[at - 1]!);
      }
    }
    const total = table[a.length * columns + b.length]!;
    if (wantLength) {
      reply.integer(total);
      return;
    }
    // Walk back from the end, as Redis does: the subsequence is built from
    // its last byte, and the ranges come out last first.
    const result = Buffer.alloc(total);
    const ranges: [number, number, number, number][] = [];
    let left = total;
    let i = a.length;
    let j = b.length;
    let aStart = -1;
    let aEnd = 0;
    let bStart = 0;
    let bEnd = 0;
    while (i > 0 && j > 0) {
      let emit = false;
      if (a[i - 1] === b[j - 1]) {
        result[left - 1] = a[i - 1]!;
        if (aStart === -1) {
          aStart = aEnd = i - 1;
          bStart = bEnd = j - 1;
        } else if (aStart === i && bStart === j) {
          // Contiguous with the current range: extend it backward.
          aStart--;
          bStart--;
        } else emit = true;
        // A range that reached the first byte of either string ends here.
        if (aStart === 0 || bStart === 0) emit = true;
        left--;
        i--;
        j--;
      } else {
        if (table[(i - 1) * columns + j]! > table[i * columns + j - 1]!) i--;
        else j--;
        if (aStart !== -1) emit = true;
      }
      if (emit) {
        if (minMatchLength === 0 || aEnd - aStart + 1 >= minMatchLength)
          ranges.push([aStart, aEnd, bStart, bEnd]);
        aStart = -1;
      }
    }
    if (!wantIndexes) {
      reply.bulk(result);
      return;
    }
    reply.mapHeader(2);
    reply.bulk('matches');
    reply.arrayHeader(ranges.length);
    for (const [from, to, otherFrom, otherTo] of ranges) {
      reply.arrayHeader(withMatchLength ? 3 : 2);
      reply.arrayHeader(2);
      reply.integer(from);
      reply.integer(to);
      reply.arrayHeader(2);
      reply.integer(otherFrom);
      reply.integer(otherTo);
      if (withMatchLength) reply.integer(to - from + 1);
    }
    reply.bulk('len');
    reply.integer(total);
  },
};
