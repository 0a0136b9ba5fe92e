/**
 * The hash commands' arguments and reply shapes for the client's typed
 * methods (commands.ts): fields given as an object or a Map, and the
 * replies that differ between RESP3 (maps, [field, value] pairs) and
 * RESP2 (flat arrays, from a server that refused HELLO 3) turned into one
 * shape whatever the protocol.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import type { CommandArg, Reply } from '@mini-redis/resp';
import { type MemberScanOptions, memberScanArgs } from './collection-args.js';

/** Fields and their values for HSET: an object, or a Map (any field names, in order). */
export type HashFields =
  | Readonly<Record<string, string | Buffer | number>>
  | ReadonlyMap<string, string | Buffer | number>;

/** HSCAN's options, as Redis spells them. */
export type HscanOptions = MemberScanOptions;

/** `field value field value...` from `fields`. */
export function fieldValueArgs(fields: HashFields): CommandArg[] {
  const args: CommandArg[] = [];
  const entries = fields instanceof Map ? fields.entries() : Object.entries(fields);
  for (const [field, value] of entries) args.push(field, value);
  return args;
}

/** HSCAN's arguments from its options. */
export function hscanArgs(
  key: string,
  cursor: string | number,
  options?: HscanOptions,
): CommandArg[] {
  return memberScanArgs('HSCAN', key, cursor, options);
}

/**
 * HGETALL's reply (a RESP3 map, or RESP2's flat array) as an object with
 * no prototype, so a field named `__proto__` or `constructor` is just a
 * field. Buffer field names are read as UTF-8.
 */
export function recordOf<V>(reply: Reply): Record<string, V> {
  const record = Object.create(null) as Record<string, V>;
  if (reply instanceof Map) {
    for (const [field, value] of reply) record[String(field)] = value as V;
    return record;
  }
  const flat = reply as unknown[];
  for (let i = 0; i + 1 < flat.length; i += 2) record[String(flat[i])] = flat[i + 1] as V;
  return record;
}

/**
 * Field, value pairs from a reply that holds them as RESP3's [field,
 * value] arrays or as RESP2's flat field, value... (HRANDFIELD WITHVALUES).
 */
export function pairsOf<V>(reply: Reply): [string, V][] {
  const items = reply as unknown[];
  if (items.length > 0 && Array.isArray(items[0])) return items as [string, V][];
  const pairs: [string, V][] = [];
  for (let i = 0; i + 1 < items.length; i += 2) pairs.push([items[i] as string, items[i + 1] as V]);
  return pairs;
}
