/**
 * Commands that may wait on the server by design: the list pops, sorted
 * set pops and stream reads that block, and WAIT/WAITAOF. The manager's
 * health check (`pingInterval`) gives no verdict while one is awaited,
 * since its silence is no sign of a dead connection.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { CommandArg } from '@mini-redis/resp';

// Lower-case names. XREAD and XREADGROUP block only with BLOCK; counted
// either way, which costs at most a verdict put off.
const BLOCKING = new Set([
  'blpop',
  'brpop',
  'brpoplpush',
  'blmove',
  'blmpop',
  'bzpopmin',
  'bzpopmax',
  'bzmpop',
  'xread',
  'xreadgroup',
  'wait',
  'waitaof',
]);

/** Whether `args` is a command that may block on the server. */
export function mayBlock(args: readonly CommandArg[]): boolean {
  const name = args[0];
  if (name === undefined) return false;
  const text =
    name instanceof Uint8Array
      ? Buffer.from(name.buffer, name.byteOffset, name.byteLength).toString('latin1')
      : String(name);
  return BLOCKING.has(text.toLowerCase());
}
