/**
 * Test support for the workspaces (private, never published): a real
 * redis-server on a free loopback port, skipped with a visible message when
 * it is not installed and required under CI=true; servers in processes of
 * their own that a test can pause, kill and restart; a raw RESP client
 * that returns the exact reply bytes; and a TLS certificate to serve with.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
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

// Every server process started and not yet gone. When this process ends
// they are killed, so a test that fails between starting a server and
// stopping it (a hook that timed out, a start that finished after its
// test) never leaves one running on the machine. Vitest ends a worker
// that a running server holds open with SIGTERM, which runs no 'exit'
// hook: so SIGTERM kills them too, and then ends this process as the
// signal would have.
const runningChildren = new Set<ChildProcess>();
const killRunningChildren = () => {
  for (const child of runningChildren) child.kill('SIGKILL');
};
process.once('exit', killRunningChildren);
process.once('SIGTERM', () => {
  killRunningChildren();
  process.kill(process.pid, 'SIGTERM');
});

/**
 * A server in a child process of its own on a fixed loopback port, so a
 * test can do to it what happens to servers in production: stop it where
 * it stands (its sockets stay open and the kernel keeps accepting bytes,
 * as with a server stuck in a long command or a paused VM), kill it
 * outright (its connections are reset), and start it again on the same
 * port (a restarted server, empty: nothing is persisted).
 */
export class ServerProcess implements RealRedis {
  readonly port: number;
  readonly #launch: (port: number) => readonly [string, readonly string[]];
  #child: ChildProcess | null = null;

  private constructor(
    port: number,
    launch: (port: number) => readonly [string, readonly string[]],
  ) {
    this.port = port;
    this.#launch = launch;
  }

  /**
   * Starts `launch(port)` (a command and its arguments) on a free port and
   * resolves once it answers PING (even with an error, as with requirepass).
   *
   * @throws Error when the process exits, or does not answer within 10 s.
   */
  static async start(
    launch: (port: number) => readonly [string, readonly string[]],
  ): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), launch);
    await server.restart();
    return server;
  }

  /** Stops the process where it stands (SIGSTOP): it reads and answers nothing until `resume`. */
  pause(): void {
    this.#child?.kill('SIGSTOP');
  }

  /** Lets a paused process run again (SIGCONT). */
  resume(): void {
    this.#child?.kill('SIGCONT');
  }

  /** Kills the process (SIGKILL, which also ends a paused one) and resolves once it is gone. */
  kill(): Promise<void> {
    return this.#end('SIGKILL');
  }

  /** Starts the process again on the same port; resolves once it answers PING (even with an error). */
  async restart(): Promise<void> {
    if (this.#child !== null) throw new Error('the server process is still running');
    const [command, args] = this.#launch(this.port);
    const child = spawn(command, args, { stdio: 'ignore' });
    this.#child = child;
    runningChildren.add(child);
    let exited = false;
    child.once('exit', () => {
      exited = true;
      runningChildren.delete(child);
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (exited) {
        this.#child = null;
        throw new Error(`${command} exited before it answered on port ${this.port}`);
      }
      try {
        // Any reply will do: with requirepass, PING is answered -NOAUTH.
        if ((await rawExchange(this.port, [['PING']])).length > 0) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`${command} did not answer on port ${this.port} within 10 s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Bytes that clients have sent and the server has not read yet, summed
   * over its connections: with the process paused, what the clients have
   * written since.
   */
  unreadBytes(): number {
    return this.unreadBytesByConnection().reduce((sum, bytes) => sum + bytes, 0);
  }

  /**
   * The same per connection (Linux's /proc/net/tcp), in the kernel's order,
   * connections with nothing unread included.
   */
  unreadBytesByConnection(): number[] {
    const port = this.port.toString(16).toUpperCase().padStart(4, '0');
    const unread: number[] = [];
    for (const line of readFileSync('/proc/net/tcp', 'latin1').split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue ...; 01 is ESTABLISHED.
      const [, local, , state, queues] = line.trim().split(/\s+/);
      if (local?.endsWith(`:${port}`) && state === '01')
        unread.push(Number.parseInt(queues!.split(':')[1]!, 16));
    }
    return unread;
  }

  /** Ends the process (SIGTERM, after SIGCONT in case it was paused). Idempotent. */
  stop(): Promise<void> {
    return this.#end('SIGTERM');
  }

  #end(signal: NodeJS.Signals): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null)
      return Promise.resolve();
    return new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      if (signal !== 'SIGKILL') child.kill('SIGCONT');
      child.kill(signal);
    });
  }
}

// The directories of the real redis-servers started here, one each under
// one temporary directory, removed when this process ends.
let serverDirectories: string | null = null;
function serverDirectory(): string {
  if (serverDirectories === null) {
    const root = mkdtempSync(join(tmpdir(), 'mini-redis-testing-'));
    serverDirectories = root;
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  }
  return mkdtempSync(join(serverDirectories, 'redis-'));
}

/**
 * Starts a real redis-server on a free loopback port, without persistence,
 * in a directory of its own (unless `extra` gives a `--dir`): without one
 * it would work in the test's directory, where a SAVE, a replica's full
 * sync or a DEBUG RELOAD leaves a dump.rdb that every redis-server started
 * there later loads at start-up, keys and replication offset included.
 */
export function startRealRedis(extra: string[] = []): Promise<ServerProcess> {
  const dir = extra.includes('--dir') ? [] : ['--dir', serverDirectory()];
  return ServerProcess.start((port) => [
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
      ...dir,
      ...extra,
    ],
  ]);
}

/**
 * Starts the `mini-redis-server` binary at `bin` (it runs the server's
 * build: build @mini-redis/server first) on a free loopback port.
 */
export function startMiniRedisProcess(bin: string, extra: string[] = []): Promise<ServerProcess> {
  return ServerProcess.start((port) => [process.execPath, [bin, '--port', String(port), ...extra]]);
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
): Promise<ServerProcess & { readonly tlsPort: number }> {
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
  return Object.assign(redis, { tlsPort });
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

  /** Connects to a loopback TCP port, or to a Unix socket's path. */
  static connect(where: number | string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const endpoint =
        typeof where === 'string' ? { path: where } : { port: where, host: '127.0.0.1' };
      const socket = connect(endpoint, () => resolve(new RawClient(socket)));
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

/** Connects (to a loopback port or a Unix socket's path), sends `commands` as one pipeline, returns the bytes of all replies. */
export async function rawExchange(
  where: number | string,
  commands: (string | Buffer)[][],
): Promise<string> {
  const client = await RawClient.connect(where);
  try {
    client.send(commands);
    return await client.read(commands.length);
  } finally {
    client.close();
  }
}
