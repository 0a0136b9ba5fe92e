/**
 * The geohash arithmetic under the GEO commands, as Redis 7.0 does it
 * (geohash.c and geohash_helper.c): a point is stored in a sorted set as
 * the score of its 52-bit geohash, 26 bits of latitude and 26 of
 * longitude interleaved, so that points near each other have scores near
 * each other and a search is a handful of score ranges.
 *
 * Every step is Redis's, in the same double arithmetic, so that scores,
 * decoded coordinates, the boxes a search visits and the distances it
 * finds are the same bits as redis-server's. Two kinds of number are used:
 *
 * - A 52-bit geohash fits a double exactly, so encoding and decoding (the
 *   hot part of a search: one decode per candidate) work on numbers, split
 *   into two 32-bit words where bits are shuffled.
 * - The neighbour moves of a search's nine boxes are 64-bit masks in C;
 *   they run on BigInts, nine per search.
 *
 * @module
 */

import * as libm from './libm/index.js';

/** Bits per coordinate in a stored point's geohash. */
export const GEO_STEP_MAX = 26;
/** The latitudes a point may have (Web Mercator's limits: the poles cannot be indexed). */
export const GEO_LAT_MIN = -85.05112878;
export const GEO_LAT_MAX = 85.05112878;
/** The longitudes a point may have. */
export const GEO_LONG_MIN = -180;
export const GEO_LONG_MAX = 180;

// Earth's quadratic mean radius for WGS-84, in meters (Redis's constant).
const EARTH_RADIUS_IN_METERS = 6372797.560856;
// Half the equator in Web Mercator meters: a search's step starts from it.
const MERCATOR_MAX = 20037726.37;
// M_PI / 180.0, as C folds it.
const DEGREES_TO_RADIANS = Math.PI / 180;
const TWO_32 = 2 ** 32;

/** A geohash: `step` bits per coordinate, interleaved in `bits` (latitude in the even bits). */
export interface GeoHash {
  readonly bits: number;
  readonly step: number;
}

/** The cell a geohash covers, in degrees. */
export interface GeoArea {
  readonly longitudeMin: number;
  readonly longitudeMax: number;
  readonly latitudeMin: number;
  readonly latitudeMax: number;
}

/** A coordinate range to encode within. */
interface Range {
  readonly min: number;
  readonly max: number;
}

const LONGITUDE: Range = { min: GEO_LONG_MIN, max: GEO_LONG_MAX };
const LATITUDE: Range = { min: GEO_LAT_MIN, max: GEO_LAT_MAX };
// The standard geohash's latitudes, which GEOHASH re-encodes into.
const STANDARD_LATITUDE: Range = { min: -90, max: 90 };

/**
 * A search area (GeoShape in Redis): a circle of `radius`, or a box of
 * `width` by `height`, both in the unit that `conversion` turns into meters,
 * around a center.
 */
export type GeoShape =
  | {
      readonly kind: 'radius';
      readonly longitude: number;
      readonly latitude: number;
      readonly conversion: number;
      readonly radius: number;
    }
  | {
      readonly kind: 'box';
      readonly longitude: number;
      readonly latitude: number;
      readonly conversion: number;
      readonly width: number;
      readonly height: number;
    };

// --- bit shuffling ---------------------------------------------------------

// The 16 bits of `value` spread to the even bits of a 32-bit word.
function spread16(value: number): number {
  let v = value & 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  return (v | (v << 1)) & 0x55555555;
}

// The even bits of a 32-bit word gathered into 16 bits.
function squash16(word: number): number {
  let v = word & 0x55555555;
  v = (v | (v >>> 1)) & 0x33333333;
  v = (v | (v >>> 2)) & 0x0f0f0f0f;
  v = (v | (v >>> 4)) & 0x00ff00ff;
  return (v | (v >>> 8)) & 0x0000ffff;
}

// interleave64: `x` (latitude) in the even bits, `y` (longitude) in the
// odd ones, both below 2^32; as [high word, low word].
function interleave(x: number, y: number): [number, number] {
  const low = (spread16(x) | (spread16(y) << 1)) >>> 0;
  const high = (spread16(x >>> 16) | (spread16(y >>> 16) << 1)) >>> 0;
  return [high, low];
}

// C's (uint64_t) of a double as x86-64 compilers do it, as two 32-bit
// words. Scores GEOADD wrote are integers below 2^54; anything else in a
// sorted set (ZADD puts what it likes there) goes the long way.
function uint64Words(value: number): [number, number] {
  if (value >= 0 && value < 2 ** 53) {
    const whole = Math.trunc(value);
    const high = Math.floor(whole / TWO_32);
    return [high, whole - high * TWO_32];
  }
  let big: bigint;
  // NaN and values from 2^64 up come out 0; below -2^63, 2^63 (the
  // conversion's "indefinite" result); negatives wrap.
  if (Number.isNaN(value) || value >= 2 ** 64) big = 0n;
  else if (value <= -(2 ** 63)) big = 1n << 63n;
  else big = BigInt.asUintN(64, BigInt(Math.trunc(value)));
  return [Number(big >> 32n), Number(big & 0xffffffffn)];
}

// --- encoding and decoding ---------------------------------------------------

// 2^step for a step of 1 to 26: a shift, where `2 ** step` with a
// variable step calls V8's general pow (about a fifth of decoding a
// score, the step a search repeats for every point).
function cellsPerCoordinate(step: number): number {
  return 1 << step;
}

// geohashEncode: the cell of `step` bits per coordinate holding the point,
// within the given ranges (the caller has checked the point is in them).
function encodeWords(
  longitude: number,
  latitude: number,
  step: number,
  longitudeRange: Range,
  latitudeRange: Range,
): [number, number] {
  const scale = cellsPerCoordinate(step);
  const latitudeOffset =
    ((latitude - latitudeRange.min) / (latitudeRange.max - latitudeRange.min)) * scale;
  const longitudeOffset =
    ((longitude - longitudeRange.min) / (longitudeRange.max - longitudeRange.min)) * scale;
  // C converts each offset to uint32_t: truncation.
  return interleave(latitudeOffset >>> 0, longitudeOffset >>> 0);
}

/** The geohash of a point at `step` bits per coordinate (Redis's geohashEncodeWGS84). */
export function encode(longitude: number, latitude: number, step: number): GeoHash {
  const [high, low] = encodeWords(longitude, latitude, step, LONGITUDE, LATITUDE);
  return { bits: high * TWO_32 + low, step };
}

/**
 * The score GEOADD stores for a point: its 52-bit geohash. (Redis prints
 * the 64-bit integer and ZADD parses it back: the same single rounding as
 * this sum, for the one cell, at longitude 180, that needs 54 bits.)
 */
export function pointScore(longitude: number, latitude: number): number {
  return encode(longitude, latitude, GEO_STEP_MAX).bits;
}

// geohashDecode from the geohash's two words: the cell's bounds.
function decodeWords(high: number, low: number, step: number): GeoArea {
  const latitudeCell = (squash16(low) | (squash16(high) << 16)) >>> 0;
  const longitudeCell = (squash16(low >>> 1) | (squash16(high >>> 1) << 16)) >>> 0;
  const cells = cellsPerCoordinate(step);
  const latitudeScale = GEO_LAT_MAX - GEO_LAT_MIN;
  const longitudeScale = GEO_LONG_MAX - GEO_LONG_MIN;
  return {
    latitudeMin: GEO_LAT_MIN + (latitudeCell / cells) * latitudeScale,
    // uint32_t arithmetic: the cell after the last wraps to 0.
    latitudeMax: GEO_LAT_MIN + (((latitudeCell + 1) >>> 0) / cells) * latitudeScale,
    longitudeMin: GEO_LONG_MIN + (longitudeCell / cells) * longitudeScale,
    longitudeMax: GEO_LONG_MIN + (((longitudeCell + 1) >>> 0) / cells) * longitudeScale,
  };
}

/** The cell a geohash covers (Redis's geohashDecodeWGS84). */
export function decode(hash: GeoHash): GeoArea {
  const high = Math.floor(hash.bits / TWO_32);
  return decodeWords(high, hash.bits - high * TWO_32, hash.step);
}

/**
 * The point a stored score stands for, [longitude, latitude]: the center
 * of its cell, kept within the limits (Redis's decodeGeohash).
 */
export function decodeScore(score: number): [number, number] {
  const [high, low] = uint64Words(score);
  const area = decodeWords(high, low, GEO_STEP_MAX);
  let longitude = (area.longitudeMin + area.longitudeMax) / 2;
  if (longitude > GEO_LONG_MAX) longitude = GEO_LONG_MAX;
  if (longitude < GEO_LONG_MIN) longitude = GEO_LONG_MIN;
  let latitude = (area.latitudeMin + area.latitudeMax) / 2;
  if (latitude > GEO_LAT_MAX) latitude = GEO_LAT_MAX;
  if (latitude < GEO_LAT_MIN) latitude = GEO_LAT_MIN;
  return [longitude, latitude];
}

const GEOHASH_ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';

/**
 * GEOHASH's text for a point: the standard geohash (latitudes -90 to 90,
 * where Redis stores -85 to 85), 11 characters of 5 bits from the 52-bit
 * hash, the last one always `0`.
 */
export function standardGeohash(longitude: number, latitude: number): string {
  const [high, low] = encodeWords(longitude, latitude, GEO_STEP_MAX, LONGITUDE, STANDARD_LATITUDE);
  const bits = (BigInt(high) << 32n) | BigInt(low);
  let text = '';
  for (let i = 0; i < 10; i++)
    text += GEOHASH_ALPHABET[Number((bits >> BigInt(52 - (i + 1) * 5)) & 0x1fn)];
  return `${text}0`;
}

// --- neighbours --------------------------------------------------------------

const ODD_BITS = 0xaaaaaaaaaaaaaaaan;
const EVEN_BITS = 0x5555555555555555n;

// geohash_move_x and geohash_move_y: one cell east (+1) or west (-1) in
// the odd (longitude) bits, or north or south in the even (latitude)
// bits, wrapping around as C's uint64_t does.
function move(bits: bigint, step: number, direction: number, moved: bigint, kept: bigint): bigint {
  if (direction === 0) return bits;
  const shift = BigInt(64 - step * 2);
  let value = bits & moved;
  const other = bits & kept;
  // The other coordinate's bits set, so a carry runs through them.
  const filler = kept >> shift;
  if (direction > 0) value = BigInt.asUintN(64, value + filler + 1n);
  else value = BigInt.asUintN(64, (value | filler) - (filler + 1n));
  value &= moved >> shift;
  return value | other;
}

function neighbour(hash: GeoHash, east: number, north: number): GeoHash {
  let bits = BigInt(hash.bits);
  bits = move(bits, hash.step, east, ODD_BITS, EVEN_BITS);
  bits = move(bits, hash.step, north, EVEN_BITS, ODD_BITS);
  return { bits: Number(bits), step: hash.step };
}

// --- distances ---------------------------------------------------------------

/**
 * The haversine great-circle distance between two points, in meters
 * (geohashGetDistance, as Redis 7.0 has it: no shortcut for points on
 * one meridian).
 */
export function distance(
  longitude1: number,
  latitude1: number,
  longitude2: number,
  latitude2: number,
): number {
  const latitude1Radians = latitude1 * DEGREES_TO_RADIANS;
  const longitude1Radians = longitude1 * DEGREES_TO_RADIANS;
  const latitude2Radians = latitude2 * DEGREES_TO_RADIANS;
  const longitude2Radians = longitude2 * DEGREES_TO_RADIANS;
  // glibc's sin, cos and asin round correctly nearly always, and libm's
  // always: with V8's, one stored distance in 40 (STOREDIST) differed in
  // its last bit.
  const u = libm.sin((latitude2Radians - latitude1Radians) / 2);
  const v = libm.sin((longitude2Radians - longitude1Radians) / 2);
  // On one meridian (v = 0, as a box's measure along it) the cosines are
  // multiplied by zero: skipping them gives the same bits.
  const across = v === 0 ? 0 : cosine(latitude1Radians) * cosine(latitude2Radians) * v * v;
  const root = Math.sqrt(u * u + across);
  // Rounding can take the root of nearly antipodal points a hair past 1,
  // where asin is NaN in C too (libm's asin takes only [-1, 1]).
  return 2 * EARTH_RADIUS_IN_METERS * (root <= 1 ? libm.asin(root) : Math.asin(root));
}

// The cosines of the last two latitudes asked for, the latest first: a
// search takes the center's with every point's, and a box the point's
// twice. libm's cos costs several times V8's, and this keeps a search to
// about one per point.
let latestRadians = Number.NaN;
let latestCosine = Number.NaN;
let earlierRadians = Number.NaN;
let earlierCosine = Number.NaN;

function cosine(radians: number): number {
  if (radians === latestRadians) return latestCosine;
  if (radians !== earlierRadians) {
    earlierRadians = radians;
    earlierCosine = libm.cos(radians);
  }
  // Swap, so that the one just used is the latest.
  const value = earlierCosine;
  earlierRadians = latestRadians;
  earlierCosine = latestCosine;
  latestRadians = radians;
  latestCosine = value;
  return value;
}

// The same haversine with V8's sin, cos and asin: several times quicker
// than libm's, and within ROUGH_MARGIN of `distance` (each function is
// off by at most about an ulp, so the root by a few, which asin turns
// into at most a few tenths of a meter where points are nearly
// antipodal and a few nanometers elsewhere).
function roughDistance(
  longitude1: number,
  latitude1: number,
  longitude2: number,
  latitude2: number,
): number {
  const latitude1Radians = latitude1 * DEGREES_TO_RADIANS;
  const latitude2Radians = latitude2 * DEGREES_TO_RADIANS;
  const u = Math.sin((latitude2Radians - latitude1Radians) / 2);
  const v = Math.sin((longitude2 * DEGREES_TO_RADIANS - longitude1 * DEGREES_TO_RADIANS) / 2);
  return (
    2 *
    EARTH_RADIUS_IN_METERS *
    Math.asin(Math.sqrt(u * u + Math.cos(latitude1Radians) * Math.cos(latitude2Radians) * v * v))
  );
}

/** Meters, plus 1e-9 of the limit: a wide margin over roughDistance's error. */
const ROUGH_MARGIN = 2;
// Beyond this, points are nearly antipodal: the root may round past 1,
// where asin is NaN (and a NaN distance exceeds no limit, in C either).
const NEARLY_ANTIPODAL = Math.PI * EARTH_RADIUS_IN_METERS - 1000;

// Whether distance(...) > limit: decided by roughDistance where it is
// clearly on one side (most points of a search), by `distance` near the
// limit or the antipode, so that every decision is the one Redis makes.
function exceeds(
  limit: number,
  longitude1: number,
  latitude1: number,
  longitude2: number,
  latitude2: number,
): boolean {
  const rough = roughDistance(longitude1, latitude1, longitude2, latitude2);
  if (Math.abs(rough - limit) > ROUGH_MARGIN + limit * 1e-9 && rough < NEARLY_ANTIPODAL)
    return rough > limit;
  return distance(longitude1, latitude1, longitude2, latitude2) > limit;
}

/**
 * The distance from the shape's center to a point, in meters, when the
 * point lies in the shape; undefined when it does not. A box is measured
 * along the point's parallel and meridian, as Redis does. Points clearly
 * outside are ruled out with V8's functions (see exceeds); the distances
 * returned are `distance`'s.
 */
export function distanceInShape(
  shape: GeoShape,
  longitude: number,
  latitude: number,
): number | undefined {
  if (shape.kind === 'radius') {
    const limit = shape.radius * shape.conversion;
    if (exceeds(limit, shape.longitude, shape.latitude, longitude, latitude)) return undefined;
    return distance(shape.longitude, shape.latitude, longitude, latitude);
  }
  if (
    exceeds((shape.width * shape.conversion) / 2, longitude, latitude, shape.longitude, latitude) ||
    exceeds((shape.height * shape.conversion) / 2, longitude, latitude, longitude, shape.latitude)
  )
    return undefined;
  return distance(shape.longitude, shape.latitude, longitude, latitude);
}

// --- search areas ------------------------------------------------------------

// geohashEstimateStepsByRadius: the coarsest step whose cells still hold
// the radius, one coarser again near the poles.
function estimateSteps(meters: number, latitude: number): number {
  if (meters === 0) return 26;
  let range = meters;
  let step = 1;
  while (range < MERCATOR_MAX) {
    range *= 2;
    step++;
  }
  step -= 2;
  if (latitude > 66 || latitude < -66) {
    step--;
    if (latitude > 80 || latitude < -80) step--;
  }
  return Math.min(26, Math.max(1, step));
}

// cos of any double: libm's takes finite arguments only, and an infinite
// radius (BYRADIUS inf) makes one here; cos(±inf) is NaN, in C too.
function cosOfAny(radians: number): number {
  return Number.isFinite(radians) ? libm.cos(radians) : Number.NaN;
}

// geohashBoundingBox: [min longitude, min latitude, max longitude, max
// latitude] of the shape, widened on the side nearer the pole.
function boundingBox(shape: GeoShape): [number, number, number, number] {
  const { longitude, latitude, conversion } = shape;
  const height = conversion * (shape.kind === 'radius' ? shape.radius : shape.height / 2);
  const width = conversion * (shape.kind === 'radius' ? shape.radius : shape.width / 2);
  const latitudeDelta = height / EARTH_RADIUS_IN_METERS / DEGREES_TO_RADIANS;
  const longitudeDeltaTop =
    width /
    EARTH_RADIUS_IN_METERS /
    cosOfAny((latitude + latitudeDelta) * DEGREES_TO_RADIANS) /
    DEGREES_TO_RADIANS;
  const longitudeDeltaBottom =
    width /
    EARTH_RADIUS_IN_METERS /
    cosOfAny((latitude - latitudeDelta) * DEGREES_TO_RADIANS) /
    DEGREES_TO_RADIANS;
  const longitudeDelta = latitude < 0 ? longitudeDeltaBottom : longitudeDeltaTop;
  return [
    longitude - longitudeDelta,
    latitude - latitudeDelta,
    longitude + longitudeDelta,
    latitude + latitudeDelta,
  ];
}

/**
 * The geohash cells a search visits, in Redis's order: the center's cell,
 * then north, south, east, west, north-east, north-west, south-east and
 * south-west; `null` for a neighbour the shape cannot reach
 * (geohashCalculateAreasByShapeWGS84).
 */
export function searchCells(shape: GeoShape): (GeoHash | null)[] {
  const [minLongitude, minLatitude, maxLongitude, maxLatitude] = boundingBox(shape);
  const { longitude, latitude } = shape;
  const meters =
    (shape.kind === 'radius'
      ? shape.radius
      : Math.sqrt(
          (shape.width / 2) * (shape.width / 2) + (shape.height / 2) * (shape.height / 2),
        )) * shape.conversion;
  let steps = estimateSteps(meters, latitude);
  let hash = encode(longitude, latitude, steps);
  let north = neighbour(hash, 0, 1);
  let south = neighbour(hash, 0, -1);
  let east = neighbour(hash, 1, 0);
  let west = neighbour(hash, -1, 0);
  // Near a cell's edge the estimate can be one step too fine: a
  // neighbour does not reach the shape's far side.
  const tooFine =
    decode(north).latitudeMax < maxLatitude ||
    decode(south).latitudeMin > minLatitude ||
    decode(east).longitudeMax < maxLongitude ||
    decode(west).longitudeMin > minLongitude;
  if (steps > 1 && tooFine) {
    steps--;
    hash = encode(longitude, latitude, steps);
    north = neighbour(hash, 0, 1);
    south = neighbour(hash, 0, -1);
    east = neighbour(hash, 1, 0);
    west = neighbour(hash, -1, 0);
  }
  let northEast: GeoHash | null = neighbour(hash, 1, 1);
  let northWest: GeoHash | null = neighbour(hash, -1, 1);
  let southEast: GeoHash | null = neighbour(hash, 1, -1);
  let southWest: GeoHash | null = neighbour(hash, -1, -1);
  let northCell: GeoHash | null = north;
  let southCell: GeoHash | null = south;
  let eastCell: GeoHash | null = east;
  let westCell: GeoHash | null = west;
  // Neighbours wholly outside the bounding box are not searched.
  if (steps >= 2) {
    const area = decode(hash);
    if (area.latitudeMin < minLatitude) southCell = southWest = southEast = null;
    if (area.latitudeMax > maxLatitude) northCell = northEast = northWest = null;
    if (area.longitudeMin < minLongitude) westCell = southWest = northWest = null;
    if (area.longitudeMax > maxLongitude) eastCell = southEast = northEast = null;
  }
  return [
    hash,
    northCell,
    southCell,
    eastCell,
    westCell,
    northEast,
    northWest,
    southEast,
    southWest,
  ];
}

/**
 * The sorted-set scores of the points in a cell: from `min` (included) to
 * `max` (excluded), the cell's bits followed by every value of the rest
 * (Redis's scoresOfGeoHashBox).
 */
export function cellScores(hash: GeoHash): { min: number; max: number } {
  const unit = 2 ** (52 - hash.step * 2);
  return { min: hash.bits * unit, max: (hash.bits + 1) * unit };
}
