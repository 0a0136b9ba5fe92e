/**
 * Splitting inline commands (`SET key "hello world"` typed into telnet)
 * exactly as Redis's `sdssplitargs` does:
 *
 * - arguments are separated by spaces, tabs, CR, LF, vertical tabs and form feeds;
 * - `"double quotes"` understand `\n \r \t \b \a`, `\xHH`, and `\` before any other character;
 * - `'single quotes'` understand only `\'`;
 * - a closing quote must be followed by whitespace or the end;
 * - a quote may start in the middle of an argument (`a"b c"` is `ab c`);
 * - a NUL byte ends the input, as it ends a C string.
 *
 * @module
 */

import { Buffer } from 'node:buffer';

function isSpace(byte: number): boolean {
  return byte === 32 || (byte >= 9 && byte <= 13);
}

function hexValue(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 97 && byte <= 102) return byte - 87;
  if (byte >= 65 && byte <= 70) return byte - 55;
  return -1;
}

const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 97: 7 };

/**
 * Splits `line[start, end)` into arguments. Returns `null` for unbalanced
 * quotes (Redis replies `Protocol error: unbalanced quotes in request`).
 */
export function splitInlineArgs(line: Uint8Array, start = 0, end = line.length): Buffer[] | null {
  const plain = splitPlain(line, start, end);
  if (plain !== null) return plain;
  const args: Buffer[] = [];
  // A byte at or past `end` reads as NUL, like the terminator of a C string.
  const at = (i: number): number => (i < end ? line[i]! : 0);
  let p = start;
  for (;;) {
    while (at(p) !== 0 && isSpace(at(p))) p++;
    if (at(p) === 0) return args;
    const current: number[] = [];
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const c = at(p);
      if (inDouble) {
        if (
          c === 92 &&
          at(p + 1) === 120 &&
          hexValue(at(p + 2)) !== -1 &&
          hexValue(at(p + 3)) !== -1
        ) {
          current.push(hexValue(at(p + 2)) * 16 + hexValue(at(p + 3)));
          p += 3;
        } else if (c === 92 && at(p + 1) !== 0) {
          p++;
          const escaped = at(p);
          current.push(ESCAPES[escaped] ?? escaped);
        } else if (c === 34) {
          // The closing quote must be followed by a space or nothing.
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current.push(c);
        }
      } else if (inSingle) {
        if (c === 92 && at(p + 1) === 39) {
          p++;
          current.push(39);
        } else if (c === 39) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current.push(c);
        }
      } else if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0) {
        done = true;
      } else if (c === 34) {
        inDouble = true;
      } else if (c === 39) {
        inSingle = true;
      } else {
        current.push(c);
      }
      if (at(p) !== 0) p++;
    }
    args.push(Buffer.from(current));
  }
}

// Measured fast path (redis-benchmark's PING_INLINE): a line without quotes,
// backslashes or NUL bytes splits on whitespace alone, one copy per
// argument. Returns null when the line needs the full rules above.
function splitPlain(line: Uint8Array, start: number, end: number): Buffer[] | null {
  const args: Buffer[] = [];
  let p = start;
  while (p < end) {
    while (p < end && isSpace(line[p]!)) p++;
    if (p === end) break;
    const from = p;
    for (; p < end; p++) {
      const c = line[p]!;
      // Inside a word only space, tab, CR and LF end it (\v and \f do not).
      if (c === 32 || c === 9 || c === 10 || c === 13) break;
      if (c === 34 || c === 39 || c === 92 || c === 0 || c === 11 || c === 12) return null;
    }
    args.push(Buffer.from(line.subarray(from, p)));
  }
  return args;
}
