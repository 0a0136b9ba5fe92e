/**
 * Password checks for AUTH and HELLO: one `default` user whose password
 * is `requirepass` (or no password at all), compared in constant time.
 *
 * @module
 */

import { timingSafeEqual } from 'node:crypto';

/** True when `user`/`password` may log in. */
export function checkPassword(requirepass: string, user: string, password: string): boolean {
  if (user !== 'default') return false;
  // With no password configured, Redis's default user is `nopass`: anything goes.
  if (requirepass === '') return true;
  const expected = Buffer.from(requirepass);
  const given = Buffer.from(password);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
