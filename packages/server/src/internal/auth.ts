/**
 * Authentication for AUTH and HELLO's AUTH option: the ACL user named
 * (or `default`) with a password that matches one of its hashes, or any
 * password when it is `nopass`; never a user that is off. A failure is
 * Redis's WRONGPASS, and an entry of ACL LOG.
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { logRefusal } from '../acl/refusals.js';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';

/**
 * Authenticates the session as the user at argument `userAt` (-1: the
 * default user) with the password at `passwordAt`: the session then runs
 * as that user. Throws WRONGPASS's CommandError otherwise, having logged
 * the refusal (context `multi` inside EXEC, as Redis).
 */
export function authenticate(
  context: CommandContext,
  args: RequestArgs,
  userAt: number,
  passwordAt: number,
): void {
  const { server, session } = context;
  const name = userAt === -1 ? 'default' : args.latin1(userAt);
  const user = server.acl.authenticate(name, args.latin1(passwordAt));
  if (user === undefined) {
    logRefusal(server, session, {
      reason: 'auth',
      context: session.transaction === null ? 'toplevel' : 'multi',
      object: args.latin1(0),
      username: name,
    });
    throw new CommandError(Replies.wrongPass);
  }
  session.user = user;
  session.authenticated = true;
}
