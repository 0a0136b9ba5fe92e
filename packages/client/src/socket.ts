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
let sharedReadBuffer: Buffer | null = null;

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
}

/**
 * Opens a socket to `address`; rejects with `ERR_NOT_CONNECTED` on failure
 * (TLS failures included: an untrusted certificate, a wrong name) or after
 * `timeoutMs`.
 */
export function openSocket(address: Address, options: SocketOptions = {}): Promise<Socket> {
  const { timeoutMs = 10_000, onChunk } = options;
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
      sharedReadBuffer ??= Buffer.allocUnsafe(64 * 1024);
      socket = connectTcp({
        host: address.host,
        port: address.port,
        onread: {
          buffer: sharedReadBuffer,
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
