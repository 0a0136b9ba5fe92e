/**
 * The RDB file (dump.rdb) as Redis 7.0 writes and reads it: the magic
 * `REDIS0010`, auxiliary fields, the function libraries, each database's
 * keys (with their deadlines) and values (objects.ts), the end byte and a
 * CRC-64 of everything before it. A file this server writes loads in
 * redis-server, and a file redis-server writes (or Redis 6 wrote) loads
 * here.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import process from 'node:process';
import type { EncodingLimits } from '../encoding-limits.js';
import type { Value } from '../keyspace.js';
import { crc64 } from './crc64.js';
import { RDB_VERSION, RdbFormatError, RdbReader, RdbWriter } from './format.js';
import { readObject, writeObject } from './objects.js';

// rdb.h's opcodes.
const OPCODE_FUNCTION2 = 245;
const OPCODE_FUNCTION_PRE_GA = 246;
const OPCODE_MODULE_AUX = 247;
const OPCODE_IDLE = 248;
const OPCODE_FREQ = 249;
const OPCODE_AUX = 250;
const OPCODE_RESIZEDB = 251;
const OPCODE_EXPIRETIME_MS = 252;
const OPCODE_EXPIRETIME = 253;
const OPCODE_SELECTDB = 254;
const OPCODE_EOF = 255;

/** One key of a database, as a file holds it. */
export interface RdbKey {
  readonly key: string;
  readonly value: Value;
  /** Unix time in ms; 0 for none. */
  readonly expiresAt: number;
  /** Seconds since its last access, as saved under an LRU policy (RDB_OPCODE_IDLE). */
  readonly idle?: number;
  /** Its LFU counter, as saved under an LFU policy (RDB_OPCODE_FREQ). */
  readonly frequency?: number;
}

/** What a file holds: each database's keys, and the function libraries' code. */
export interface RdbContents {
  readonly databases: ReadonlyMap<number, readonly RdbKey[]>;
  /** Each library's code (Latin-1), metadata line included. */
  readonly functions: readonly string[];
}

/** What reading a file gives: its contents, and how many keys were left out as expired. */
export interface RdbRead extends RdbContents {
  readonly expired: number;
}

/**
 * The bytes of an RDB file holding `contents`, as rdbSaveRio writes them.
 * `now` (ms) is the file's creation time (its `ctime` field); `compress`
 * is rdbcompression.
 */
export function writeRdbFile(contents: RdbContents, now: number, compress = true): Buffer {
  const writer = new RdbWriter(compress);
  writer.raw(Buffer.from(`REDIS${String(RDB_VERSION).padStart(4, '0')}`, 'latin1'));
  const aux = (name: string, value: string) =>
    writer.byte(OPCODE_AUX).string(Buffer.from(name)).string(Buffer.from(value));
  aux('redis-ver', '7.0.15');
  aux('redis-bits', '64');
  aux('ctime', String(Math.floor(now / 1000)));
  aux('used-mem', String(process.memoryUsage().heapUsed));
  aux('aof-base', '0');
  for (const code of contents.functions)
    writer.byte(OPCODE_FUNCTION2).string(Buffer.from(code, 'latin1'));
  for (const [index, keys] of contents.databases) {
    if (keys.length === 0) continue;
    writer.byte(OPCODE_SELECTDB).length(index);
    writer
      .byte(OPCODE_RESIZEDB)
      .length(keys.length)
      .length(keys.filter((entry) => entry.expiresAt !== 0).length);
    for (const { key, value, expiresAt, idle, frequency } of keys) {
      if (expiresAt !== 0) writer.byte(OPCODE_EXPIRETIME_MS).milliseconds(expiresAt);
      // Then what the eviction policy keeps, as rdbSaveKeyValuePair.
      if (idle !== undefined) writer.byte(OPCODE_IDLE).length(idle);
      if (frequency !== undefined) writer.byte(OPCODE_FREQ).byte(frequency);
      // The type byte, then the key, then the object.
      const object = new RdbWriter(compress);
      writeObject(object, value);
      const bytes = object.bytes();
      writer.byte(bytes[0]!).string(Buffer.from(key, 'latin1')).raw(bytes.subarray(1));
    }
  }
  writer.byte(OPCODE_EOF);
  const body = writer.bytes();
  const checksum = Buffer.alloc(8);
  checksum.writeBigUInt64LE(crc64(body));
  return Buffer.concat([body, checksum]);
}

/**
 * Reads an RDB file (version 1 to 10). Keys whose deadline is at or before
 * `now` are left out, and counted, as a Redis master leaves them out when
 * it loads;
 * values are held as Redis would load them under the encoding `limits`.
 * @throws RdbFormatError for a file that does not read, whose checksum is
 *   wrong, or that holds what this server cannot hold (a module's data).
 */
export function readRdbFile(bytes: Buffer, now: number, limits: Readonly<EncodingLimits>): RdbRead {
  const magic = bytes.subarray(0, 9).toString('latin1');
  const match = /^REDIS(\d{4})$/.exec(magic);
  if (match === null) throw new RdbFormatError('not an RDB file (wrong signature)');
  const version = Number(match[1]);
  if (version < 1 || version > RDB_VERSION)
    throw new RdbFormatError(`RDB version ${version} is not supported`);
  const reader = new RdbReader(bytes.subarray(9));
  const databases = new Map<number, RdbKey[]>();
  const functions: string[] = [];
  let database = 0;
  let expiresAt = 0;
  // The next key's access data, when the file has it.
  let idle: number | undefined;
  let frequency: number | undefined;
  let expired = 0;
  for (;;) {
    const type = reader.byte();
    switch (type) {
      case OPCODE_EOF: {
        // Version 5 and later end with a CRC-64 (0: checksums were off).
        if (version >= 5) {
          const stored = reader.raw(8).readBigUInt64LE(0);
          const body = bytes.subarray(0, bytes.length - 8);
          if (stored !== 0n && stored !== crc64(body)) throw new RdbFormatError('wrong checksum');
        }
        if (reader.remaining !== 0) throw new RdbFormatError('bytes after the end');
        return { databases, functions, expired };
      }
      case OPCODE_SELECTDB:
        database = reader.length();
        continue;
      case OPCODE_RESIZEDB:
        reader.bigLength();
        reader.bigLength();
        continue;
      case OPCODE_AUX:
        reader.string();
        reader.string();
        continue;
      case OPCODE_EXPIRETIME_MS:
        expiresAt = Number(reader.milliseconds());
        continue;
      case OPCODE_EXPIRETIME:
        expiresAt = reader.raw(4).readInt32LE(0) * 1000;
        continue;
      case OPCODE_IDLE: {
        // Seconds; a value past what a Number holds exactly means "long ago".
        const seconds = reader.bigLength();
        idle =
          seconds > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(seconds);
        continue;
      }
      case OPCODE_FREQ:
        frequency = reader.byte();
        continue;
      case OPCODE_FUNCTION2:
        functions.push(reader.string().toString('latin1'));
        continue;
      case OPCODE_FUNCTION_PRE_GA: {
        const name = reader.string().toString('latin1');
        const engine = reader.string().toString('latin1');
        if (reader.bigLength() !== 0n) reader.string();
        const code = reader.string().toString('latin1');
        functions.push(`#!${engine} name=${name}\n${code}`);
        continue;
      }
      case OPCODE_MODULE_AUX:
        throw new RdbFormatError("a module's data, which this server cannot load");
      default: {
        // A key: its type (read again by readObject), its name, its value.
        const key = reader.string().toString('latin1');
        const value = readObject(reader, limits, type);
        const deadline = expiresAt;
        const access = {
          ...(idle === undefined ? {} : { idle }),
          ...(frequency === undefined ? {} : { frequency }),
        };
        expiresAt = 0;
        idle = undefined;
        frequency = undefined;
        if (deadline !== 0 && deadline <= now) {
          expired++;
          continue;
        }
        let keys = databases.get(database);
        if (keys === undefined) {
          keys = [];
          databases.set(database, keys);
        }
        keys.push({ key, value, expiresAt: deadline, ...access });
      }
    }
  }
}
