/**
 * DEBUG DIGEST and DIGEST-VALUE: SHA-1 signatures of the dataset and of
 * values, computed as Redis's debug.c computes them, so the same data
 * signs the same on this server and on redis-server (the test suites of
 * Redis and its clients compare datasets this way).
 *
 * Unordered things (keys, set members, hash fields, sorted set members)
 * are combined by XOR of their SHA-1s, so their order does not matter;
 * ordered things (list elements, stream entries) are chained
 * (`digest = SHA1(digest xor SHA1(data))`), so it does.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { Entry, Keyspace } from '../keyspace.js';
import { List } from '../list.js';
import { MemberSet } from '../member-set.js';
import { SortedSet } from '../sorted-set.js';
import { Stream } from '../stream.js';
import { formatScore } from './scores.js';
import { MAX_ID, MIN_ID } from './stream-ids.js';

// Redis's object type numbers (server.h), mixed first into each value's digest.
const OBJ_STRING = 0;
const OBJ_LIST = 1;
const OBJ_SET = 2;
const OBJ_ZSET = 3;
const OBJ_HASH = 4;
const OBJ_STREAM = 6;

function sha1(data: Uint8Array): Buffer {
  return createHash('sha1').update(data).digest();
}

// digest ^= SHA1(data)
function xorDigest(digest: Buffer, data: Uint8Array): void {
  const hash = sha1(data);
  for (let i = 0; i < 20; i++) digest[i]! ^= hash[i]!;
}

// digest = SHA1(digest ^ SHA1(data))
function mixDigest(digest: Buffer, data: Uint8Array): void {
  xorDigest(digest, data);
  sha1(digest).copy(digest);
}

const latin1 = (text: string) => Buffer.from(text, 'latin1');

// A 32-bit integer in network order, as Redis mixes htonl(type) and htonl(db).
function networkInt(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}

/** Mixes `entry`'s value (and whether it has a deadline) into `digest`: Redis's xorObjectDigest. */
export function mixValueDigest(digest: Buffer, entry: Entry): void {
  const value = entry.value;
  if (value instanceof Uint8Array) {
    mixDigest(digest, networkInt(OBJ_STRING));
    mixDigest(digest, value);
  } else if (value instanceof List) {
    mixDigest(digest, networkInt(OBJ_LIST));
    for (const element of value.values()) mixDigest(digest, element);
  } else if (value instanceof MemberSet) {
    mixDigest(digest, networkInt(OBJ_SET));
    for (const member of value.members()) xorDigest(digest, latin1(member));
  } else if (value instanceof SortedSet) {
    mixDigest(digest, networkInt(OBJ_ZSET));
    for (const node of value.nodes()) {
      const element = Buffer.alloc(20);
      mixDigest(element, latin1(node.member));
      mixDigest(element, latin1(formatScore(node.score)));
      xorDigest(digest, element);
    }
  } else if (value instanceof Stream) {
    mixDigest(digest, networkInt(OBJ_STREAM));
    for (const item of value.range(MIN_ID, MAX_ID)) {
      mixDigest(digest, latin1(`${item.id.ms}.${item.id.seq}`));
      for (const field of item.fields) mixDigest(digest, field);
    }
  } else {
    mixDigest(digest, networkInt(OBJ_HASH));
    for (const [field, text] of value.entries()) {
      const element = Buffer.alloc(20);
      mixDigest(element, latin1(field));
      mixDigest(element, text);
      xorDigest(digest, element);
    }
  }
  if (entry.expiresAt !== 0) xorDigest(digest, latin1('!!expire!!'));
}

/** DEBUG DIGEST-VALUE's signature of one value (20 zero bytes for none). */
export function valueDigest(entry: Entry | undefined): Buffer {
  const digest = Buffer.alloc(20);
  if (entry !== undefined) mixValueDigest(digest, entry);
  return digest;
}

/** DEBUG DIGEST's signature of every database's keys and values (Redis's computeDatasetDigest). */
export function datasetDigest(databases: readonly Keyspace[]): Buffer {
  const final = Buffer.alloc(20);
  databases.forEach((keyspace, index) => {
    if (keyspace.size === 0) return;
    mixDigest(final, networkInt(index));
    for (const [key, entry] of keyspace.storedEntries()) {
      const digest = Buffer.alloc(20);
      mixDigest(digest, latin1(key));
      mixValueDigest(digest, entry);
      xorDigest(final, digest);
    }
  });
  return final;
}
