/**
 * Reading every connection into one shared buffer: the measured hot path
 * of the server's input (apps/bench, `server` suite).
 *
 * By default Node gives each read of a socket a Buffer of its own and
 * passes it through the readable-stream machinery to a 'data' listener.
 * With `net.Socket`'s documented `onread` option it reads into a buffer we
 * give it and calls us directly. Measured with redis-benchmark (`-n 200000
 * -c 50`, no pipelining, 3 interleaved rounds) against the same build
 * reading through 'data' events: 7-27% more requests per second for
 * PING_MBULK, 8-49% for SET, GET, INCR and MSET.
 *
 * `net.Server` has no `onread` option for the connections it accepts, so
 * the accepted socket's handle is moved into a new `net.Socket` made with
 * one. That relies on three undocumented but long-standing details of
 * `node:net` (the `_handle` and `_server` fields, and the `handle` option
 * that Node itself uses to build accepted sockets). Where they are not as
 * expected, the connection falls back to 'data' events: correct, only
 * slower. The server must be created with `pauseOnConnect: true`, so that
 * nothing is read before the handle moves.
 *
 * One buffer serves every connection: reads are delivered one at a time on
 * the event-loop thread, and the callback consumes each chunk before it
 * returns. The RequestDecoder copies the little it keeps between reads
 * (its `transientChunks` option).
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { Socket } from 'node:net';

// Node reads up to 64 KiB at a time by default; so do we.
const READ_SIZE = 64 * 1024;
let sharedBuffer: Buffer | null = null;

// The fields of an accepted socket this module relies on.
interface AcceptedSocket {
  _handle: { readStart?: unknown; readStop?: unknown; useUserBuffer?: unknown } | null;
  _server: unknown;
  server: unknown;
}

/**
 * Starts reading `accepted` (created paused, by a server with
 * `pauseOnConnect`), calling `onChunk` for each read. `onChunk` gets a view
 * of a buffer that the next read of any connection overwrites: it must
 * consume or copy the bytes before returning.
 *
 * Returns the socket to use from now on: a new one that owns the
 * connection, or `accepted` itself when `shared` is false or the handle
 * could not be moved. Pausing and resuming the returned socket stop and
 * restart reading, as usual.
 */
export function readConnection(
  accepted: Socket,
  onChunk: (chunk: Buffer) => void,
  shared = true,
): Socket {
  const inner = accepted as unknown as AcceptedSocket;
  const handle = inner._handle;
  if (
    shared &&
    handle !== null &&
    typeof handle === 'object' &&
    typeof handle.readStart === 'function' &&
    typeof handle.readStop === 'function' &&
    typeof handle.useUserBuffer === 'function'
  ) {
    sharedBuffer ??= Buffer.allocUnsafe(READ_SIZE);
    // Detach the handle first, so the old socket can never close or read it.
    inner._handle = null;
    const socket = new Socket({
      handle,
      readable: true,
      writable: true,
      onread: {
        buffer: sharedBuffer,
        callback: (bytes: number, buffer: Uint8Array) => {
          onChunk((buffer as Buffer).subarray(0, bytes));
        },
      },
    } as ConstructorParameters<typeof Socket>[0]);
    // Node counts a server's connections through the socket's `_server`;
    // move it too, so the count drops when this socket closes.
    const moved = socket as unknown as AcceptedSocket;
    moved._server = inner._server;
    moved.server = inner.server;
    inner._server = null;
    return socket;
  }
  accepted.on('data', onChunk);
  accepted.resume();
  return accepted;
}
