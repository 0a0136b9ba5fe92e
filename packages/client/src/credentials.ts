/**
 * How every layer of the client authenticates: the AUTH arguments for the
 * username and password given (options first, then the address).
 *
 * @module
 */

import type { CommandArg } from '@mini-redis/resp';

/**
 * AUTH's arguments: the password alone for the default user; a username
 * with its password, or with an empty one when none was given (an ACL user
 * with `nopass` takes any), so that a username is never silently ignored.
 */
export function authArgs(
  username: CommandArg | undefined,
  password: CommandArg | undefined,
): CommandArg[] {
  return username === undefined ? ['AUTH', password ?? ''] : ['AUTH', username, password ?? ''];
}
