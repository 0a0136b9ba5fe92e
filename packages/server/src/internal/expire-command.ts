/**
 * EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT, following Redis's
 * `expireGenericCommand`: options are checked first, then the time (which
 * may be negative: a deadline in the past deletes the key), then the
 * NX/XX/GT/LT conditions, where a key without a deadline counts as never
 * expiring.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';
import { integerArg, option, quoted } from './args.js';

const MAX_MS = 2 ** 63 - 1;

/** Applies an expire command; `relative` adds the time to now; `seconds` is its unit. */
export function expireCommand(
  context: CommandContext,
  args: RequestArgs,
  name: string,
  relative: boolean,
  seconds: boolean,
): void {
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  for (let i = 3; i < args.length; i++) {
    const flag = option(args, i);
    if (flag === 'NX') nx = true;
    else if (flag === 'XX') xx = true;
    else if (flag === 'GT') gt = true;
    else if (flag === 'LT') lt = true;
    else {
      // Redis's addReplyErrorFormat trims CR and LF off the ends of its
      // message (the encoder turns those inside it into spaces).
      const option = quoted(args, i).replace(/[\r\n]+$/, '');
      throw new CommandError(`ERR Unsupported option ${option}`);
    }
  }
  if (nx && (xx || gt || lt))
    throw new CommandError('ERR NX and XX, GT or LT options at the same time are not compatible');
  if (gt && lt) throw new CommandError('ERR GT and LT options at the same time are not compatible');
  const raw = integerArg(args, 2);
  let when = typeof raw === 'bigint' ? Number(raw) : raw;
  if (seconds) {
    if (Math.abs(when) > MAX_MS / 1000) throw new CommandError(Replies.invalidExpire(name));
    when *= 1000;
  }
  const { keyspace, now, reply } = context;
  if (relative) {
    if (when > MAX_MS - now) throw new CommandError(Replies.invalidExpire(name));
    when += now;
  }
  const key = args.latin1(1);
  const entry = keyspace.get(key, now);
  if (entry === undefined) {
    reply.integer(0);
    return;
  }
  const current = entry.expiresAt === 0 ? -1 : entry.expiresAt;
  if (
    (nx && current !== -1) ||
    (xx && current === -1) ||
    (gt && (current === -1 || when <= current)) ||
    (lt && current !== -1 && when >= current)
  ) {
    reply.integer(0);
    return;
  }
  if (when <= now) {
    keyspace.delete(key);
    keyspace.notify(NOTIFY_GENERIC, 'del', key);
  } else {
    keyspace.setExpiry(key, entry, when);
    keyspace.notify(NOTIFY_GENERIC, 'expire', key);
  }
  reply.integer(1);
}
