/**
 * AUTH: authenticates the connection with the server's password.
 * The user is `default` unless named (ACL SETUSER creates others).
 *
 * ```text
 * AUTH [username] password
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { authenticate } from '../internal/auth.js';

export const auth: Command = {
  name: 'auth',
  arity: -2,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  keys: NO_KEYS,
  execute(context, args) {
    if (args.length > 3) throw new CommandError(Replies.syntax);
    // Redis's test: the default user needs no password (not requirepass,
    // which ACL SETUSER default can contradict).
    if (args.length === 2 && context.server.acl.defaultUser.nopass) {
      throw new CommandError(
        'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
      );
    }
    authenticate(context, args, args.length === 3 ? 1 : -1, args.length - 1);
    context.reply.ok();
  },
};
