/**
 * The options SET and GETEX share, parsed as Redis's
 * `parseExtendedStringArgumentsOrReply` does: every option is read before
 * any is checked for its value, so a conflict (`EX 10 PX 5`) or an unknown
 * word is a syntax error even when an expiration is not a number, and an
 * option may repeat where Redis lets it (`NX NX`, `EX 1 EX 2`: the last
 * expiration wins).
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { CommandError, Replies } from '../errors.js';
import { option } from './args.js';
import { deadlineArg, type ExpiryUnit } from './expiry.js';

/** What the options asked for. */
export interface StringOptions {
  /** SET only: store only if the key is absent (NX) or present (XX). */
  condition: 'NX' | 'XX' | undefined;
  /** SET only: reply with the old value. */
  get: boolean;
  /** SET only: keep the key's current deadline. */
  keepTtl: boolean;
  /** GETEX only: remove the deadline. */
  persist: boolean;
  /** EX, PX, EXAT or PXAT, when one was given. */
  unit: ExpiryUnit | undefined;
  /** The index of its time argument, checked only by `deadlineOf` (see there). */
  expireIndex: number;
}

/** No options: what a bare `SET key value` or `GETEX key` asks for. */
export const NO_OPTIONS: Readonly<StringOptions> = Object.freeze({
  condition: undefined,
  get: false,
  keepTtl: false,
  persist: false,
  unit: undefined,
  expireIndex: -1,
});

/**
 * Parses `args` from index `start` for `command`. Throws a CommandError
 * with Redis's `syntax error` for an unknown, misplaced or conflicting
 * option; the expiration's value is not looked at (see `deadlineOf`).
 */
export function parseStringOptions(
  args: RequestArgs,
  start: number,
  command: 'set' | 'getex',
): StringOptions {
  const set = command === 'set';
  const options: StringOptions = { ...NO_OPTIONS };
  for (let i = start; i < args.length; i++) {
    const name = option(args, i);
    const hasNext = i + 1 < args.length;
    // Which other options each one excludes, exactly as Redis checks them.
    if (name === 'NX' && set && options.condition !== 'XX') options.condition = 'NX';
    else if (name === 'XX' && set && options.condition !== 'NX') options.condition = 'XX';
    else if (name === 'GET' && set) options.get = true;
    else if (name === 'KEEPTTL' && set && options.unit === undefined) options.keepTtl = true;
    else if (name === 'PERSIST' && !set && options.unit === undefined) options.persist = true;
    else if (
      (name === 'EX' || name === 'PX' || name === 'EXAT' || name === 'PXAT') &&
      !options.keepTtl &&
      !options.persist &&
      (options.unit === undefined || options.unit === name) &&
      hasNext
    ) {
      options.unit = name;
      options.expireIndex = ++i;
    } else {
      throw new CommandError(Replies.syntax);
    }
  }
  return options;
}

/**
 * The absolute deadline (ms) the options' expiration means, or undefined
 * without one. Throws a CommandError with Redis's reply for a bad value
 * (not an integer; `invalid expire time in 'set' command`). Separate from
 * parsing because Redis checks it at different points: SET before looking
 * at the key, GETEX after (a missing key replies nil whatever the time).
 */
export function deadlineOf(
  args: RequestArgs,
  options: Readonly<StringOptions>,
  command: 'set' | 'getex',
  now: number,
): number | undefined {
  return options.unit === undefined
    ? undefined
    : deadlineArg(args, options.expireIndex, options.unit, command, now);
}
