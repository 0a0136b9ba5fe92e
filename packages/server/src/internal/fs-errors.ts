/**
 * The C library's words for a file system error (strerror), which Redis
 * puts in its replies ("ERR Rewriting config file: No such file or
 * directory"): Node's own messages are libuv's, in lower case and with the
 * path appended, and a few differ in wording.
 *
 * @module
 */

import { getSystemErrorMap } from 'node:util';

// Where libuv's words are not strerror's.
const STRERROR: Readonly<Record<string, string>> = {
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ENOENT: 'No such file or directory',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
  EEXIST: 'File exists',
  EIO: 'Input/output error',
};

/** strerror's text for `error`'s code, or its message when it has no system code. */
export function strerror(error: unknown): string {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  if (typeof code === 'string' && Object.hasOwn(STRERROR, code)) return STRERROR[code]!;
  const known = typeof errno === 'number' ? getSystemErrorMap().get(errno) : undefined;
  if (known !== undefined) return known[1].charAt(0).toUpperCase() + known[1].slice(1);
  return error instanceof Error ? error.message : String(error);
}
