/**
 * PUBSUB: what is subscribed.
 *
 * ```text
 * PUBSUB CHANNELS [pattern] | PUBSUB NUMSUB [channel ...] | PUBSUB NUMPAT
 *   | PUBSUB SHARDCHANNELS [pattern] | PUBSUB SHARDNUMSUB [shardchannel ...] | PUBSUB HELP
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { quoted } from '../internal/args.js';
import { replyHelp } from '../internal/help.js';

// Redis 7.0's lines.
const HELP = [
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
];

export const pubsub: Command = {
  name: 'pubsub',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['channels', -2],
    ['numsub', -2],
    ['numpat', 2],
    ['shardchannels', -2],
    ['shardnumsub', -2],
    ['help', 2],
  ]),
  execute({ reply, db }, args) {
    const sub = args.latin1(1).toLowerCase();
    switch (sub) {
      case 'channels':
      case 'shardchannels': {
        // Its arity (-2) passes; the count is checked inside, as Redis does.
        if (args.length > 3)
          throw new CommandError(Replies.subcommandSyntax(quoted(args, 1), 'pubsub'));
        const pattern = args.length === 3 ? args.latin1(2) : undefined;
        const names =
          sub === 'channels' ? db.pubsub.channels(pattern) : db.pubsub.shardChannels(pattern);
        reply.arrayHeader(names.length);
        for (const name of names) reply.bulk(Buffer.from(name, 'latin1'));
        return;
      }
      case 'numsub':
      case 'shardnumsub':
        reply.arrayHeader((args.length - 2) * 2);
        for (let i = 2; i < args.length; i++) {
          reply.bulk(args.buffer(i));
          const channel = args.latin1(i);
          reply.integer(
            sub === 'numsub'
              ? db.pubsub.subscriberCount(channel)
              : db.pubsub.shardSubscriberCount(channel),
          );
        }
        return;
      case 'numpat':
        if (args.length !== 2) throw new CommandError(Replies.wrongArgs('pubsub|numpat'));
        reply.integer(db.pubsub.patternCount());
        return;
      case 'help':
        replyHelp(reply, 'PUBSUB', HELP);
        return;
      default:
        throw new CommandError(Replies.unknownSubcommand(quoted(args, 1), 'pubsub'));
    }
  },
};
