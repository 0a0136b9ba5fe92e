/**
 * The set and list commands' arguments for the client's typed methods
 * (commands.ts), and what HSCAN, SSCAN and ZSCAN share.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { CommandArg } from '@mini-redis/resp';
import type { CommandOptions } from './commands.js';

/** One member (or list element), or several. */
export type SetMembers = string | Buffer | number | readonly (string | Buffer | number)[];

/** HSCAN's, SSCAN's and ZSCAN's options, as Redis spells them. */
export interface MemberScanOptions extends CommandOptions {
  /** A glob pattern the fields or members must match. */
  readonly MATCH?: string;
  /** How much work one call does: a hint, not the number returned. */
  readonly COUNT?: number;
}

/** SSCAN's options, as Redis spells them. */
export type SscanOptions = MemberScanOptions;

/** LPOS's options. */
export interface LposOptions extends CommandOptions {
  /** Which match to start from: 1 the first, -1 the first from the tail. */
  readonly RANK?: number;
  /** Look at no more than this many elements (0: all). */
  readonly MAXLEN?: number;
}

/** LPOS's arguments from its options, COUNT included when given. */
export function lposArgs(
  key: string,
  element: string | Buffer | number,
  count: number | undefined,
  options?: LposOptions,
): CommandArg[] {
  const args: CommandArg[] = ['LPOS', key, element];
  if (options?.RANK !== undefined) args.push('RANK', options.RANK);
  if (count !== undefined) args.push('COUNT', count);
  if (options?.MAXLEN !== undefined) args.push('MAXLEN', options.MAXLEN);
  return args;
}

/** SINTERCARD's options. */
export interface SintercardOptions extends CommandOptions {
  /** Stop counting at this many (0: no limit). */
  readonly LIMIT?: number;
}

/** `members` as arguments. */
export function memberArgs(members: SetMembers): (string | Buffer | number)[] {
  return Array.isArray(members) ? [...members] : [members as string | Buffer | number];
}

/** One key or several, as a list. */
export function keyList(keys: string | readonly string[]): readonly string[] {
  return typeof keys === 'string' ? [keys] : keys;
}

/** HSCAN's, SSCAN's or ZSCAN's arguments from its options. */
export function memberScanArgs(
  name: 'HSCAN' | 'SSCAN' | 'ZSCAN',
  key: string,
  cursor: string | number,
  options?: MemberScanOptions,
): CommandArg[] {
  const args: CommandArg[] = [name, key, cursor];
  if (options?.MATCH !== undefined) args.push('MATCH', options.MATCH);
  if (options?.COUNT !== undefined) args.push('COUNT', options.COUNT);
  return args;
}

/** SORT's and SORT_RO's options. */
export interface SortOptions extends CommandOptions {
  /** Sort by other keys' values (`weight_*`, `*->field` of a hash); a pattern without `*` keeps the elements' order. */
  readonly BY?: string;
  /** A window of the result. */
  readonly LIMIT?: { readonly offset: number; readonly count: number };
  /** Reply, per element, these keys' values (`#` for the element itself). */
  readonly GET?: string | readonly string[];
  /** Largest first. */
  readonly DESC?: boolean;
  /** Compare as bytes, not as numbers. */
  readonly ALPHA?: boolean;
}

/** SORT's options as arguments. */
export function sortArgs(options?: SortOptions): (string | number)[] {
  const args: (string | number)[] = [];
  if (options?.BY !== undefined) args.push('BY', options.BY);
  if (options?.LIMIT !== undefined) args.push('LIMIT', options.LIMIT.offset, options.LIMIT.count);
  for (const pattern of keyList(options?.GET ?? [])) args.push('GET', pattern);
  if (options?.DESC) args.push('DESC');
  if (options?.ALPHA) args.push('ALPHA');
  return args;
}
