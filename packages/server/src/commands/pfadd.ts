/**
 * PFADD: adds elements to the HyperLogLog at key (a string value holding
 * the sketch; created sparse when absent). Replies 1 when a register rose
 * or the key was created, else 0.
 *
 * ```text
 * PFADD key [element [element ...]]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError } from '../errors.js';
import { emptyHll, HllEditor, INVALID_HLL, isHll, NOT_AN_HLL } from '../hyperloglog.js';
import { forgetGrowth } from '../internal/sds.js';
import { NOTIFY_STRING } from '../keyspace-events.js';

export const pfadd: Command = {
  name: 'pfadd',
  arity: -2,
  flags: ['write', 'denyoom', 'fast'],
  keys: FIRST_KEY,
  execute({ reply, keyspace, now, server }, args) {
    const key = args.latin1(1);
    const entry = keyspace.getString(key, now);
    if (entry !== undefined && !isHll(entry.value)) throw new CommandError(NOT_AN_HLL);
    // Redis edits its own raw copy (dbUnshareStringValue): an exact one
    // unless the value was raw already (internal/sds.ts).
    if (entry !== undefined && entry.encoding !== 'raw') forgetGrowth(entry.value);
    const editor = new HllEditor(entry?.value ?? emptyHll(), server.config['hll-sparse-max-bytes']);
    // Creating the key counts as a change.
    let updated = entry === undefined ? 1 : 0;
    let corrupt = false;
    for (let i = 2; i < args.length && !corrupt; i++) {
      const result = editor.add(args.buffer(i));
      if (result === 1) updated++;
      else if (result === -1) corrupt = true;
    }
    if (updated > 0 && !corrupt) editor.invalidateCache();
    // Changed or not, the value is Redis's raw encoding from here on (its
    // dbUnshareStringValue); what earlier elements changed stays.
    if (entry === undefined) keyspace.set(key, editor.bytes(), now, 0, 'raw', false);
    else {
      entry.value = editor.bytes();
      entry.encoding = 'raw';
    }
    if (corrupt) throw new CommandError(INVALID_HLL);
    if (updated > 0) {
      keyspace.touch(key);
      keyspace.notify(NOTIFY_STRING, 'pfadd', key);
    }
    reply.integer(updated > 0 ? 1 : 0);
  },
};
