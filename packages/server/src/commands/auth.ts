/**
 * AUTH: authenticates the connection with the server's password.
 * Only the `default` user exists.
 *
 * ```text
 * AUTH [username] password
 * ```
 *
 * @module
 */

import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { checkPassword } from '../internal/auth.js';

export const auth: Command = {
  name: 'auth',
  arity: -2,
  flags: ['noscript', 'loading', 'stale', 'fast', 'no_auth', 'allow_busy'],
  keys: NO_KEYS,
  execute({ reply, session, server }, args) {
    if (args.length > 3) throw new CommandError(Replies.syntax);
    if (server.config.requirepass === '' && args.length === 2) {
      throw new CommandError(
        'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
      );
    }
    const user = args.length === 3 ? args.string(1) : 'default';
    const password = args.string(args.length - 1);
    if (!checkPassword(server.config.requirepass, user, password))
      throw new CommandError(Replies.wrongPass);
    session.authenticated = true;
    reply.ok();
  },
};
