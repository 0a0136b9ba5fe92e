/**
 * Opening the TCP, Unix (or TLS) socket for an address, with a connect timeout
 * that also bounds the handshake which follows (`handshakeWithin`), and TCP
 * keepalive. Shared by every layer of the client.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { connect as connectTcp, isIP, type Socket } from 'node:net';
import { type ConnectionOptions, connect as connectTls } from 'node:tls';
import { type Address, describeAddress } from './address.js';
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

/**
 * TCP keepalive's default idle time, in ms (node-redis's too). Probes keep
 * a NAT or firewall from forgetting an idle connection, and let the kernel
 * end one whose peer vanished without a FIN; how fast depends on the
 * system's probe interval and count (Node 20 leaves them at the system's,
 * 75 s and 9 on Linux), so `pingInterval` is the fast detector.
 */
export const DEFAULT_KEEP_ALIVE = 5000;

/**
 * The `keepAlive` option checked: false, or an integer >= 1 (undefined
 * gives `DEFAULT_KEEP_ALIVE`).
 *
 * @throws RangeError for anything else.
 */
export function keepAliveOption(value: number | false | undefined): number | false {
  if (value === false) return false;
  const delay = value ?? DEFAULT_KEEP_ALIVE;
  if (!Number.isInteger(delay) || delay < 1)
    throw new RangeError(
      `Expected \`keepAlive\` to be false or an integer >= 1, got ${String(delay)}`,
    );
  return delay;
}

/** How `openSocket` connects. */
export interface SocketOptions {
  /** Milliseconds before giving up. Default 10,000. */
  readonly timeoutMs?: number | undefined;
  /**
   * TCP keepalive: idle milliseconds before the kernel's first probe, or
   * false for none. Default `DEFAULT_KEEP_ALIVE`. A Unix socket has none.
   */
  readonly keepAlive?: number | false | undefined;
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
  /** Aborting gives up the connect in progress (`ERR_NOT_CONNECTED`). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Opens a socket to `address`; rejects with `ERR_NOT_CONNECTED` on failure
 * (TLS failures included: an untrusted certificate, a wrong name) or after
 * `timeoutMs`.
 */
export function openSocket(address: Address, options: SocketOptions = {}): Promise<Socket> {
  const { timeoutMs = 10_000, onChunk, readSize, keepAlive = DEFAULT_KEEP_ALIVE } = options;
  const tls = address.tls || options.tls !== undefined;
  // Where: a Unix socket's path, or a TCP host and port.
  const endpoint =
    address.path === undefined
      ? { host: address.host, port: address.port }
      : { path: address.path };
  return new Promise((resolve, reject) => {
    let socket: Socket;
    if (tls) {
      socket = connectTls({
        ...endpoint,
        // SNI carries host names only (RFC 6066); the certificate is still
        // checked against an IP address. A Unix socket has no name to send.
        ...(address.path === undefined && isIP(address.host) === 0
          ? { servername: address.host }
          : {}),
        ...options.tls,
      });
      if (onChunk !== undefined) socket.on('data', onChunk);
    } else if (onChunk !== undefined) {
      socket = connectTcp({
        ...endpoint,
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
      socket = connectTcp(endpoint);
    }
    const event = tls ? 'secureConnect' : 'connect';
    const timer = setTimeout(
      () => fail(new Error(`connect timed out after ${timeoutMs} ms`)),
      timerDelay(timeoutMs),
    );
    const signal = options.signal;
    const onAbort = () => fail(new Error('the client was closed'));
    const fail = (error: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(
        new ClientError(
          'ERR_NOT_CONNECTED',
          `Could not connect to ${describeAddress(address)}: ${error.message}`,
          { cause: error },
        ),
      );
    };
    socket.once('error', fail);
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once(event, () => {
      clearTimeout(timer);
      socket.off('error', fail);
      signal?.removeEventListener('abort', onAbort);
      // Both are TCP's: a Unix socket has no Nagle delay and no peer that
      // can vanish without the kernel knowing.
      if (address.path === undefined) {
        socket.setNoDelay(true);
        if (keepAlive !== false) socket.setKeepAlive(true, keepAlive);
      }
      resolve(socket);
    });
  });
}

/**
 * Settles as `handshake` does, unless it takes longer than `timeoutMs`
 * counted from `startedAt` (the connect's start: one budget for the
 * socket and the handshake). Then it calls `abandon` (which destroys the
 * socket, so the handshake cannot go on later) and rejects with
 * `ERR_NOT_CONNECTED`: a server that accepts connections but never
 * answers (stopped, hung, or behind a proxy whose backend is gone) is a
 * failed attempt, retried like a refused connect.
 */
export async function handshakeWithin<T>(
  address: Address,
  startedAt: number,
  timeoutMs: number,
  abandon: () => void,
  handshake: Promise<T>,
): Promise<T> {
  const deadline = startedAt + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    const check = () => {
      // A delay beyond a timer's reach fires early (timerDelay): re-arm.
      const left = deadline - Date.now();
      if (left > 0) {
        timer = setTimeout(check, timerDelay(left));
        return;
      }
      abandon();
      reject(
        new ClientError(
          'ERR_NOT_CONNECTED',
          `Could not connect to ${describeAddress(address)}: no reply to the handshake within ${timeoutMs} ms`,
        ),
      );
    };
    timer = setTimeout(check, timerDelay(deadline - Date.now()));
  });
  try {
    // race() handles `handshake`'s own rejection after an abandon.
    return await Promise.race([handshake, expired]);
  } finally {
    clearTimeout(timer);
  }
}
