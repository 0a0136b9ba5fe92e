/**
 * BITFIELD: reads, sets and increments integer fields of 1 to 64 bits
 * (`i<bits>` signed, `u<bits>` unsigned up to 63) at any bit offset of a
 * string (`#n`: the n-th field of that width), growing it as needed. One
 * reply per GET, SET (the old value) and INCRBY (the new one); OVERFLOW
 * WRAP (default), SAT or FAIL (a null reply, nothing written) rules the
 * operations after it. Every argument is checked before anything runs.
 * The arithmetic is Redis's, bit for bit (internal/bitfield.ts).
 *
 * ```text
 * BITFIELD key [GET encoding offset | [OVERFLOW WRAP | SAT | FAIL]
 *   SET encoding offset value | INCRBY encoding offset increment ...]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { RequestArgs } from '@mini-redis/resp';
import { type Command, type CommandContext, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option, toInteger } from '../internal/args.js';
import {
  checkSigned,
  checkUnsigned,
  getSigned,
  getUnsigned,
  type OverflowMode,
  setField,
} from '../internal/bitfield.js';
import { forgetGrowth, growString } from '../internal/sds.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

interface Operation {
  readonly kind: 'GET' | 'SET' | 'INCRBY';
  readonly signed: boolean;
  readonly bits: number;
  readonly offset: number;
  readonly value: bigint;
  readonly mode: OverflowMode;
}

const BAD_TYPE =
  'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';
const BAD_OFFSET = 'ERR bit offset is not an integer or out of range';

// `i<bits>` or `u<bits>`, lower case only, as Redis reads them.
function fieldType(text: string): { signed: boolean; bits: number } {
  const signed = text[0] === 'i';
  if (!signed && text[0] !== 'u') throw new CommandError(BAD_TYPE);
  // C reads the number up to a NUL byte.
  const rest = text.slice(1).split('\0')[0]!;
  const bits = toInteger(rest);
  if (typeof bits !== 'number' || bits < 1 || bits > (signed ? 64 : 63))
    throw new CommandError(BAD_TYPE);
  return { signed, bits };
}

// A bit offset, or `#n` for n fields of `bits` bits (multiplied in 64 bits,
// as C does), within proto-max-bulk-len.
function fieldOffset(text: string, bits: number, maxBytes: number): number {
  const hash = text[0] === '#';
  const parsed = toInteger(hash ? text.slice(1) : text);
  if (parsed === undefined) throw new CommandError(BAD_OFFSET);
  const offset = hash ? BigInt.asIntN(64, BigInt(parsed) * BigInt(bits)) : BigInt(parsed);
  if (offset < 0n || offset >> 3n >= BigInt(maxBytes)) throw new CommandError(BAD_OFFSET);
  return Number(offset);
}

function parse(args: RequestArgs, maxBytes: number): Operation[] {
  const operations: Operation[] = [];
  let mode: OverflowMode = 'WRAP';
  for (let j = 2; j < args.length; j++) {
    const remaining = args.length - j - 1;
    const name = option(args, j);
    let kind: Operation['kind'];
    if (name === 'GET' && remaining >= 2) kind = 'GET';
    else if (name === 'SET' && remaining >= 3) kind = 'SET';
    else if (name === 'INCRBY' && remaining >= 3) kind = 'INCRBY';
    else if (name === 'OVERFLOW' && remaining >= 1) {
      const chosen = option(args, ++j);
      if (chosen !== 'WRAP' && chosen !== 'SAT' && chosen !== 'FAIL')
        throw new CommandError('ERR Invalid OVERFLOW type specified');
      mode = chosen;
      continue;
    } else throw new CommandError(Replies.syntax);
    const { signed, bits } = fieldType(args.latin1(j + 1));
    const offset = fieldOffset(args.latin1(j + 2), bits, maxBytes);
    const value = kind === 'GET' ? 0n : BigInt(integerArg(args, j + 3));
    operations.push({ kind, signed, bits, offset, value, mode });
    j += kind === 'GET' ? 2 : 3;
  }
  return operations;
}

const EMPTY = Buffer.alloc(0);

/** BITFIELD, and BITFIELD_RO when `readOnly` (which refuses SET and INCRBY). */
export function runBitfield(
  { reply, keyspace, now, server }: CommandContext,
  args: RequestArgs,
  readOnly: boolean,
): void {
  const operations = parse(args, server.config['proto-max-bulk-len']);
  const key = args.latin1(1);
  let highest = -1;
  for (const operation of operations)
    if (operation.kind !== 'GET')
      highest = Math.max(highest, operation.offset + operation.bits - 1);
  if (highest === -1) {
    const entry = keyspace.readString(key, now);
    const value = entry?.value ?? EMPTY;
    reply.arrayHeader(operations.length);
    for (const { signed, offset, bits } of operations)
      reply.integer(signed ? getSigned(value, offset, bits) : getUnsigned(value, offset, bits));
    return;
  }
  if (readOnly) throw new CommandError('ERR BITFIELD_RO only supports the GET subcommand');
  // Room up to the farthest bit written, made before any operation runs.
  // Creating or growing the string counts as a change only once an
  // operation writes (Redis's `dirty`): under OVERFLOW FAIL none may.
  const needed = (highest >>> 3) + 1;
  let entry = keyspace.getString(key, now);
  let grown = false;
  if (entry === undefined) {
    keyspace.set(key, Buffer.alloc(needed), now, 0, 'raw', false);
    entry = keyspace.getString(key, now)!;
    grown = true;
  } else {
    // Redis makes the value its own raw string before any write, even one
    // OVERFLOW FAIL then refuses (an exact copy unless it was raw already:
    // see sds.ts).
    if (entry.encoding !== 'raw') forgetGrowth(entry.value);
    entry.encoding = 'raw';
  }
  if (!grown && entry.value.length < needed) {
    // Grown with room to spare, as sdsgrowzero grows it.
    entry.value = growString(entry.value, needed);
    grown = true;
  }
  const value = entry.value;
  let changed = false;
  reply.arrayHeader(operations.length);
  for (const { kind, signed, bits, offset, value: argument, mode } of operations) {
    if (kind === 'GET') {
      reply.integer(signed ? getSigned(value, offset, bits) : getUnsigned(value, offset, bits));
      continue;
    }
    const old = signed ? getSigned(value, offset, bits) : getUnsigned(value, offset, bits);
    let next: bigint;
    let result: bigint;
    let overflow: number;
    if (kind === 'INCRBY') {
      const check = signed
        ? checkSigned(old, argument, bits, mode)
        : checkUnsigned(old, argument, bits, mode);
      overflow = check.overflow;
      next = check.limit ?? (signed ? old + argument : BigInt.asUintN(64, old + argument));
      result = next;
    } else {
      const wanted = signed ? argument : BigInt.asUintN(64, argument);
      const check = signed
        ? checkSigned(wanted, 0n, bits, mode)
        : checkUnsigned(wanted, 0n, bits, mode);
      overflow = check.overflow;
      next = check.limit ?? wanted;
      result = old;
    }
    if (overflow !== 0 && mode === 'FAIL') {
      reply.null();
      continue;
    }
    reply.integer(result);
    setField(value, offset, bits, next);
    if (grown || old !== next) changed = true;
  }
  if (changed) {
    keyspace.touch(key);
    keyspace.notify(NOTIFY_STRING, 'setbit', key);
  }
}

export const bitfield: Command = {
  name: 'bitfield',
  arity: -2,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute(context, args) {
    runBitfield(context, args, false);
  },
};
