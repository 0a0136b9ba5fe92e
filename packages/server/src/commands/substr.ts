/**
 * SUBSTR: GETRANGE's old name (deprecated since Redis 2.0, still served):
 * a substring by byte offsets, negative ones counting from the end.
 *
 * ```text
 * SUBSTR key start end
 * ```
 *
 * @module
 */

import type { Command } from '../command.js';
import { getrange } from './getrange.js';

export const substr: Command = {
  ...getrange,
  name: 'substr',
};
