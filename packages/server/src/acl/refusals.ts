/**
 * What a refusal by the ACL looks like: the NOPERM error replies Redis
 * 7.0 sends, and the ACL LOG entry it records.
 *
 * @module
 */

import { clientInfo } from '../client-info.js';
import type { ServerInfo } from '../server-info.js';
import type { Session } from '../session.js';
import type { AclDenied } from './access-control.js';
import type { AclDenial, AclLogContext } from './log.js';

/** The error reply for a command ACL refused before it ran (Redis's processCommand). */
export function noPermission(denied: AclDenied, fullName: string): string {
  switch (denied.reason) {
    case 'command':
      return `NOPERM this user has no permissions to run the '${fullName}' command`;
    case 'key':
      return 'NOPERM this user has no permissions to access one of the keys used as arguments';
    case 'channel':
      return 'NOPERM this user has no permissions to access one of the channels used as arguments';
  }
}

/** The error reply for a queued command ACL refuses at EXEC (its rules changed since MULTI). */
export function noPermissionAtExec(denied: AclDenied): string {
  const reason = {
    command: 'no permission to execute the command or subcommand',
    key: 'no permission to touch the specified keys',
    channel: 'no permission to access one of the channels used as arguments',
  }[denied.reason];
  return `NOPERM ACLs rules changed between the moment the transaction was accumulated and the EXEC call. This command is no longer allowed for the following reason: ${reason}`;
}

/** The error a script's redis.call raises for a command ACL refused (Redis's scriptVerifyACL). */
export function noPermissionInScript(denied: AclDenied): string {
  switch (denied.reason) {
    case 'command':
      return "ERR The user executing the script can't run this command or subcommand";
    case 'key':
      return "ERR The user executing the script can't access at least one of the keys mentioned in the command arguments";
    case 'channel':
      return "ERR The user executing the script can't publish to the channel mentioned in the command";
  }
}

/**
 * Records a refusal in ACL LOG: `object` is the command's full name, the
 * key or channel refused, or for a failed authentication the command's
 * name as the client wrote it; `username` is the session's user unless
 * given (the name a failed AUTH tried). `client` is the connection shown,
 * the script's caller for a script's command.
 */
export function logRefusal(
  server: ServerInfo,
  client: Session,
  refusal: {
    readonly reason: AclDenial;
    readonly context: AclLogContext;
    readonly object: string;
    readonly username?: string;
  },
): void {
  const now = Date.now();
  server.acl.log.push(
    {
      reason: refusal.reason,
      context: refusal.context,
      object: refusal.object,
      username: refusal.username ?? client.user.name,
      time: now,
      clientInfo: clientInfo(client, server, now).slice(0, -1),
    },
    server.config['acllog-max-len'],
  );
}
