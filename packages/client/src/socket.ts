/**
 * Opening the TCP (or TLS) socket for an address, with a connect timeout.
 * Shared by every layer of the client.
 *
 * @module
 */

import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { type ConnectionOptions, connect as connectTls } from 'node:tls';
import type { Address } from './address.js';
import { ClientError } from './errors.js';
import { timerDelay } from './timer-delay.js';

// The read buffer of every TCP connection that asks for one (see
// openSocket's onChunk). Node reads up to 64 KiB at a time by default.
const READ_BUFFER_SIZE = 64 * 1024;
let sharedReadBuffer: Buffer | null = null;
// Views of its first 2^k bytes, for `readSize` (index k).
const readViews: Buffer[] = [];

// The shared buffer's first `size` bytes (a power of two), as a cached view.
function readView(size: number): Buffer {
  sharedReadBuffer ??= Buffer.allocUnsafe(READ_BUFFER_SIZE);
  const k = Math.log2(size);
  if (!Number.isInteger(k) || size > READ_BUFFER_SIZE)
    throw new RangeError(`readSize must be a power of two up to ${READ_BUFFER_SIZE}, got ${size}`);
  let view = readViews[k];
  if (view === undefined) {
    view = sharedReadBuffer.subarray(0, size);
    readViews[k] = view;
  }
  return view;
}

/** How `openSocket` connects. */
export interface SocketOptions {
  /** Milliseconds before giving up. Default 10,000. */
  readonly timeoutMs?: number | undefined;
  /**
   * TLS options for `tls.connect` (`ca`, `cert`, `key`, `rejectUnauthorized`,
   * `servername`...). Given, the socket uses TLS even for a `redis://` or
   * `host:port` address; `rediss://` uses TLS with Node's defaults without it.
   */
  readonly tls?: ConnectionOptions | undefined;
  /**
   * What the socket reads goes here, and no 'data' event is emitted. Over
   * plain TCP the socket then reads into one buffer shared by every such
   * socket (`net.connect`'s `onread`), which spares an allocation and the
   * readable-stream machinery per read: it must consume or copy the bytes
   * before it returns (a decoder with `transientChunks`).
   */
  readonly onChunk?: ((chunk: Buffer) => void) | undefined;
  /**
   * With `onChunk` over plain TCP: called once before the first read and
   * after each `onChunk`, for the most bytes the next read may take (a
   * power of two up to 64 KiB; the manager's ReadSlicer). Default 64 KiB.
   */
  readonly readSize?: (() => number) | undefined;
}

/**
 * Opens a socket to `address`; rejects with `ERR_NOT_CONNECTED` on failure
 * (TLS failures included: an untrusted certificate, a wrong name) or after
 * `timeoutMs`.
 */
export function openSocket(address: Address, options: SocketOptions = {}): Promise<Socket> {
  const { timeoutMs = 10_000, onChunk, readSize } = options;
  const tls = address.tls || options.tls !== undefined;
  return new Promise((resolve, reject) => {
    let socket: Socket;
    if (tls) {
      socket = connectTls({
        host: address.host,
        port: address.port,
        // SNI carries host names only (RFC 6066); the certificate is still
        // checked against an IP address.
        ...(isIP(address.host) === 0 ? { servername: address.host } : {}),
        ...options.tls,
      });
      if (onChunk !== undefined) socket.on('data', onChunk);
    } else if (onChunk !== undefined) {
      socket = connectTcp({
        host: address.host,
        port: address.port,
        onread: {
          // Node calls a function here after every read for the next buffer.
          buffer: readSize === undefined ? readView(READ_BUFFER_SIZE) : () => readView(readSize()),
          callback: (bytes: number, buffer: Uint8Array) => {
            onChunk((buffer as Buffer).subarray(0, bytes));
            return true; // keep reading
          },
        },
      });
    } else {
      socket = connectTcp({ host: address.host, port: address.port });
    }
    const event = tls ? 'secureConnect' : 'connect';
    const timer = setTimeout(
      () => fail(new Error(`connect timed out after ${timeoutMs} ms`)),
      timerDelay(timeoutMs),
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new ClientError(
          'ERR_NOT_CONNECTED',
          `Could not connect to ${address.host}:${address.port}: ${error.message}`,
          { cause: error },
        ),
      );
    };
    socket.once('error', fail);
    socket.once(event, () => {
      clearTimeout(timer);
      socket.off('error', fail);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
