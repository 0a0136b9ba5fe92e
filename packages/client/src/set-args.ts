/**
 * SET's options and their arguments, shared by the client and pipelines.
 *
 * @module
 */

import type { CommandArg } from '@mini-redis/resp';
import type { CommandOptions } from './redis-client.js';

/** SET's options, as Redis spells them. */
export interface SetOptions extends CommandOptions {
  readonly EX?: number;
  readonly PX?: number;
  readonly EXAT?: number;
  readonly PXAT?: number;
  readonly KEEPTTL?: boolean;
  readonly NX?: boolean;
  readonly XX?: boolean;
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
  return args;
}
