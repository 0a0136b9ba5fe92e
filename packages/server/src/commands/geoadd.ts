/**
 * GEOADD: adds points (longitude, latitude, name) to a geo set, a sorted
 * set whose scores are the points' 52-bit geohashes, or moves them. NX
 * adds only, XX moves only, CH counts moved points too. Replies with how
 * many were added. As in Redis, the coordinates become scores and ZADD
 * does the rest (its notification is `zadd`).
 *
 * ```text
 * GEOADD key [NX | XX] [CH] longitude latitude member [longitude latitude member ...]
 * ```
 *
 * @module
 */

import { type Command, FIRST_KEY } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import { coordinateArgs } from '../internal/geo.js';
import { pointScore } from '../internal/geohash.js';
import { addScores, parseAddFlags } from '../internal/zadd.js';

export const geoadd: Command = {
  name: 'geoadd',
  arity: -5,
  flags: ['write', 'denyoom'],
  keys: FIRST_KEY,
  execute(context, args) {
    const { flags, pairsAt: at } = parseAddFlags(args, true);
    if ((args.length - at) % 3 !== 0 || (flags.nx && flags.xx))
      throw new CommandError(Replies.syntax);
    const scores: number[] = [];
    const members: string[] = [];
    for (let i = at; i < args.length; i += 3) {
      const [longitude, latitude] = coordinateArgs(args, i);
      scores.push(pointScore(longitude, latitude));
      members.push(args.latin1(i + 2));
    }
    // Options and no point: ZADD's own syntax error.
    if (scores.length === 0) throw new CommandError(Replies.syntax);
    addScores(context, args.latin1(1), scores, members, flags);
  },
};
