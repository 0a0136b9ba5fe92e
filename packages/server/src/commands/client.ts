/**
 * CLIENT: the connection's own settings and the list of connections.
 *
 * Subcommands: ID, SETNAME, GETNAME, SETINFO, INFO, LIST, KILL, PAUSE,
 * UNPAUSE, UNBLOCK, NO-EVICT, HELP; and, in client-tracking.ts, TRACKING,
 * CACHING, GETREDIR, TRACKINGINFO and REPLY.
 *
 * ```text
 * CLIENT ID | SETNAME name | GETNAME | SETINFO LIB-NAME|LIB-VER value | INFO
 *   | LIST [TYPE type] [ID id ...] | KILL ip:port | KILL [ID id] [ADDR ip:port] [LADDR ip:port] [USER username] [SKIPME yes|no]
 *   | PAUSE timeout [WRITE|ALL] | UNPAUSE | UNBLOCK id [TIMEOUT|ERROR] | NO-EVICT ON|OFF
 *   | TRACKING ON|OFF [options] | CACHING YES|NO | GETREDIR | TRACKINGINFO | REPLY ON|OFF|SKIP
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { RequestArgs } from '@mini-redis/resp';
import type { AclUser } from '../acl/user.js';
import { clientInfo } from '../client-info.js';
import type { PauseMode } from '../client-pause.js';
import { type Command, type CommandContext, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option, quoted } from '../internal/args.js';
import { validClientName } from '../internal/client-name.js';
import {
  clientCaching,
  clientGetRedirect,
  clientReply,
  clientTracking,
  clientTrackingInfo,
} from '../internal/client-tracking.js';
import { replyHelp } from '../internal/help.js';
import type { Session } from '../session.js';

// Redis 7.0's lines for the subcommands this server has (ID as 7.2 words it).
const HELP = [
  'CACHING (YES|NO)',
  '    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.',
  'GETREDIR',
  '    Return the client ID we are redirecting to when tracking is enabled.',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are:',
  '    * ADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made from the specified address',
  '    * LADDR (<ip:port>|<unixsocket>:0)',
  '      Kill connections made to specified local address',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Kill connections by type.',
  '    * USER <username>',
  '      Kill connections authenticated by <username>.',
  '    * ID <client-id>',
  '      Kill connections by client id.',
  '    * SKIPME (YES|NO)',
  '      Skip killing current connection (default: yes).',
  'LIST [options ...]',
  '    Return information about client connections. Options:',
  '    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)',
  '      Return clients of specified type.',
  'UNPAUSE',
  '    Stop the current client pause, resuming traffic.',
  'PAUSE <timeout> [WRITE|ALL]',
  '    Suspend all, or just write, clients for <timeout> milliseconds.',
  'REPLY (ON|OFF|SKIP)',
  '    Control the replies sent to the current connection.',
  'SETINFO <option> <value>',
  '    Set client meta attributes: LIB-NAME, LIB-VER.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'UNBLOCK <clientid> [TIMEOUT|ERROR]',
  '    Unblock the specified blocked client.',
  'TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]',
  '         [OPTIN] [OPTOUT] [NOLOOP]',
  '    Control server assisted client side caching.',
  'TRACKINGINFO',
  '    Report tracking status for the current connection.',
  'NO-EVICT (ON|OFF)',
  '    Protect current client connection from eviction.',
];

function wrongArgs(sub: string): CommandError {
  return new CommandError(Replies.wrongArgs(`client|${sub}`));
}

// Redis's client types (getClientTypeByName): which sessions argument `i`
// names, or its error. This server has no replicas or masters.
function clientType(args: RequestArgs, i: number): (session: Session) => boolean {
  const type = option(args, i);
  if (type === 'NORMAL') return (s) => !s.subscribed;
  if (type === 'PUBSUB') return (s) => s.subscribed;
  if (type === 'MASTER' || type === 'REPLICA' || type === 'SLAVE') return () => false;
  throw new CommandError(`ERR Unknown client type '${quoted(args, i)}'`);
}

// Exactly Redis's three forms: no filter, TYPE t, or ID id [id ...] (the
// clients found, in the order asked, repeats included).
function list(context: CommandContext, args: RequestArgs): void {
  const all = context.server.sessions;
  let sessions: Session[];
  if (args.length === 4 && option(args, 2) === 'TYPE') {
    sessions = [...all.values()].filter(clientType(args, 3));
  } else if (args.length > 3 && option(args, 2) === 'ID') {
    sessions = [];
    for (let i = 3; i < args.length; i++) {
      const id = integerArg(args, i, 'ERR Invalid client ID');
      const session = typeof id === 'number' ? all.get(id) : undefined;
      if (session !== undefined) sessions.push(session);
    }
  } else if (args.length !== 2) {
    throw new CommandError(Replies.syntax);
  } else {
    sessions = [...all.values()];
  }
  context.reply.verbatim(
    'txt',
    sessions.map((s) => clientInfo(s, context.server, context.now)).join(''),
  );
}

function kill(context: CommandContext, args: RequestArgs): void {
  const { server, session, reply } = context;
  if (args.length === 3) {
    // The old form: CLIENT KILL ip:port, replying OK or an error.
    const address = args.latin1(2);
    const target = [...server.sessions.values()].find((s) => s.remoteAddress === address);
    if (target === undefined) throw new CommandError('ERR No such client');
    kill1(target, session);
    reply.ok();
    return;
  }
  // Filters, read left to right: each needs a value, and the first bad
  // one is the error (Redis's clientKillCommand).
  let id: number | bigint | undefined;
  let address: string | undefined;
  let localAddress: string | undefined;
  let ofType: ((session: Session) => boolean) | undefined;
  let user: AclUser | undefined;
  let skipMe = true;
  for (let i = 2; i < args.length; i += 2) {
    const name = option(args, i);
    const hasValue = i + 1 < args.length;
    if (name === 'ID' && hasValue) {
      id = integerArg(args, i + 1, 'ERR client-id should be greater than 0');
      if (id <= 0) throw new CommandError('ERR client-id should be greater than 0');
    } else if (name === 'TYPE' && hasValue) ofType = clientType(args, i + 1);
    else if (name === 'ADDR' && hasValue) address = args.latin1(i + 1);
    else if (name === 'LADDR' && hasValue) localAddress = args.latin1(i + 1);
    else if (name === 'USER' && hasValue) {
      // An ACL user; a connection runs as `default` before AUTH too, as in Redis.
      user = server.acl.user(args.latin1(i + 1));
      if (user === undefined) throw new CommandError(`ERR No such user '${quoted(args, i + 1)}'`);
    } else if (name === 'SKIPME' && hasValue) {
      const value = option(args, i + 1);
      if (value !== 'YES' && value !== 'NO') throw new CommandError(Replies.syntax);
      skipMe = value === 'YES';
    } else throw new CommandError(Replies.syntax);
  }
  let killed = 0;
  for (const target of [...server.sessions.values()]) {
    if (id !== undefined && target.id !== id) continue;
    if (address !== undefined && target.remoteAddress !== address) continue;
    if (localAddress !== undefined && target.localAddress !== localAddress) continue;
    if (ofType !== undefined && !ofType(target)) continue;
    if (user !== undefined && target.user !== user) continue;
    if (skipMe && target === session) continue;
    kill1(target, session);
    killed++;
  }
  reply.integer(killed);
}

// CLIENT UNBLOCK id [TIMEOUT|ERROR]: ends the block of a connection
// blocked by WAIT, replying 1, or 0 when there is none. A connection whose
// command CLIENT PAUSE holds is not blocked in that sense: 0, as in Redis
// 7.2 (7.0.15 crashes on it).
function unblock(context: CommandContext, args: RequestArgs): void {
  if (args.length > 4) throw new CommandError(Replies.subcommandSyntax(quoted(args, 1), 'client'));
  let error = false;
  if (args.length === 4) {
    const reason = option(args, 3);
    if (reason !== 'TIMEOUT' && reason !== 'ERROR')
      throw new CommandError('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
    error = reason === 'ERROR';
  }
  const id = integerArg(args, 2);
  const target = typeof id === 'number' ? context.server.sessions.get(id) : undefined;
  if (target === undefined || target.block === null || target.block.internal === true) {
    context.reply.integer(0);
    return;
  }
  target.unblock(error);
  context.reply.integer(1);
}

// CLIENT PAUSE timeout [WRITE|ALL]: Redis's argument checks, in its order.
function pause(context: CommandContext, args: RequestArgs): void {
  if (args.length > 4) throw new CommandError(Replies.subcommandSyntax(quoted(args, 1), 'client'));
  const timeout = integerArg(args, 2, 'ERR timeout is not an integer or out of range');
  if (timeout < 0) throw new CommandError('ERR timeout is negative');
  let mode: PauseMode = 'all';
  if (args.length === 4) {
    const given = option(args, 3);
    if (given !== 'WRITE' && given !== 'ALL')
      throw new CommandError('ERR CLIENT PAUSE mode must be WRITE or ALL');
    mode = given === 'WRITE' ? 'write' : 'all';
  }
  // Past the largest safe integer a pause is as good as for ever.
  const until = Math.min(context.now + Number(timeout), Number.MAX_SAFE_INTEGER);
  context.server.pause.pause(until, mode);
  context.reply.ok();
}

// The caller's own connection closes after this reply; others at once.
function kill1(target: Session, caller: Session): void {
  if (target === caller) target.closeAfterReply = true;
  else target.kill();
}

export const client: Command = {
  name: 'client',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['id', 2],
    ['getname', 2],
    ['setname', 3],
    ['setinfo', -4],
    ['info', 2],
    ['list', -2],
    ['kill', -3],
    ['pause', -3],
    ['unpause', 2],
    ['no-evict', 3],
    ['unblock', -3],
    ['tracking', -3],
    ['caching', 3],
    ['getredir', 2],
    ['trackinginfo', 2],
    ['reply', 3],
    ['help', 2],
  ]),
  execute(context, args) {
    const { reply, session } = context;
    const sub = args.latin1(1).toLowerCase();
    switch (sub) {
      case 'id':
        if (args.length !== 2) throw wrongArgs(sub);
        reply.integer(session.id);
        return;
      case 'getname':
        if (args.length !== 2) throw wrongArgs(sub);
        reply.bulk(session.name === '' ? null : Buffer.from(session.name, 'latin1'));
        return;
      case 'setname': {
        if (args.length !== 3) throw wrongArgs(sub);
        const name = args.latin1(2);
        if (!validClientName(name))
          throw new CommandError(
            'ERR Client names cannot contain spaces, newlines or special characters.',
          );
        session.name = name;
        reply.ok();
        return;
      }
      case 'setinfo': {
        if (args.length !== 4) throw wrongArgs(sub);
        const attribute = option(args, 2);
        const value = args.latin1(3);
        if (attribute !== 'LIB-NAME' && attribute !== 'LIB-VER') {
          throw new CommandError(`ERR Unrecognized option '${quoted(args, 2)}'`);
        }
        if (!validClientName(value) && value !== '') {
          throw new CommandError(
            `ERR ${attribute.toLowerCase()} cannot contain spaces, newlines or special characters.`,
          );
        }
        if (attribute === 'LIB-NAME') session.libName = value;
        else session.libVersion = value;
        reply.ok();
        return;
      }
      case 'info':
        if (args.length !== 2) throw wrongArgs(sub);
        reply.verbatim('txt', clientInfo(session, context.server, context.now));
        return;
      case 'list':
        list(context, args);
        return;
      case 'kill':
        if (args.length < 3) throw wrongArgs(sub);
        kill(context, args);
        return;
      case 'pause':
        pause(context, args);
        return;
      case 'unpause':
        context.server.pause.unpause();
        reply.ok();
        return;
      case 'unblock':
        unblock(context, args);
        return;
      case 'no-evict': {
        const value = option(args, 2);
        if (value !== 'ON' && value !== 'OFF') throw new CommandError(Replies.syntax);
        session.noEvict = value === 'ON';
        reply.ok();
        return;
      }
      case 'tracking':
        clientTracking(context, args);
        return;
      case 'caching':
        clientCaching(context, args);
        return;
      case 'getredir':
        clientGetRedirect(context);
        return;
      case 'trackinginfo':
        clientTrackingInfo(context);
        return;
      case 'reply':
        clientReply(context, args);
        return;
      case 'help':
        replyHelp(reply, 'CLIENT', HELP);
        return;
      default:
        throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'client'));
    }
  },
};
