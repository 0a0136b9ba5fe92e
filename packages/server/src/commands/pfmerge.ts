/**
 * PFMERGE: merges HyperLogLogs into destkey (each register the maximum of
 * the sources', destkey included; created when absent), dense when any
 * source is. Notifies `pfadd`, as Redis does.
 *
 * ```text
 * PFMERGE destkey [sourcekey [sourcekey ...]]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError } from '../errors.js';
import {
  emptyHll,
  HLL_REGISTERS,
  HllEditor,
  INVALID_HLL,
  isHll,
  isSparse,
  mergeRegisters,
  NOT_AN_HLL,
} from '../hyperloglog.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const pfmerge: Command = {
  name: 'pfmerge',
  arity: -2,
  flags: ['write', 'denyoom'],
  keys: [1, -1, 1],
  execute({ reply, keyspace, now, server }, args) {
    const max = new Uint8Array(HLL_REGISTERS);
    let dense = false;
    // The destination is the first source: checked as one.
    for (let i = 1; i < args.length; i++) {
      const entry = keyspace.readString(args.latin1(i), now);
      if (entry === undefined) continue;
      if (!isHll(entry.value)) throw new CommandError(NOT_AN_HLL);
      if (!isSparse(entry.value)) dense = true;
      if (!mergeRegisters(max, entry.value)) throw new CommandError(INVALID_HLL);
    }
    const key = args.latin1(1);
    let entry = keyspace.getString(key, now);
    if (entry === undefined) {
      keyspace.set(key, emptyHll(), now, 0, 'raw', false);
      entry = keyspace.getString(key, now)!;
    }
    const editor = new HllEditor(entry.value, server.config['hll-sparse-max-bytes']);
    entry.encoding = 'raw';
    if (dense && !editor.toDense()) throw new CommandError(INVALID_HLL);
    // Register by register, as Redis writes them: a sparse destination may
    // turn dense on the way.
    for (let i = 0; i < HLL_REGISTERS; i++) if (max[i] !== 0) editor.setRegister(i, max[i]!);
    editor.invalidateCache();
    entry.value = editor.bytes();
    keyspace.touch(key);
    keyspace.notify(NOTIFY_STRING, 'pfadd', key);
    reply.ok();
  },
};
