/**
 * RESTORE: creates a key from a DUMP payload (this server's or Redis's,
 * rdb/objects.ts), with a TTL in milliseconds (0: none; ABSTTL: a Unix
 * time in milliseconds). REPLACE replaces an existing key; IDLETIME sets
 * how long ago it was last used (OBJECT IDLETIME) unless an LFU policy is
 * set, and FREQ its LFU counter (OBJECT FREQ) only then, as in Redis. A
 * deadline already past creates nothing (and, with REPLACE, deletes the
 * key).
 *
 * ```text
 * RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { integerArg } from '../internal/args.js';
import type { Value } from '../keyspace.js';
import { NOTIFY_GENERIC } from '../keyspace-events.js';
import { RdbFormatError, RdbReader, verifyPayload } from '../rdb/format.js';
import { readObject } from '../rdb/objects.js';

export const restore: Command = {
  name: 'restore',
  arity: -4,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now }, args) {
    // Options in Redis's order of checks, each as it comes.
    let replace = false;
    let absolute = false;
    let idleSeconds = -1;
    let frequency = -1;
    for (let i = 4; i < args.length; i++) {
      const word = args.latin1(i).toLowerCase();
      const more = args.length - i - 1;
      if (word === 'replace') replace = true;
      else if (word === 'absttl') absolute = true;
      else if (word === 'idletime' && more >= 1 && frequency === -1) {
        const idle = integerArg(args, ++i);
        if (idle < 0) throw new CommandError('ERR Invalid IDLETIME value, must be >= 0');
        idleSeconds = Number(idle);
      } else if (word === 'freq' && more >= 1 && idleSeconds === -1) {
        const freq = integerArg(args, ++i);
        if (freq < 0 || freq > 255)
          throw new CommandError('ERR Invalid FREQ value, must be >= 0 and <= 255');
        frequency = Number(freq);
      } else throw new CommandError(Replies.syntax);
    }
    const key = args.latin1(1);
    if (!replace && keyspace.has(key, now))
      throw new CommandError('BUSYKEY Target key name already exists.');
    const ttl = integerArg(args, 2);
    if (ttl < 0) throw new CommandError('ERR Invalid TTL value, must be >= 0');
    const body = verifyPayload(args.buffer(3));
    if (body === null) throw new CommandError('ERR DUMP payload version or checksum are wrong');
    let value: Value;
    try {
      value = readObject(new RdbReader(body), keyspace.limits);
    } catch (error) {
      if (error instanceof RdbFormatError) throw new CommandError('ERR Bad data format');
      throw error;
    }
    const deleted = replace && keyspace.delete(key);
    // A deadline past 2^53 ms cannot be held exactly (see the README).
    const expiresAt = ttl === 0 ? 0 : absolute ? Number(ttl) : now + Number(ttl);
    if (ttl !== 0 && expiresAt <= now) {
      if (deleted) keyspace.notify(NOTIFY_GENERIC, 'del', key);
      reply.ok();
      return;
    }
    keyspace.set(key, value, now, expiresAt);
    // Under an LFU policy FREQ sets the key's counter, else IDLETIME its
    // last access (Redis's objectSetLRUOrLFU); the other is ignored.
    const entry = keyspace.get(key, now, false)!;
    if (keyspace.lfu !== null) {
      if (frequency >= 0) entry.frequency = frequency;
    } else if (idleSeconds >= 0) entry.accessedAt = now - idleSeconds * 1000;
    keyspace.notify(NOTIFY_GENERIC, 'restore', key);
    reply.ok();
  },
};
