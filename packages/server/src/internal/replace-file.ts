/**
 * Replacing a small file's contents so that a crash or a full disk leaves
 * either the old file or the new one, never a mix: the new text goes to a
 * temporary file beside it, is flushed to disk, and is renamed over the
 * old; then the directory is flushed, so the rename itself survives a
 * power loss (Redis's rewriteConfigOverwriteFile). CONFIG REWRITE and ACL
 * SAVE write through it.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import {
  closeSync,
  constants,
  fsyncSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import process from 'node:process';
import { pathBytes } from './byte-strings.js';

/**
 * Replaces `path`'s contents with `text`, both held one character per
 * byte (internal/byte-strings.ts),
 * atomically. `mode` is the new file's permission bits, less the umask
 * (0o644 by default, as Redis gives its config file).
 *
 * @throws the file system's error (ENOENT for a missing directory, EACCES,
 *   ENOSPC, ...); the temporary file is removed and `path` is untouched.
 */
export function replaceFile(path: string, text: string, mode = 0o644): void {
  const bytes = Buffer.from(text, 'latin1');
  // A name no other writer picks: the process, the time and a counter.
  const temporary = pathBytes(`${path}.${process.pid}-${Date.now().toString(36)}-${++written}`);
  // (libuv opens every file close-on-exec.)
  const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  let renamed = false;
  try {
    for (let offset = 0; offset < bytes.length; )
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    renameSync(temporary, pathBytes(path));
    renamed = true;
  } finally {
    closeSync(fd);
    if (!renamed) {
      try {
        unlinkSync(temporary);
      } catch {
        // Already gone: nothing to remove.
      }
    }
  }
  syncDirectory(pathBytes(dirname(path)));
}

let written = 0;

// Flushes a directory's entries (the rename). Some file systems refuse to
// open or fsync a directory; the file itself is already safe then.
function syncDirectory(directory: Buffer): void {
  let fd: number;
  try {
    fd = openSync(directory, constants.O_RDONLY);
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // See above.
  } finally {
    closeSync(fd);
  }
}
