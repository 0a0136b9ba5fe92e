/**
 * The settings that decide how Redis 7.0 would encode a collection: when a
 * hash, a set or a sorted set leaves its compact encoding (listpack,
 * intset) for good, and how a list's quicklist splits into nodes. Each
 * server has its own (CONFIG SET changes them while it runs), and every
 * hash, set and sorted set holds its server's, reading them at each change
 * as Redis reads its globals, so a new limit applies from the next change
 * on and never converts a value back.
 *
 * The names are Redis's; CONFIG also answers to their Redis 6 aliases
 * (`hash-max-ziplist-entries` and the rest: see commands/config.ts).
 *
 * @module
 */

/** The encoding settings, under their CONFIG names. */
export interface EncodingLimits {
  /** A hash holding more fields than this is a hashtable. */
  'hash-max-listpack-entries': number;
  /** A hash given a field or value longer than this (bytes) is a hashtable. */
  'hash-max-listpack-value': number;
  /** A set of integers holding more members than this is a hashtable. */
  'set-max-intset-entries': number;
  /** A sorted set holding more members than this is a skiplist. */
  'zset-max-listpack-entries': number;
  /** A sorted set given a member longer than this (bytes) is a skiplist. */
  'zset-max-listpack-value': number;
  /**
   * A quicklist node's limit: negative, its listpack's bytes (-1: 4 KB to
   * -5: 64 KB); positive, its elements (then also at most 8 KB).
   */
  'list-max-listpack-size': number;
  /**
   * How many nodes at each end of a list Redis leaves uncompressed (0:
   * none is compressed). Kept and reported; this server compresses no
   * node, so MEMORY USAGE and DUMP of a list differ from Redis's when it
   * is not 0.
   */
  'list-compress-depth': number;
}

/** Redis 7.0's defaults (redis-server started without a configuration file). */
export const DEFAULT_ENCODING_LIMITS: Readonly<EncodingLimits> = Object.freeze({
  'hash-max-listpack-entries': 512,
  'hash-max-listpack-value': 64,
  'set-max-intset-entries': 512,
  'zset-max-listpack-entries': 128,
  'zset-max-listpack-value': 64,
  'list-max-listpack-size': -2,
  'list-compress-depth': 0,
});
