/**
 * CLIENT's client-side caching subcommands (see tracking.ts for what they
 * turn on): TRACKING, CACHING, GETREDIR, TRACKINGINFO; and REPLY, which
 * silences a connection's replies. Part of CLIENT (commands/client.ts).
 *
 * ```text
 * CLIENT TRACKING ON|OFF [REDIRECT id] [BCAST] [PREFIX prefix ...] [OPTIN] [OPTOUT] [NOLOOP]
 *   | CACHING YES|NO | GETREDIR | TRACKINGINFO | REPLY ON|OFF|SKIP
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option } from './args.js';

/**
 * CLIENT TRACKING ON|OFF [options]: Redis 7.0's checks, in its order. The
 * options are read first (a syntax error wins), then, for ON, checked
 * against each other and the connection's current mode.
 *
 * One difference: Redis 7.0 replies an error and then OK, and turns
 * tracking on, when two given prefixes overlap and the first of them is
 * not the first prefix given (its overlap check returns the index as
 * success). That second reply would put every later reply of a pipeline
 * out of step, so here the error is the only reply and nothing changes.
 */
export function clientTracking(context: CommandContext, args: RequestArgs): void {
  const { session, server, db } = context;
  let redirect = 0;
  let bcast = false;
  let optin = false;
  let optout = false;
  let noloop = false;
  const prefixes: string[] = [];
  for (let i = 3; i < args.length; i++) {
    const name = option(args, i);
    const hasValue = i + 1 < args.length;
    if (name === 'REDIRECT' && hasValue) {
      i++;
      if (redirect !== 0)
        throw new CommandError('ERR A client can only redirect to a single other client');
      const id = integerArg(args, i);
      // The target must exist now, though it may leave later.
      if (typeof id !== 'number' || !server.sessions.has(id))
        throw new CommandError('ERR The client ID you want redirect to does not exist');
      redirect = id;
    } else if (name === 'BCAST') bcast = true;
    else if (name === 'OPTIN') optin = true;
    else if (name === 'OPTOUT') optout = true;
    else if (name === 'NOLOOP') noloop = true;
    else if (name === 'PREFIX' && hasValue) prefixes.push(args.latin1(++i));
    else throw new CommandError(Replies.syntax);
  }
  const mode = option(args, 2);
  if (mode === 'OFF') {
    db.tracking.disable(session);
    context.reply.ok();
    return;
  }
  if (mode !== 'ON') throw new CommandError(Replies.syntax);
  if (!bcast && prefixes.length > 0)
    throw new CommandError('ERR PREFIX option requires BCAST mode to be enabled');
  const current = session.tracking;
  if (current !== null && current.bcast !== bcast)
    throw new CommandError(
      "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.",
    );
  if (bcast && (optin || optout))
    throw new CommandError('ERR OPTIN and OPTOUT are not compatible with BCAST');
  if (optin && optout)
    throw new CommandError("ERR You can't specify both OPTIN mode and OPTOUT mode");
  if ((optin && current?.optout === true) || (optout && current?.optin === true))
    throw new CommandError(
      "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.",
    );
  if (bcast) checkPrefixes(prefixes, current?.prefixes ?? new Set());
  db.tracking.enable(session, { redirect, bcast, optin, optout, noloop, prefixes });
  context.reply.ok();
}

// Redis's checkPrefixCollisionsOrReply: no prefix may be a prefix of
// another, among those given and against those the connection has (in
// byte order, as Redis walks them), since one key would then be sent twice.
function checkPrefixes(given: readonly string[], existing: ReadonlySet<string>): void {
  const sorted = [...existing].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < given.length; i++) {
    const prefix = given[i]!;
    for (const other of sorted) {
      if (overlap(prefix, other))
        throw new CommandError(
          `ERR Prefix '${printed(prefix)}' overlaps with an existing prefix '${printed(other)}'. Prefixes for a single client must not overlap.`,
        );
    }
    for (let j = i + 1; j < given.length; j++) {
      if (overlap(prefix, given[j]!))
        throw new CommandError(
          `ERR Prefix '${printed(prefix)}' overlaps with another provided prefix '${printed(given[j]!)}'. Prefixes for a single client must not overlap.`,
        );
    }
  }
}

// How Redis's %s prints a prefix: up to its first NUL byte.
function printed(prefix: string): string {
  const nul = prefix.indexOf('\0');
  return nul === -1 ? prefix : prefix.slice(0, nul);
}

function overlap(a: string, b: string): boolean {
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

/** CLIENT CACHING YES|NO: OPTIN's "remember the next command's keys", OPTOUT's "do not". */
export function clientCaching(context: CommandContext, args: RequestArgs): void {
  const tracking = context.session.tracking;
  if (tracking === null)
    throw new CommandError(
      'ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled',
    );
  const value = option(args, 2);
  if (value === 'YES') {
    if (!tracking.optin)
      throw new CommandError(
        'ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.',
      );
  } else if (value === 'NO') {
    if (!tracking.optout)
      throw new CommandError(
        'ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.',
      );
  } else {
    throw new CommandError(Replies.syntax);
  }
  tracking.caching = true;
  context.reply.ok();
}

/** CLIENT GETREDIR: the redirection's target, 0 for none, -1 while tracking is off. */
export function clientGetRedirect(context: CommandContext): void {
  context.reply.integer(context.session.tracking?.redirect ?? -1);
}

/** CLIENT TRACKINGINFO: a map of flags (a set), redirect and prefixes, in Redis's order. */
export function clientTrackingInfo(context: CommandContext): void {
  const { reply, session } = context;
  const tracking = session.tracking;
  const flags = [tracking === null ? 'off' : 'on'];
  if (tracking !== null) {
    if (tracking.bcast) flags.push('bcast');
    if (tracking.optin) {
      flags.push('optin');
      if (tracking.caching) flags.push('caching-yes');
    }
    if (tracking.optout) {
      flags.push('optout');
      if (tracking.caching) flags.push('caching-no');
    }
    if (tracking.noloop) flags.push('noloop');
    if (tracking.brokenRedirect) flags.push('broken_redirect');
  }
  reply.mapHeader(3);
  reply.bulk('flags');
  reply.setHeader(flags.length);
  for (const flag of flags) reply.bulk(flag);
  reply.bulk('redirect');
  reply.integer(tracking?.redirect ?? -1);
  reply.bulk('prefixes');
  const prefixes = [...(tracking?.prefixes ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  reply.arrayHeader(prefixes.length);
  for (const prefix of prefixes) reply.bulk(Buffer.from(prefix, 'latin1'));
}

/**
 * CLIENT REPLY ON|OFF|SKIP. OFF and SKIP reply nothing; SKIP drops the
 * next command's reply, and does nothing while OFF. Pushes (pub/sub
 * messages and confirmations, tracking invalidations) still arrive, as in
 * Redis 7.0. Takes effect at once, inside EXEC too, as in Redis.
 */
export function clientReply(context: CommandContext, args: RequestArgs): void {
  const session = context.session;
  const value = option(args, 2);
  if (value === 'ON') {
    session.replyOff = false;
    session.replySkip = false;
    session.reply.muted = false;
    context.reply.ok();
  } else if (value === 'OFF') {
    session.replyOff = true;
    session.reply.muted = true;
  } else if (value === 'SKIP') {
    if (!session.replyOff) session.replySkipNext = true;
  } else {
    throw new CommandError(Replies.syntax);
  }
}
