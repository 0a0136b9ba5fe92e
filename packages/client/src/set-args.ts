/**
 * The options of SET, GETEX, the EXPIRE family, SCAN, and CLIENT LIST and
 * KILL, and their arguments; shared by the client and pipelines.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { CommandArg } from '@mini-redis/resp';
import type { CommandOptions } from './commands.js';

/** SET's options, as Redis spells them. */
export interface SetOptions extends CommandOptions {
  readonly EX?: number;
  readonly PX?: number;
  readonly EXAT?: number;
  readonly PXAT?: number;
  readonly KEEPTTL?: boolean;
  readonly NX?: boolean;
  readonly XX?: boolean;
  /** Reply with the old value (or null) instead of OK. */
  readonly GET?: boolean;
}

/** GETEX's options: one expiry, or PERSIST. */
export interface GetexOptions extends CommandOptions {
  readonly EX?: number;
  readonly PX?: number;
  readonly EXAT?: number;
  readonly PXAT?: number;
  readonly PERSIST?: boolean;
}

/** The condition of EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT (Redis 7). */
export interface ExpireOptions extends CommandOptions {
  readonly mode?: 'NX' | 'XX' | 'GT' | 'LT';
}

/** The range of BITCOUNT and BITPOS: bytes, or bits with `unit: 'BIT'`; negative counts from the end. */
export interface BitRangeOptions extends CommandOptions {
  readonly start?: number;
  /** Needs `start`. */
  readonly end?: number;
  /** Needs `start` and `end` (default BYTE). */
  readonly unit?: 'BYTE' | 'BIT';
}

/** The range arguments of BITCOUNT and BITPOS. */
export function bitRangeArgs(options?: BitRangeOptions): CommandArg[] {
  if (options?.start === undefined) return [];
  if (options.end === undefined) return [options.start];
  return options.unit === undefined
    ? [options.start, options.end]
    : [options.start, options.end, options.unit];
}

/** A BITFIELD field type: `i1`-`i64` signed, `u1`-`u63` unsigned. */
export type BitfieldType = `${'i' | 'u'}${number}`;
/** A bit offset, or `#n` for the n-th field of the type's width. */
export type BitfieldOffset = number | `#${number}`;

/** One operation of `bitfield()`, in Redis's words. */
export type BitfieldOperation =
  | { readonly GET: readonly [BitfieldType, BitfieldOffset] }
  | { readonly SET: readonly [BitfieldType, BitfieldOffset, number | bigint] }
  | { readonly INCRBY: readonly [BitfieldType, BitfieldOffset, number | bigint] }
  | { readonly OVERFLOW: 'WRAP' | 'SAT' | 'FAIL' };

/** BITFIELD's arguments after the key. */
export function bitfieldArgs(operations: readonly BitfieldOperation[]): CommandArg[] {
  const args: CommandArg[] = [];
  for (const operation of operations) {
    if ('GET' in operation) args.push('GET', ...operation.GET);
    else if ('SET' in operation) args.push('SET', ...setOperand(operation.SET));
    else if ('INCRBY' in operation) args.push('INCRBY', ...setOperand(operation.INCRBY));
    else args.push('OVERFLOW', operation.OVERFLOW);
  }
  return args;
}

// A SET or INCRBY operand; a bigint value goes out as its decimal text.
function setOperand(
  operand: readonly [BitfieldType, BitfieldOffset, number | bigint],
): CommandArg[] {
  const [type, offset, value] = operand;
  return [type, offset, typeof value === 'bigint' ? value.toString() : value];
}

/** LCS IDX's options. */
export interface LcsIdxOptions extends CommandOptions {
  /** Leave out matches shorter than this. */
  readonly minMatchLen?: number;
}

/** One match of LCS IDX: [start, end] in the first string and in the second, both ends included, and its length. */
export interface LcsMatch {
  readonly first: readonly [number, number];
  readonly second: readonly [number, number];
  readonly length: number;
}

/** COPY's options, as Redis spells them. */
export interface CopyOptions extends CommandOptions {
  /** The database to copy into (default: the connection's). */
  readonly DB?: number;
  /** Overwrite the destination if it exists. */
  readonly REPLACE?: boolean;
}

/** MIGRATE's options, as Redis spells them. */
export interface MigrateOptions extends CommandOptions {
  /** Keep the keys here too (by default each key the target restored is deleted here). */
  readonly COPY?: boolean;
  /** Overwrite keys that exist on the target (else the target's BUSYKEY error is the reply). */
  readonly REPLACE?: boolean;
  /**
   * Log in to the target: a password (AUTH password, as the `default`
   * user), or a user and password (AUTH2).
   */
  readonly AUTH?: string | { readonly username: string; readonly password: string };
}

/** RESTORE's options, as Redis spells them. */
export interface RestoreOptions extends CommandOptions {
  /** Overwrite the key if it exists (else the command rejects with BUSYKEY). */
  readonly REPLACE?: boolean;
  /** The TTL is a Unix time in milliseconds, not a duration. */
  readonly ABSTTL?: boolean;
  /** Seconds since the key was last used (OBJECT IDLETIME); not with FREQ. */
  readonly IDLETIME?: number;
  /** The key's access frequency under an LFU policy (0-255); not with IDLETIME. */
  readonly FREQ?: number;
}

/** SCAN's options, as Redis spells them. */
export interface ScanOptions extends CommandOptions {
  /** A glob pattern the keys must match. */
  readonly MATCH?: string;
  /** How much work one call does: a hint, not the number of keys returned. */
  readonly COUNT?: number;
  /** Only keys of this type (`string`, ...). */
  readonly TYPE?: string;
}

/** SET's arguments from its options. */
export function setArgs(
  key: string,
  value: string | Buffer | number,
  options?: SetOptions,
): CommandArg[] {
  const args: CommandArg[] = ['SET', key, value];
  if (options === undefined) return args;
  if (options.EX !== undefined) args.push('EX', options.EX);
  if (options.PX !== undefined) args.push('PX', options.PX);
  if (options.EXAT !== undefined) args.push('EXAT', options.EXAT);
  if (options.PXAT !== undefined) args.push('PXAT', options.PXAT);
  if (options.KEEPTTL === true) args.push('KEEPTTL');
  if (options.NX === true) args.push('NX');
  if (options.XX === true) args.push('XX');
  if (options.GET === true) args.push('GET');
  return args;
}

/** GETEX's arguments from its options. */
export function getexArgs(key: string, options?: GetexOptions): CommandArg[] {
  const args: CommandArg[] = ['GETEX', key];
  if (options === undefined) return args;
  if (options.EX !== undefined) args.push('EX', options.EX);
  if (options.PX !== undefined) args.push('PX', options.PX);
  if (options.EXAT !== undefined) args.push('EXAT', options.EXAT);
  if (options.PXAT !== undefined) args.push('PXAT', options.PXAT);
  if (options.PERSIST === true) args.push('PERSIST');
  return args;
}

/** The arguments of an EXPIRE-family command, with its condition when given. */
export function expireArgs(
  name: 'EXPIRE' | 'PEXPIRE' | 'EXPIREAT' | 'PEXPIREAT',
  key: string,
  time: number,
  options?: ExpireOptions,
): CommandArg[] {
  return options?.mode === undefined ? [name, key, time] : [name, key, time, options.mode];
}

/** SCAN's arguments from its options. */
export function scanArgs(cursor: string | number, options?: ScanOptions): CommandArg[] {
  const args: CommandArg[] = ['SCAN', cursor];
  if (options === undefined) return args;
  if (options.MATCH !== undefined) args.push('MATCH', options.MATCH);
  if (options.COUNT !== undefined) args.push('COUNT', options.COUNT);
  if (options.TYPE !== undefined) args.push('TYPE', options.TYPE);
  return args;
}

/** A connection's type, as CLIENT LIST and CLIENT KILL filter by it. */
export type ClientType = 'normal' | 'master' | 'replica' | 'pubsub';

/** CLIENT LIST's filters, as Redis spells them (one or the other). */
export interface ClientListOptions extends CommandOptions {
  /** Only connections of this type. */
  readonly TYPE?: ClientType;
  /** Only the connections with these ids. */
  readonly ID?: readonly number[];
}

/**
 * CLIENT KILL's filters, as Redis spells them: a connection is closed when
 * it matches every filter given. At least one is needed.
 */
export interface ClientKillFilters {
  readonly ID?: number;
  readonly TYPE?: ClientType;
  /** The connection's `ip:port`, as CLIENT LIST's `addr`. */
  readonly ADDR?: string;
  /** The server's side, `ip:port`, as CLIENT LIST's `laddr`. */
  readonly LADDR?: string;
  /** Connections authenticated as this ACL user. */
  readonly USER?: string;
  /** Whether the connection sending it may be closed too: Redis's default is `true` (it is skipped). */
  readonly SKIPME?: boolean;
}

/** CLIENT LIST's arguments from its filters. */
export function clientListArgs(options?: ClientListOptions): CommandArg[] {
  const args: CommandArg[] = ['CLIENT', 'LIST'];
  if (options?.TYPE !== undefined) args.push('TYPE', options.TYPE);
  if (options?.ID !== undefined) args.push('ID', ...options.ID);
  return args;
}

/**
 * CLIENT KILL's arguments from its filters.
 *
 * @throws TypeError when no filter is given (Redis would take the next
 *   argument for the old `CLIENT KILL addr` form).
 */
export function clientKillArgs(filters: ClientKillFilters): CommandArg[] {
  const args: CommandArg[] = ['CLIENT', 'KILL'];
  if (filters.ID !== undefined) args.push('ID', filters.ID);
  if (filters.TYPE !== undefined) args.push('TYPE', filters.TYPE);
  if (filters.ADDR !== undefined) args.push('ADDR', filters.ADDR);
  if (filters.LADDR !== undefined) args.push('LADDR', filters.LADDR);
  if (filters.USER !== undefined) args.push('USER', filters.USER);
  if (filters.SKIPME !== undefined) args.push('SKIPME', filters.SKIPME ? 'yes' : 'no');
  if (args.length === 2) throw new TypeError('CLIENT KILL needs at least one filter');
  return args;
}
