/**
 * Test support for the workspaces (private, never published): a real
 * redis-server on a free loopback port, skipped with a visible message when
 * it is not installed and required under CI=true; and a raw RESP client
 * that returns the exact reply bytes; and a TLS certificate to serve with.
 *
 * @module
 */

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer as createNetServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { encodeCommand, FrameDecoder } from '@mini-redis/resp';

/** Whether the real redis-server is installed. Under CI=true it must be. */
export function hasRedis(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true')
      throw new Error('CI=true but redis-server is not installed (.ci/run installs it)');
    console.warn(
      'redis-server not found: skipping the tests that need a real Redis (apt-get install redis-server)',
    );
    return false;
  }
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      );
    });
  });
}

export interface RealRedis {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts a real redis-server on a free loopback port, without persistence. */
export async function startRealRedis(extra: string[] = []): Promise<RealRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      ...extra,
    ],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const reply = await rawExchange(port, [['PING']]);
      if (reply.includes('PONG')) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * The TLS test fixture (fixtures/tls): a self-signed certificate for
 * `localhost` and `127.0.0.1`, and its key. Trust `cert` as the CA.
 */
export const TLS_FIXTURE = (() => {
  const certPath = fileURLToPath(new URL('../fixtures/tls/cert.pem', import.meta.url));
  const keyPath = fileURLToPath(new URL('../fixtures/tls/key.pem', import.meta.url));
  return { certPath, keyPath, cert: readFileSync(certPath, 'utf8') };
})();

/**
 * Starts a real redis-server that serves TLS with the fixture certificate
 * on `tlsPort` (clients need no certificate of their own), besides plain
 * TCP on `port`.
 */
export async function startRealRedisTls(
  extra: string[] = [],
): Promise<RealRedis & { readonly tlsPort: number }> {
  const tlsPort = await freePort();
  const redis = await startRealRedis([
    '--tls-port',
    String(tlsPort),
    '--tls-cert-file',
    TLS_FIXTURE.certPath,
    '--tls-key-file',
    TLS_FIXTURE.keyPath,
    '--tls-ca-cert-file',
    TLS_FIXTURE.certPath,
    '--tls-auth-clients',
    'no',
    ...extra,
  ]);
  return { ...redis, tlsPort };
}

/** A raw connection that sends bytes and returns the bytes of whole replies. */
export class RawClient {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);
  #frames = 0;
  #decoder: FrameDecoder;
  #waiters: (() => void)[] = [];
  #closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    this.#decoder = new FrameDecoder({ onFrame: () => this.#frames++, onError: () => {} });
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#decoder.write(chunk);
      this.#wake();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  get closed(): boolean {
    return this.#closed;
  }

  write(bytes: Buffer | string): void {
    this.#socket.write(bytes);
  }

  /** Sends commands as one pipeline. */
  send(commands: (string | Buffer)[][]): void {
    this.write(Buffer.concat(commands.map((c) => encodeCommand(c))));
  }

  /** Waits for `count` more whole replies (or the close) and returns their bytes. */
  async read(count: number, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.#frames < count && !this.#closed) {
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${count} replies, have ${this.#frames}: ${JSON.stringify(this.#buffer.toString('latin1'))}`,
        );
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    const text = this.#buffer.toString('latin1');
    this.#buffer = Buffer.alloc(0);
    this.#frames = 0;
    return text;
  }

  /** Waits until the server closes the connection. */
  async waitClosed(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#closed && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    return this.#closed;
  }

  /** Stops reading from the socket, as a client that does not consume its replies. */
  pause(): void {
    this.#socket.pause();
  }

  /** Reads from the socket again after `pause()`. */
  resume(): void {
    this.#socket.resume();
  }

  /** Everything received so far that `read` has not returned. */
  drain(): string {
    const text = this.#buffer.toString('latin1');
    this.#buffer = Buffer.alloc(0);
    this.#frames = 0;
    return text;
  }

  close(): void {
    this.#socket.destroy();
  }
}

/** Connects, sends `commands` as one pipeline, returns the bytes of all replies. */
export async function rawExchange(port: number, commands: (string | Buffer)[][]): Promise<string> {
  const client = await RawClient.connect(port);
  try {
    client.send(commands);
    return await client.read(commands.length);
  } finally {
    client.close();
  }
}
