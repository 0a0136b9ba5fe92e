/**
 * Stream entry IDs (`<ms>-<seq>`, two unsigned 64-bit integers) as Redis
 * 7.0 reads, compares and prints them: t_stream.c's
 * `streamGenericParseIDOrReply`, `streamIncrID`, `streamDecrID` and
 * `streamCompareID`. IDs are bigints because both halves use all 64 bits
 * (`XADD s 18446744073709551615-18446744073709551615 f v` is valid).
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { CommandError } from '../errors.js';
import { toInteger } from './args.js';

/** A stream entry ID. Treat as immutable: streams share them. */
export interface StreamId {
  readonly ms: bigint;
  readonly seq: bigint;
}

/** The largest unsigned 64-bit integer, each half's maximum. */
export const UINT64_MAX = 2n ** 64n - 1n;

/** `0-0`, the smallest ID (and what `-` means). */
export const MIN_ID: StreamId = { ms: 0n, seq: 0n };

/** The largest ID (what `+` means). */
export const MAX_ID: StreamId = { ms: UINT64_MAX, seq: UINT64_MAX };

/** The reply for an ID that does not parse. */
export const INVALID_ID = 'ERR Invalid stream ID specified as stream command argument';

/** -1, 0 or 1 as `a` is before, equal to or after `b`. */
export function compareIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

/** Whether `id` is `0-0`. */
export function isZeroId(id: StreamId): boolean {
  return id.ms === 0n && id.seq === 0n;
}

/** The ID after `id`, or undefined after the largest (Redis's streamIncrID failing). */
export function nextId(id: StreamId): StreamId | undefined {
  if (id.seq !== UINT64_MAX) return { ms: id.ms, seq: id.seq + 1n };
  if (id.ms !== UINT64_MAX) return { ms: id.ms + 1n, seq: 0n };
  return undefined;
}

/** The ID before `id`, or undefined before `0-0` (Redis's streamDecrID failing). */
export function previousId(id: StreamId): StreamId | undefined {
  if (id.seq !== 0n) return { ms: id.ms, seq: id.seq - 1n };
  if (id.ms !== 0n) return { ms: id.ms - 1n, seq: UINT64_MAX };
  return undefined;
}

/** `<ms>-<seq>`, as replies carry it. */
export function formatId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

// C's isspace, which strtoull skips before the number.
const LEADING_SPACE = /^[ \t\n\v\f\r]*/;

/**
 * Redis's string2ull: string2ll's strict digits first (a negative one
 * fails), then C's strtoull, which also takes leading spaces, a sign and
 * leading zeros, and wraps a negative value (`-05` is 2^64 - 5).
 */
function parseUint64(text: string): bigint | undefined {
  const strict = toInteger(text);
  if (strict !== undefined) return strict < 0 ? undefined : BigInt(strict);
  const match = /^([+-]?)([0-9]+)$/.exec(text.replace(LEADING_SPACE, ''));
  if (match === null) return undefined;
  const value = BigInt(match[2]!);
  if (value > UINT64_MAX) return undefined;
  return match[1] === '-' && value !== 0n ? 2n ** 64n - value : value;
}

/** How an ID argument may be written, beyond `<ms>[-<seq>]`. */
export interface IdSyntax {
  /** Whether `-` and `+` (the smallest and largest IDs) are refused. */
  readonly strict: boolean;
  /** The sequence of an ID written as `<ms>` alone. */
  readonly missingSeq: bigint;
}

/**
 * Parses `text` as an ID, or undefined when it is not one. `<ms>-*`
 * parses only when `autoSeq` is given: it is set to true then (XADD
 * picks the sequence).
 */
export function parseId(
  text: string,
  syntax: IdSyntax,
  autoSeq?: { value: boolean },
): StreamId | undefined {
  // Redis copies the argument into a 128-byte buffer first.
  if (text.length > 127) return undefined;
  if (text === '-') return syntax.strict ? undefined : MIN_ID;
  if (text === '+') return syntax.strict ? undefined : MAX_ID;
  const dash = text.indexOf('-');
  const ms = parseUint64(dash === -1 ? text : text.slice(0, dash));
  if (ms === undefined) return undefined;
  if (dash === -1) return { ms, seq: syntax.missingSeq };
  const rest = text.slice(dash + 1);
  if (autoSeq !== undefined && rest === '*') {
    autoSeq.value = true;
    return { ms, seq: 0n };
  }
  const seq = parseUint64(rest);
  return seq === undefined ? undefined : { ms, seq };
}

/** Argument `i` as an ID where `-` and `+` are not allowed, or the invalid-ID error. */
export function strictIdArg(args: RequestArgs, i: number): StreamId {
  const id = parseId(args.latin1(i), { strict: true, missingSeq: 0n });
  if (id === undefined) throw new CommandError(INVALID_ID);
  return id;
}

/**
 * Argument `i` as one end of a range (XRANGE, XPENDING, XAUTOCLAIM):
 * `-`, `+`, an ID (`missingSeq` completes `<ms>`), or `(` and an ID
 * for an open end, which moves the ID one step inward (`start` says
 * which way). Errors as Redis's: the invalid-ID reply, or `invalid start
 * ID for the interval` when there is no ID past it.
 */
export function rangeIdArg(args: RequestArgs, i: number, end: 'start' | 'end'): StreamId {
  const text = args.latin1(i);
  const missingSeq = end === 'start' ? 0n : UINT64_MAX;
  const exclusive = text.length > 1 && text.startsWith('(');
  const id = exclusive
    ? parseId(text.slice(1), { strict: true, missingSeq })
    : parseId(text, { strict: false, missingSeq });
  if (id === undefined) throw new CommandError(INVALID_ID);
  if (!exclusive) return id;
  const moved = end === 'start' ? nextId(id) : previousId(id);
  if (moved === undefined) throw new CommandError(`ERR invalid ${end} ID for the interval`);
  return moved;
}
