/**
 * PFDEBUG: inspects a HyperLogLog: GETREG (its 16384 registers, turning a
 * sparse one dense), DECODE (a sparse one's runs as text), ENCODING
 * (`dense` or `sparse`) and TODENSE (1 when it converted).
 *
 * ```text
 * PFDEBUG GETREG | DECODE | ENCODING | TODENSE key
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { CommandError } from '../errors.js';
import {
  denseRegister,
  describeSparse,
  HLL_REGISTERS,
  HllEditor,
  INVALID_HLL,
  isHll,
  isSparse,
  NOT_AN_HLL,
} from '../hyperloglog.js';

export const pfdebug: Command = {
  name: 'pfdebug',
  arity: 3,
  flags: ['write', 'denyoom', 'admin'],
  keys: [2, 2, 1],
  execute({ reply, keyspace, now, server }, args) {
    // The key is looked up before the subcommand is read.
    const entry = keyspace.getString(args.latin1(2), now);
    if (entry === undefined) throw new CommandError('ERR The specified key does not exist');
    if (!isHll(entry.value)) throw new CommandError(NOT_AN_HLL);
    entry.encoding = 'raw';
    const subcommand = args.latin1(1);
    switch (subcommand.toLowerCase()) {
      case 'getreg':
      case 'todense': {
        const converting = isSparse(entry.value);
        if (converting) {
          const editor = new HllEditor(entry.value, server.config['hll-sparse-max-bytes']);
          if (!editor.toDense()) throw new CommandError(INVALID_HLL);
          entry.value = editor.bytes();
        }
        if (subcommand.toLowerCase() === 'todense') {
          reply.integer(converting ? 1 : 0);
          return;
        }
        reply.arrayHeader(HLL_REGISTERS);
        for (let i = 0; i < HLL_REGISTERS; i++) reply.integer(denseRegister(entry.value, i));
        return;
      }
      case 'decode':
        if (!isSparse(entry.value)) throw new CommandError('ERR HLL encoding is not sparse');
        reply.bulk(describeSparse(entry.value));
        return;
      case 'encoding':
        reply.simple(isSparse(entry.value) ? 'sparse' : 'dense');
        return;
      default:
        throw new CommandError(`ERR Unknown PFDEBUG subcommand '${subcommand}'`);
    }
  },
};
