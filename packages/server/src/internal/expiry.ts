/**
 * Turning expiration arguments into deadlines, with Redis's checks and
 * texts: a relative time must be positive, and no unit may overflow a
 * signed 64-bit count of milliseconds.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from './args.js';

/** How an expiration argument is to be read. */
export type ExpiryUnit = 'EX' | 'PX' | 'EXAT' | 'PXAT';

// Redis keeps deadlines in signed 64-bit milliseconds.
const MAX_MS = 2 ** 63 - 1;

/**
 * The absolute deadline (ms) that argument `i` means in `unit`, for
 * SET/GETEX, which refuse zero and negative values.
 */
export function deadlineArg(
  args: RequestArgs,
  i: number,
  unit: ExpiryUnit,
  command: string,
  now: number,
): number {
  const raw = integerArg(args, i);
  const value = typeof raw === 'bigint' ? Number(raw) : raw;
  if (value <= 0) throw new CommandError(Replies.invalidExpire(command));
  const milliseconds = unit === 'EX' || unit === 'EXAT' ? value * 1000 : value;
  if (!Number.isFinite(milliseconds) || milliseconds > MAX_MS)
    throw new CommandError(Replies.invalidExpire(command));
  const deadline = unit === 'EX' || unit === 'PX' ? now + milliseconds : milliseconds;
  if (deadline > MAX_MS) throw new CommandError(Replies.invalidExpire(command));
  return deadline;
}
