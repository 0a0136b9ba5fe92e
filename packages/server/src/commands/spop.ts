/**
 * SPOP: removes and replies with random members of a set. Without a
 * count: one member as a bulk string, or a null for an absent key. With a
 * count: that many distinct members as a set reply (the whole set, in its
 * order, when it has no more). The key is deleted with its last member.
 *
 * ```text
 * SPOP key [count]
 * ```
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from '../internal/args.js';
import { distinctRandom } from '../internal/random-picks.js';
import { NOTIFY_GENERIC, NOTIFY_SET } from '../keyspace-events.js';

const MUST_BE_POSITIVE = 'ERR value is out of range, must be positive';

export const spop: Command = {
  name: 'spop',
  arity: -2,
  flags: ['write', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    if (args.length > 3) throw new CommandError(Replies.syntax);
    const key = args.latin1(1);
    let count: number | undefined;
    if (args.length === 3) {
      // Redis's getPositiveLongFromObjectOrReply: one text for both failures.
      const value = integerArg(args, 2, MUST_BE_POSITIVE);
      if (value < 0) throw new CommandError(MUST_BE_POSITIVE);
      count = Number(value);
    }
    const set = keyspace.getSet(key, now)?.value;
    if (set === undefined || count === 0) {
      if (count === undefined) reply.null();
      else reply.setHeader(0);
      return;
    }
    keyspace.notify(NOTIFY_SET, 'spop', key);
    let popped: Iterable<string>;
    if (count === undefined) {
      const member = set.randomMember()!;
      set.delete(member);
      reply.bulk(Buffer.from(member, 'latin1'));
    } else {
      if (count >= set.size) {
        // Redis pops the whole set through SUNION's code, whose lookup
        // counts a hit in INFO keyspace_hits.
        keyspace.countLookup(true);
        popped = [...set.members()];
      } else popped = distinctRandom(set.members(), set.size, count, () => set.randomMember()!);
      const members = [...popped];
      reply.setHeader(members.length);
      for (const member of members) {
        set.delete(member);
        reply.bulk(Buffer.from(member, 'latin1'));
      }
    }
    if (set.size === 0) {
      keyspace.delete(key);
      keyspace.notify(NOTIFY_GENERIC, 'del', key);
    } else keyspace.touch(key);
  },
};
