/**
 * XREADGROUP: XREAD as a consumer of a group. With `>`, entries the group
 * has not delivered to anyone yet, which then wait in the pending lists
 * for XACK (not with NOACK); with an ID, this consumer's own pending
 * entries from that ID on (null fields for entries deleted since). BLOCK
 * waits for new entries; a deleted key or group ends the wait with an
 * error.
 *
 * ```text
 * XREADGROUP GROUP group consumer [COUNT count] [BLOCK milliseconds] [NOACK] STREAMS key [key ...] id [id ...]
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { xreadGeneric } from '../internal/xread.js';

export const xreadgroup: Command = {
  name: 'xreadgroup',
  arity: -7,
  flags: ['write', 'blocking', 'movablekeys'],
  keys: [0, 0, 0],
  execute(context, args) {
    xreadGeneric(context, args, true);
  },
};
