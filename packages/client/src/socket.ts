/**
 * Opening the TCP (or TLS) socket for an address, with a connect timeout.
 * Shared by every layer of the client.
 *
 * @module
 */

import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Address } from './address.js';
import { ClientError } from './errors.js';
import { timerDelay } from './timer-delay.js';

// The read buffer of every TCP connection that asks for one (see
// openSocket's onChunk). Node reads up to 64 KiB at a time by default.
let sharedReadBuffer: Buffer | null = null;

/**
 * Opens a socket to `address`; rejects with `ERR_NOT_CONNECTED` on failure
 * or after `timeoutMs`.
 *
 * With `onChunk`, what the socket reads goes to it, and no 'data' event is
 * emitted. Over TCP the socket then reads into one buffer shared by every
 * such socket (`net.connect`'s `onread`), which spares an allocation and
 * the readable-stream machinery per read: `onChunk` must consume or copy
 * the bytes before it returns (a decoder with `transientChunks`).
 */
export function openSocket(
  address: Address,
  timeoutMs = 10_000,
  onChunk?: (chunk: Buffer) => void,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let socket: Socket;
    if (address.tls) {
      socket = connectTls({ host: address.host, port: address.port, servername: address.host });
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
    const event = address.tls ? 'secureConnect' : 'connect';
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
