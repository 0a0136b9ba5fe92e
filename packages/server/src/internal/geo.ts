/**
 * What the GEO commands share, as Redis 7.0's geo.c has it: reading
 * coordinates, distances and units from arguments, printing distances and
 * coordinates, and the one search behind GEORADIUS, GEORADIUSBYMEMBER
 * (and their _RO forms), GEOSEARCH and GEOSEARCHSTORE
 * (georadiusGeneric). A geo set is a sorted set whose scores are geohashes
 * (internal/geohash.ts); any sorted set can be searched as one.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import type { ReplyEncoder, RequestArgs } from '@mini-redis/resp';
import type { CommandContext } from '../command.js';
import { CommandError, Replies } from '../errors.js';
import type { SortedSet } from '../sorted-set.js';
import { integerArg, option } from './args.js';
import { formatFixed } from './fixed-decimals.js';
import {
  cellScores,
  decodeScore,
  distanceInShape,
  GEO_LAT_MAX,
  GEO_LAT_MIN,
  GEO_LONG_MAX,
  GEO_LONG_MIN,
  type GeoHash,
  type GeoShape,
  searchCells,
} from './geohash.js';
import { partialSort } from './partial-sort.js';
import { scoreArg } from './scores.js';
import { sortedSetOf, storeZset } from './zsets.js';

const CANNOT_DECODE_MEMBER = 'ERR could not decode requested zset member';

/**
 * The longitude and latitude at arguments `i` and `i + 1`: floats as
 * Redis reads them, within the indexable limits (`ERR invalid
 * longitude,latitude pair` with both printed `%f` otherwise).
 */
export function coordinateArgs(args: RequestArgs, i: number): [number, number] {
  const longitude = scoreArg(args, i);
  const latitude = scoreArg(args, i + 1);
  if (
    longitude < GEO_LONG_MIN ||
    longitude > GEO_LONG_MAX ||
    latitude < GEO_LAT_MIN ||
    latitude > GEO_LAT_MAX
  )
    throw new CommandError(
      `ERR invalid longitude,latitude pair ${formatFixed(longitude, 6)},${formatFixed(latitude, 6)}`,
    );
  return [longitude, latitude];
}

/** The meters in one unit at argument `i` (`m`, `km`, `ft`, `mi`, any case). */
export function unitArg(args: RequestArgs, i: number): number {
  switch (option(args, i)) {
    case 'M':
      return 1;
    case 'KM':
      return 1000;
    case 'FT':
      return 0.3048;
    case 'MI':
      return 1609.34;
    default:
      throw new CommandError('ERR unsupported unit provided. please use M, KM, FT, MI');
  }
}

// A non-negative float at argument `i`; `message` when it is not a float.
function lengthArg(args: RequestArgs, i: number, message: string, negative: string): number {
  const value = scoreArg(args, i, message);
  if (value < 0) throw new CommandError(negative);
  return value;
}

// `radius unit` at argument `i` (extractDistanceOrReply).
function radiusArgs(args: RequestArgs, i: number): { radius: number; conversion: number } {
  const radius = lengthArg(args, i, 'ERR need numeric radius', 'ERR radius cannot be negative');
  return { radius, conversion: unitArg(args, i + 1) };
}

/** A member's point, [longitude, latitude], or undefined when it is not a member. */
export function memberPoint(zset: SortedSet, member: string): [number, number] | undefined {
  const score = zset.score(member);
  return score === undefined ? undefined : decodeScore(score);
}

/** Writes a distance as Redis does: a bulk string of `%.4f`, in either protocol. */
export function replyDistance(reply: ReplyEncoder, distance: number): void {
  reply.bulk(formatFixed(distance, 4));
}

/**
 * Writes a coordinate as Redis's addReplyHumanLongDouble: `%.17Lf` with
 * trailing zeros dropped, as a bulk string in RESP2 and a double in RESP3.
 */
export function replyCoordinate(reply: ReplyEncoder, value: number): void {
  let text = formatFixed(value, 17);
  if (text.includes('.')) text = text.replace(/\.?0+$/, '');
  if (text === '-0') text = '0';
  reply.double(value, text);
}

// C's (long long) of a score, as WITHHASH replies it: truncation, and
// x86-64's INT64_MIN for anything out of range.
function scoreAsInteger(score: number): number | bigint {
  if (Number.isSafeInteger(score)) return score;
  if (Number.isFinite(score) && Math.abs(score) < 2 ** 63) return BigInt(Math.trunc(score));
  return -(2n ** 63n);
}

/** Which search command runs (georadiusGeneric's flags). */
export interface SearchCommand {
  /** Where the source key is. */
  readonly keyAt: number;
  /** GEORADIUS (a center's coordinates), GEORADIUSBYMEMBER (a member), or GEOSEARCH's options. */
  readonly from: 'coordinates' | 'member' | 'options';
  /** The _RO forms: no STORE or STOREDIST. */
  readonly readOnly?: boolean;
  /** GEOSEARCHSTORE: the destination is argument 1. */
  readonly store?: boolean;
}

/** One point found (Redis's geoPoint). */
interface FoundPoint {
  readonly member: string;
  readonly score: number;
  readonly longitude: number;
  readonly latitude: number;
  /** From the center, in meters. */
  readonly distance: number;
}

/**
 * Runs a search command: parses its arguments in Redis's order (the
 * source key first, WRONGTYPE before anything else), finds the points in
 * the shape cell by cell, and replies or stores them.
 */
export function geoSearch(
  context: CommandContext,
  args: RequestArgs,
  command: SearchCommand,
): void {
  const { reply, keyspace, now } = context;
  const zset = keyspace.readZset(args.latin1(command.keyAt), now)?.value;
  let center: [number, number] | undefined;
  let size: { radius: number; conversion: number } | undefined;
  let box: { width: number; height: number; conversion: number } | undefined;
  let storeKey: string | undefined;
  let base: number;
  if (command.from === 'coordinates') {
    base = 6;
    center = coordinateArgs(args, 2);
    size = radiusArgs(args, 4);
  } else if (command.from === 'member') {
    base = 5;
    // Without the key there is no member to find, nor any need for the
    // radius: only the options are checked, to know which reply to send.
    if (zset !== undefined) {
      center = memberPoint(zset, args.latin1(2));
      if (center === undefined) throw new CommandError(CANNOT_DECODE_MEMBER);
      size = radiusArgs(args, 3);
    }
  } else {
    base = command.store ? 3 : 2;
    if (command.store) storeKey = args.latin1(1);
  }

  let withDistance = false;
  let withHash = false;
  let withCoordinates = false;
  let fromMember = false;
  let fromCoordinates = false;
  let storeDistance = false;
  let sort: 'none' | 'asc' | 'desc' = 'none';
  let any = false;
  let count = 0;
  const searching = command.from === 'options';
  const storable = !command.readOnly && !searching;
  for (let i = base; i < args.length; i++) {
    const name = option(args, i);
    const remaining = args.length - i - 1;
    if (name === 'WITHDIST') withDistance = true;
    else if (name === 'WITHHASH') withHash = true;
    else if (name === 'WITHCOORD') withCoordinates = true;
    else if (name === 'ANY') any = true;
    else if (name === 'ASC') sort = 'asc';
    else if (name === 'DESC') sort = 'desc';
    else if (name === 'COUNT' && remaining >= 1) {
      const value = integerArg(args, ++i);
      if (value <= 0) throw new CommandError('ERR COUNT must be > 0');
      count = typeof value === 'bigint' ? Number.MAX_SAFE_INTEGER : value;
    } else if ((name === 'STORE' || name === 'STOREDIST') && remaining >= 1 && storable) {
      storeKey = args.latin1(++i);
      storeDistance = name === 'STOREDIST';
    } else if (name === 'STOREDIST' && searching && command.store) storeDistance = true;
    else if (name === 'FROMMEMBER' && remaining >= 1 && searching && !fromCoordinates) {
      const member = args.latin1(++i);
      fromMember = true;
      // Without the key, parsing goes on and the empty reply comes last.
      if (zset === undefined) continue;
      center = memberPoint(zset, member);
      if (center === undefined) throw new CommandError(CANNOT_DECODE_MEMBER);
    } else if (name === 'FROMLONLAT' && remaining >= 2 && searching && !fromMember) {
      center = coordinateArgs(args, i + 1);
      fromCoordinates = true;
      i += 2;
    } else if (name === 'BYRADIUS' && remaining >= 2 && searching && box === undefined) {
      size = radiusArgs(args, i + 1);
      i += 2;
    } else if (name === 'BYBOX' && remaining >= 3 && searching && size === undefined) {
      // extractBoxOrReply: both numbers are read before either's sign is checked.
      const width = scoreArg(args, i + 1, 'ERR need numeric width');
      const height = scoreArg(args, i + 2, 'ERR need numeric height');
      if (height < 0 || width < 0) throw new CommandError('ERR height or width cannot be negative');
      box = { width, height, conversion: unitArg(args, i + 3) };
      i += 3;
    } else throw new CommandError(Replies.syntax);
  }

  if (storeKey !== undefined && (withDistance || withHash || withCoordinates))
    throw new CommandError(
      `ERR ${command.store ? 'GEOSEARCHSTORE' : 'STORE option in GEORADIUS'} is not compatible with WITHDIST, WITHHASH and WITHCOORD options`,
    );
  if (searching && !fromMember && !fromCoordinates)
    throw new CommandError(
      `ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for ${args.latin1(0)}`,
    );
  if (searching && size === undefined && box === undefined)
    throw new CommandError(
      `ERR exactly one of BYRADIUS and BYBOX can be specified for ${args.latin1(0)}`,
    );
  if (any && count === 0) throw new CommandError('ERR the ANY argument requires COUNT argument');

  if (zset === undefined) {
    if (storeKey !== undefined)
      storeZset(context, storeKey, sortedSetOf([], context.keyspace.limits), 'georadiusstore');
    else reply.arrayHeader(0);
    return;
  }
  // Set by now: a center comes with the key, a size with every form.
  const [longitude, latitude] = center!;
  const shape: GeoShape =
    box !== undefined
      ? { kind: 'box', longitude, latitude, ...box }
      : { kind: 'radius', longitude, latitude, ...size! };
  // COUNT means the nearest ones, unless ANY asked for whichever come first.
  if (count !== 0 && sort === 'none' && !any) sort = 'asc';

  const points = pointsInShape(zset, shape, any ? count : 0);
  if (points.length === 0 && storeKey === undefined) {
    reply.arrayHeader(0);
    return;
  }
  const returned = count === 0 || points.length < count ? points.length : count;
  if (sort !== 'none') {
    const order =
      sort === 'asc'
        ? (a: FoundPoint, b: FoundPoint) => compareDistances(a.distance, b.distance)
        : (a: FoundPoint, b: FoundPoint) => compareDistances(b.distance, a.distance);
    // glibc's qsort is a stable merge sort, as JavaScript's sort is; with
    // COUNT, Redis sorts only the front, with its own quicksort.
    if (returned === points.length) points.sort(order);
    else partialSort(points, order, 0, returned - 1);
  }

  const { conversion } = shape;
  if (storeKey !== undefined) {
    const stored = points.slice(0, returned).map((point) => ({
      member: point.member,
      score: storeDistance ? point.distance / conversion : point.score,
    }));
    storeZset(
      context,
      storeKey,
      sortedSetOf(stored, context.keyspace.limits),
      searching ? 'geosearchstore' : 'georadiusstore',
    );
    return;
  }
  const options = (withDistance ? 1 : 0) + (withHash ? 1 : 0) + (withCoordinates ? 1 : 0);
  reply.arrayHeader(returned);
  for (let i = 0; i < returned; i++) {
    const point = points[i]!;
    if (options > 0) reply.arrayHeader(options + 1);
    reply.bulk(Buffer.from(point.member, 'latin1'));
    if (withDistance) replyDistance(reply, point.distance / conversion);
    if (withHash) reply.integer(scoreAsInteger(point.score));
    if (withCoordinates) {
      reply.arrayHeader(2);
      replyCoordinate(reply, point.longitude);
      replyCoordinate(reply, point.latitude);
    }
  }
}

// sort_gp_asc: by distance, equal ones left to the sort.
function compareDistances(a: number, b: number): number {
  return a > b ? 1 : a === b ? 0 : -1;
}

/**
 * The members in the shape, cell by cell in Redis's order
 * (membersOfAllNeighbors); with a `limit` (ANY), it stops once that many
 * are found.
 */
function pointsInShape(zset: SortedSet, shape: GeoShape, limit: number): FoundPoint[] {
  const cells = searchCells(shape);
  const points: FoundPoint[] = [];
  let last = 0;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === null || cell === undefined) continue;
    // A huge radius makes neighbours repeat; Redis skips a cell equal to
    // the one searched just before, except right after the center's.
    const previous = cells[last]!;
    if (last !== 0 && cell.bits === previous.bits && cell.step === previous.step) continue;
    if (limit !== 0 && points.length >= limit) break;
    pointsInCell(zset, cell, shape, points, limit);
    last = i;
  }
  return points;
}

// geoGetPointsInRange: the members whose scores fall in the cell and whose
// points lie in the shape, appended to `points`.
function pointsInCell(
  zset: SortedSet,
  cell: GeoHash,
  shape: GeoShape,
  points: FoundPoint[],
  limit: number,
): void {
  const { min, max } = cellScores(cell);
  const range = { min, max, minExclusive: false, maxExclusive: true };
  for (let node = zset.firstInScoreRange(range); node !== null; node = node.next) {
    if (node.score >= max) break;
    const [longitude, latitude] = decodeScore(node.score);
    const distance = distanceInShape(shape, longitude, latitude);
    if (distance !== undefined)
      points.push({ member: node.member, score: node.score, longitude, latitude, distance });
    if (limit !== 0 && points.length >= limit) break;
  }
}
