/**
 * Encoding commands: the hottest path of a client.
 *
 * A command is an array of bulk strings:
 *
 * ```text
 * *3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n
 * ```
 *
 * `CommandEncoder` writes commands straight into a reused slab (see
 * `SlabWriter`) and hands out everything written since the last `flush()`
 * as one Buffer, so a pipelining client batches many commands into one
 * socket write with no per-command allocation.
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { SlabWriter, utf8Length } from './internal/slab-writer.js';

/** One argument of a command: text (UTF-8), bytes, or a number written in decimal. */
export type CommandArg = string | Uint8Array | number | bigint;

const ARRAY = 42;
const BULK = 36;

/** Encodes commands into batches of bytes. */
export class CommandEncoder {
  readonly #writer: SlabWriter;

  /** @param slabSize bytes per slab; a larger command gets a slab of its own size. */
  constructor(options?: { slabSize?: number }) {
    this.#writer = new SlabWriter(options?.slabSize);
  }

  /**
   * Appends one command.
   *
   * @throws TypeError for an argument that is not a string, bytes, a finite number or a
   *   bigint, or for no argument at all (not an array, or an empty one); nothing of the
   *   command is written then.
   */
  write(args: readonly CommandArg[]): void {
    // Redis skips an empty command (`*0`) without a reply: a client that
    // pairs replies with commands in order would give it the next one's.
    if (args.length === 0 || !Array.isArray(args))
      throw new TypeError(
        `Expected a command as an array of at least one argument (its name), got ${Array.isArray(args) ? 'an empty array' : typeof args}`,
      );
    const writer = this.#writer;
    const mark = writer.mark();
    writer.header(ARRAY, args.length);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (typeof arg === 'string') {
        const length = utf8Length(arg);
        writer.header(BULK, length);
        writer.utf8(arg, length);
      } else if (arg instanceof Uint8Array) {
        writer.header(BULK, arg.length);
        writer.bytes(arg);
      } else if ((typeof arg === 'number' && Number.isFinite(arg)) || typeof arg === 'bigint') {
        const text = String(arg);
        writer.header(BULK, text.length);
        writer.ascii(text);
      } else {
        // Leave no half-written command behind to corrupt the next batch.
        writer.rollback(mark);
        throw new TypeError(
          `Expected a command argument to be a string, bytes, a finite number or a bigint, got ${typeof arg === 'number' ? String(arg) : typeof arg}`,
        );
      }
      writer.reserve(2);
      writer.crlf();
    }
  }

  /**
   * Appends several commands, all or none: when one argument is invalid,
   * nothing of the batch is written (a pipeline must not go out in part).
   *
   * @throws TypeError as `write` does.
   */
  writeAll(commands: readonly (readonly CommandArg[])[]): void {
    const mark = this.#writer.mark();
    try {
      for (const args of commands) this.write(args);
    } catch (error) {
      this.#writer.rollback(mark);
      throw error;
    }
  }

  /** Bytes written since the last flush. */
  get pendingBytes(): number {
    return this.#writer.length;
  }

  /**
   * Everything written since the last flush, as one Buffer. It stays valid
   * (later writes never touch it), so it can go straight to `socket.write`.
   */
  flush(): Buffer {
    return this.#writer.flush();
  }
}

/** Encodes one command into a Buffer of its own. */
export function encodeCommand(args: readonly CommandArg[]): Buffer {
  const encoder = new CommandEncoder({ slabSize: 256 });
  encoder.write(args);
  return encoder.flush();
}
