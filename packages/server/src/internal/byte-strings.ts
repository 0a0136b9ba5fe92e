/**
 * The server holds every string a client or a config file gives it as
 * bytes, one character per byte (latin1): keys, values and settings alike,
 * as Redis holds them. Strings from JavaScript (createServer's options,
 * the command line's arguments) are text: they enter as the bytes of
 * their UTF-8, so `requirepass: 'pä'` is the password a client sends as
 * `pä`. A setting naming a file leaves as a path of those same bytes
 * (`pathBytes`: exact even where they are not UTF-8), and one shown to
 * JavaScript (`server.setting`, a socket path, a message) as text again.
 *
 * @module
 */

import { Buffer } from 'node:buffer';

// Text with nothing past ASCII is the same either way: no copy.
const BEYOND_ASCII = /[^\p{ASCII}]/u;

/** `text`'s UTF-8, one character per byte: how the server holds it. */
export function bytesOf(text: string): string {
  return !BEYOND_ASCII.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * An option as the server holds it: a string is text (its UTF-8, as
 * `bytesOf`), a Uint8Array the bytes themselves (as a config file gives
 * them: `requirepass "\xff"`).
 */
export function heldBytes(value: string | Uint8Array): string {
  return typeof value === 'string'
    ? bytesOf(value)
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
}

/** Bytes held one character per byte, read as UTF-8 text (invalid sequences as U+FFFD). */
export function textOf(bytes: string): string {
  return !BEYOND_ASCII.test(bytes) ? bytes : Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Bytes held one character per byte, as a file system path (node:fs takes a Buffer). */
export function pathBytes(bytes: string): Buffer {
  return Buffer.from(bytes, 'latin1');
}
