/**
 * Making room for the server's Unix socket. A server that stopped without
 * closing (killed, crashed) leaves its socket file behind, and listening
 * there then fails with EADDRINUSE. redis-server unlinks whatever is at
 * the path; this is more careful, since the path may be a typo for a file
 * that matters, or another server's live socket.
 *
 * @module
 */

import { lstat, unlink } from 'node:fs/promises';
import { connect } from 'node:net';
import { ServerError } from '../errors.js';

/**
 * Removes the file at `path` when it is a socket nobody listens on.
 * Nothing there: nothing to do.
 *
 * @throws ServerError `ERR_ADDRESS_IN_USE` when a server answers on it,
 *   `ERR_LISTEN` when the path is some other kind of file.
 */
export async function clearStaleSocket(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = (await lstat(path)).isSocket();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!isSocket)
    throw new ServerError(
      'ERR_LISTEN',
      `Could not listen on ${path}: the file there is not a socket, and is left alone`,
    );
  if (await answers(path))
    throw new ServerError(
      'ERR_ADDRESS_IN_USE',
      `Could not listen on ${path}: address already in use (a server answers there)`,
    );
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    // Another process removed it meanwhile: the room is made all the same.
    if (error.code !== 'ENOENT') throw error;
  });
}

// Whether a connect to the socket succeeds. A stale socket file refuses
// at once (ECONNREFUSED), so this takes no time to tell.
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect({ path });
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
