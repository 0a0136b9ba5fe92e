/**
 * The HELP subcommand of CLIENT, CONFIG, COMMAND and PUBSUB, in Redis's
 * `addReplyHelp` form: a usage line, the subcommand lines, then HELP's own.
 * Each command lists only the subcommands this server has, in Redis 7.0's
 * words.
 *
 * @module
 */

import type { ReplyEncoder } from '@mini-redis/resp';

/** Replies with the help of `command` (upper case), whose subcommands `lines` describe. */
export function replyHelp(reply: ReplyEncoder, command: string, lines: readonly string[]): void {
  reply.arrayHeader(lines.length + 3);
  reply.simple(`${command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`);
  for (const line of lines) reply.simple(line);
  reply.simple('HELP');
  reply.simple('    Prints this help.');
}
