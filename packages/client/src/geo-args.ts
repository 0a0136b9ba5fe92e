/**
 * The GEO commands' arguments and reply shapes for the client's typed
 * methods (commands.ts): points given as `{ longitude, latitude,
 * member }`, a search's center and shape as objects rather than keyword
 * strings, and replies that differ between RESP3 (doubles) and RESP2
 * (strings) turned into numbers whatever the protocol.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { CommandArg, Reply } from '@mini-redis/resp';
import type { CommandOptions } from './commands.js';
import { scoreOf } from './zset-args.js';

/** A point on the globe, in degrees (latitudes within ±85.05112878, as Redis indexes them). */
export interface GeoCoordinates {
  readonly longitude: number;
  readonly latitude: number;
}

/** A member of a geo set with its point. */
export interface GeoMember extends GeoCoordinates {
  readonly member: string | Buffer | number;
}

/** The units Redis measures in. */
export type GeoUnit = 'm' | 'km' | 'ft' | 'mi';

/** GEOADD's flags, as Redis spells them. */
export interface GeoaddOptions extends CommandOptions {
  /** Only add new members. */
  readonly NX?: boolean;
  /** Only move existing members. */
  readonly XX?: boolean;
  /** Count moved members as well as new ones. */
  readonly CH?: boolean;
}

/** Where a search is centered: a member of the set, or a point. */
export type GeoSearchCenter = { readonly member: string | Buffer | number } | GeoCoordinates;

/** What a search covers: a circle of `radius`, or a box `width` by `height`, in `unit`. */
export type GeoSearchShape =
  | { readonly radius: number; readonly unit: GeoUnit }
  | { readonly width: number; readonly height: number; readonly unit: GeoUnit };

/** GEOSEARCH's and GEOSEARCHSTORE's options. */
export interface GeoSearchOptions extends CommandOptions {
  /** Nearest first (`ASC`) or farthest first (`DESC`); the order found otherwise (unless COUNT). */
  readonly SORT?: 'ASC' | 'DESC';
  /** At most this many: the nearest, unless `ANY`. */
  readonly COUNT?: number;
  /** With COUNT: stop at the first COUNT found, not the nearest COUNT. */
  readonly ANY?: boolean;
}

/** GEOSEARCHSTORE's options. */
export interface GeoSearchStoreOptions extends GeoSearchOptions {
  /** Store each member's distance (in the shape's unit) as its score, not its geohash. */
  readonly STOREDIST?: boolean;
}

/** What `geosearchWith` adds to each member found. */
export interface GeoSearchWithOptions extends GeoSearchOptions {
  /** The distance from the center, in the shape's unit. */
  readonly WITHDIST?: boolean;
  /** The member's 52-bit geohash (its score). */
  readonly WITHHASH?: boolean;
  /** The member's point. */
  readonly WITHCOORD?: boolean;
}

/** A member found by `geosearchWith`, with what was asked for. */
export interface GeoSearchResult {
  readonly member: string;
  readonly distance?: number;
  readonly hash?: number;
  readonly coordinates?: GeoCoordinates;
}

// A coordinate as text Redis reads back as exactly this double.
function coordinateArg(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a coordinate: ${value}`);
  return String(value);
}

/** GEOADD's arguments. */
export function geoaddArgs(
  key: string,
  members: GeoMember | readonly GeoMember[],
  options?: GeoaddOptions,
): CommandArg[] {
  const args: CommandArg[] = ['GEOADD', key];
  if (options?.NX) args.push('NX');
  if (options?.XX) args.push('XX');
  if (options?.CH) args.push('CH');
  const list: readonly GeoMember[] = Array.isArray(members) ? members : [members as GeoMember];
  if (list.length === 0) throw new RangeError('GEOADD needs at least one member');
  for (const { longitude, latitude, member } of list)
    args.push(coordinateArg(longitude), coordinateArg(latitude), member);
  return args;
}

/** A search's arguments after the key(s): center, shape, order, count, then `extra`. */
export function geosearchArgs(
  center: GeoSearchCenter,
  shape: GeoSearchShape,
  options?: GeoSearchOptions,
): CommandArg[] {
  const args: CommandArg[] =
    'member' in center
      ? ['FROMMEMBER', center.member]
      : ['FROMLONLAT', coordinateArg(center.longitude), coordinateArg(center.latitude)];
  if ('radius' in shape) args.push('BYRADIUS', shape.radius, shape.unit);
  else args.push('BYBOX', shape.width, shape.height, shape.unit);
  if (options?.SORT !== undefined) args.push(options.SORT);
  if (options?.COUNT !== undefined) {
    args.push('COUNT', options.COUNT);
    if (options.ANY) args.push('ANY');
  }
  return args;
}

/** A pair of coordinates from a reply (RESP3 doubles or RESP2 text); null stays null. */
export function coordinatesOf(reply: Reply): GeoCoordinates | null {
  if (reply === null || reply === undefined) return null;
  const [longitude, latitude] = reply as Reply[];
  return { longitude: scoreOf(longitude!)!, latitude: scoreOf(latitude!)! };
}

/**
 * GEOSEARCH's reply with WITH options: per member, an array of the member
 * then the distance, hash and coordinates asked for, in that order.
 */
export function searchResultsOf(reply: Reply, options: GeoSearchWithOptions): GeoSearchResult[] {
  // Without any WITH option Redis replies bare members.
  if (!options.WITHDIST && !options.WITHHASH && !options.WITHCOORD)
    return (reply as Reply[]).map((member) => ({ member: String(member) }));
  return (reply as Reply[][]).map((item) => {
    let at = 1;
    const result: {
      member: string;
      distance?: number;
      hash?: number;
      coordinates?: GeoCoordinates;
    } = { member: String(item[0]) };
    if (options.WITHDIST) result.distance = Number(item[at++]);
    if (options.WITHHASH) result.hash = Number(item[at++]);
    if (options.WITHCOORD) result.coordinates = coordinatesOf(item[at++]!)!;
    return result;
  });
}
