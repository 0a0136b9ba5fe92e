/**
 * FUNCTION DUMP's payload, in Redis 7.0's format, so a payload moves
 * between this server and Redis both ways: for each library the RDB
 * opcode FUNCTION2 (245) and its code as an RDB string (LZF-compressed
 * when that saves space, as with rdbcompression on), then the payload
 * footer (format.ts).
 *
 * Reading also takes Redis 7.0's release candidates' opcode (246: name,
 * engine, optional description, code), as Redis does.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { CommandError } from '../errors.js';
import { RdbFormatError, RdbReader, RdbWriter, verifyPayload } from './format.js';

const OPCODE_FUNCTION_PRE_GA = 246;
const OPCODE_FUNCTION2 = 245;

/** The payload FUNCTION DUMP replies with for libraries with `codes` (Latin-1); `compress` is rdbcompression. */
export function dumpFunctions(codes: readonly string[], compress: boolean): Buffer {
  const writer = new RdbWriter(compress);
  for (const code of codes) writer.byte(OPCODE_FUNCTION2).string(Buffer.from(code, 'latin1'));
  return writer.payload();
}

/**
 * The libraries' codes in a FUNCTION RESTORE payload, read one at a time
 * (Redis loads each before it reads the next, so an error in an earlier
 * library is the one reported).
 * @throws CommandError "ERR DUMP payload version or checksum are wrong"
 *   before the first, and Redis's texts for a payload that does not read.
 */
export function* readFunctions(payload: Buffer): Generator<string> {
  if (verifyPayload(payload) === null)
    throw new CommandError('ERR DUMP payload version or checksum are wrong');
  // As Redis's rio over the whole payload: a string may run into the
  // footer's bytes; reading stops when 10 or fewer are left.
  const reader = new RdbReader(payload);
  const read = <T>(failure: string, what: () => T): T => {
    try {
      return what();
    } catch (error) {
      if (error instanceof RdbFormatError) throw new CommandError(`ERR ${failure}`);
      throw error;
    }
  };
  while (reader.remaining > 10) {
    const type = read('can not read data type', () => reader.byte());
    if (type !== OPCODE_FUNCTION2 && type !== OPCODE_FUNCTION_PRE_GA)
      throw new CommandError('ERR given type is not a function');
    const text = (failure: string) => read(failure, () => reader.string().toString('latin1'));
    if (type === OPCODE_FUNCTION2) {
      yield text('Failed loading library payload');
      continue;
    }
    const name = text('Failed loading library name');
    const engine = text('Failed loading engine name');
    const hasDescription = read('Failed loading library description indicator', () =>
      reader.bigLength(),
    );
    if (hasDescription !== 0n) text('Failed loading library description');
    const code = text('Failed loading library payload');
    yield `#!${engine} name=${name}\n${code}`;
  }
}
