/**
 * Redis's allowProtectedAction: whether a client may do what a setting of
 * the `no | yes | local` kind guards (enable-debug-command for DEBUG,
 * enable-protected-configs for CONFIG SET dir and dbfilename). `local`
 * allows a Unix socket's client and a loopback one (127.0.0.1 or ::1).
 *
 * @module
 */

import type { Session } from '../session.js';

/** Whether `setting` (no, yes or local) lets `session`'s client do the guarded thing. */
export function protectedActionAllowed(setting: string, session: Session): boolean {
  if (setting === 'yes') return true;
  if (setting !== 'local') return false;
  const address = session.remoteAddress;
  return (
    session.unixSocket !== null || address.startsWith('127.0.0.1:') || address.startsWith('[::1]:')
  );
}
