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

/** Opens a socket to `address`; rejects with `ERR_NOT_CONNECTED` on failure or after `timeoutMs`. */
export function openSocket(address: Address, timeoutMs = 10_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = address.tls
      ? connectTls({ host: address.host, port: address.port, servername: address.host })
      : connectTcp({ host: address.host, port: address.port });
    const event = address.tls ? 'secureConnect' : 'connect';
    const timer = setTimeout(
      () => fail(new Error(`connect timed out after ${timeoutMs} ms`)),
      timeoutMs,
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
