/**
 * XGROUP: manages a stream's consumer groups. CREATE makes a group that
 * will deliver entries after an ID (`$`: after the last; MKSTREAM creates
 * a missing stream; ENTRIESREAD sets its read count), SETID moves that ID,
 * DESTROY drops a group (readers blocked on it get NOGROUP),
 * CREATECONSUMER and DELCONSUMER add and remove a consumer (removing its
 * pending entries; replies how many). Errors as Redis 7.0's.
 *
 * ```text
 * XGROUP CREATE key group id | $ [MKSTREAM] [ENTRIESREAD entries-read]
 * XGROUP SETID key group id | $ [ENTRIESREAD entries-read]
 * XGROUP DESTROY key group
 * XGROUP CREATECONSUMER key group consumer
 * XGROUP DELCONSUMER key group consumer
 * XGROUP HELP
 * ```
 *
 * @module
 */

import type { RequestArgs } from '@mini-redis/resp';
import { type Command, NO_KEYS } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg, option, quoted } from '../internal/args.js';
import { replyHelp } from '../internal/help.js';
import { INVALID_ID, parseId, type StreamId, strictIdArg } from '../internal/stream-ids.js';
import { NOTIFY_STREAM } from '../keyspace-events.js';
import { Stream } from '../stream.js';
import { ConsumerGroup } from '../stream-group.js';

// Redis 7.0's lines (DESTROY's two run together there, as here).
const HELP = [
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
];

// ENTRIESREAD's value: an integer, at least -1 (unknown).
function entriesReadArg(args: RequestArgs, i: number): number {
  const value = integerArg(args, i);
  if (value < -1) throw new CommandError('ERR value for ENTRIESREAD must be positive or -1');
  return Number(value);
}

export const xgroup: Command = {
  name: 'xgroup',
  arity: -2,
  flags: [],
  keys: NO_KEYS,
  subcommands: new Map([
    ['create', -5],
    ['setid', -5],
    ['destroy', 4],
    ['createconsumer', 5],
    ['delconsumer', 5],
    ['help', 2],
  ]),
  execute({ reply, keyspace, now }, args) {
    const sub = option(args, 1);
    if (sub === 'HELP') {
      replyHelp(reply, 'XGROUP', HELP);
      return;
    }
    const syntax = () => new CommandError(Replies.subcommandSyntax(quoted(args, 1), 'xgroup'));
    let mkstream = false;
    let entriesRead = -1;
    // CREATE's and SETID's options, before the key.
    if (sub === 'CREATE' || sub === 'SETID') {
      for (let i = 5; i < args.length; ) {
        const name = option(args, i);
        if (name === 'MKSTREAM' && sub === 'CREATE') {
          mkstream = true;
          i++;
        } else if (name === 'ENTRIESREAD' && i + 1 < args.length) {
          entriesRead = entriesReadArg(args, i + 1);
          i += 2;
        } else throw syntax();
      }
    }
    const key = args.latin1(2);
    const groupName = args.latin1(3);
    // Groups and consumers may come and go: maxmemory measures the stream again.
    keyspace.resized(key);
    let stream = keyspace.getStream(key, now)?.value;
    const group = stream?.groups.get(groupName);
    if (!mkstream) {
      if (stream === undefined)
        throw new CommandError(
          'ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.',
        );
      if (group === undefined && sub !== 'CREATE' && sub !== 'DESTROY')
        throw new CommandError(
          `NOGROUP No such consumer group '${quoted(args, 3)}' for key name '${quoted(args, 2)}'`,
        );
    }
    // Each subcommand's own argument count, checked after the options and
    // the key, as Redis's dispatch does: `XGROUP SETID key group 0
    // ENTRIESREAD 1 ENTRIESREAD 2` answers for a missing key first.
    const argc = args.length;
    const fits =
      sub === 'CREATE'
        ? argc >= 5 && argc <= 8
        : sub === 'SETID'
          ? argc === 5 || argc === 7
          : argc === (sub === 'DESTROY' ? 4 : 5);
    if (!fits) throw syntax();
    switch (sub) {
      case 'CREATE': {
        const id: StreamId =
          args.latin1(4) === '$' ? (stream?.lastId ?? { ms: 0n, seq: 0n }) : strictIdArg(args, 4);
        if (stream === undefined) {
          stream = new Stream();
          keyspace.set(key, stream, now);
        }
        if (stream.groups.has(groupName))
          throw new CommandError('BUSYGROUP Consumer Group name already exists');
        stream.groups.set(groupName, new ConsumerGroup(id, entriesRead));
        keyspace.notify(NOTIFY_STREAM, 'xgroup-create', key);
        reply.ok();
        return;
      }
      case 'SETID': {
        const text = args.latin1(4);
        const id: StreamId | undefined =
          text === '$' ? stream!.lastId : parseId(text, { strict: false, missingSeq: 0n });
        if (id === undefined) throw new CommandError(INVALID_ID);
        group!.lastId = id;
        group!.entriesRead = entriesRead;
        keyspace.notify(NOTIFY_STREAM, 'xgroup-setid', key);
        reply.ok();
        return;
      }
      case 'DESTROY': {
        if (group === undefined) {
          reply.integer(0);
          return;
        }
        stream!.groups.delete(groupName);
        keyspace.notify(NOTIFY_STREAM, 'xgroup-destroy', key);
        // Readers blocked on the group learn it is gone.
        keyspace.onPoppableStored(key);
        reply.integer(1);
        return;
      }
      case 'CREATECONSUMER': {
        const name = args.latin1(4);
        const created = !group!.consumers.has(name);
        if (created) {
          group!.consumer(name, now);
          keyspace.notify(NOTIFY_STREAM, 'xgroup-createconsumer', key);
        }
        reply.integer(created ? 1 : 0);
        return;
      }
      case 'DELCONSUMER': {
        const name = args.latin1(4);
        if (!group!.consumers.has(name)) {
          reply.integer(0);
          return;
        }
        reply.integer(group!.deleteConsumer(name));
        keyspace.notify(NOTIFY_STREAM, 'xgroup-delconsumer', key);
        return;
      }
      default:
        throw syntax();
    }
  },
};
