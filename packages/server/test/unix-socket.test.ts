// Listening on a Unix socket (`unixSocket`, redis-server's `unixsocket`):
// what clients there see, against a real redis-server (CLIENT LIST's
// `path:0` addresses and `U` flag, MONITOR's `unix:` prefix, CONFIG), and
// how the server takes the path: a stale socket file is replaced, a live
// one or any other file is refused, the mode is applied, and close()
// removes the file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@mini-redis/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server, ServerError } from '../src/index.js';
import { hasRedis, RawClient, type RealRedis, rawExchange, startRealRedis } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mini-redis-unix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
const socketPath = () => join(dir, `s${++counter}.sock`);

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function listening(options: Parameters<typeof createServer>[0]): Promise<Server> {
  const server = createServer({ port: 0, ...options });
  servers.push(server);
  await server.listen();
  return server;
}

// A socket file nobody listens on, as a killed server leaves it.
function staleSocket(path: string): void {
  const script = `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.kill(process.pid, 'SIGKILL'))`;
  spawnSync(process.execPath, ['-e', script]);
  expect(statSync(path).isSocket()).toBe(true);
}

async function listenError(options: Parameters<typeof createServer>[0]): Promise<unknown> {
  return createServer({ port: 0, ...options })
    .listen()
    .then(
      () => {
        throw new Error('listen() succeeded');
      },
      (error: unknown) => error,
    );
}

describe.skipIf(!hasRedis())('differential: clients over a Unix socket', () => {
  // What a plain client, a subscriber and a monitor see of themselves
  // and of each other; the socket's path is written <sock>.
  async function run(path: string): Promise<string> {
    const plain = await RawClient.connect(path);
    const subscriber = await RawClient.connect(path);
    const monitor = await RawClient.connect(path);
    try {
      subscriber.send([['SUBSCRIBE', 'news']]);
      await subscriber.read(1);
      monitor.send([['MONITOR']]);
      await monitor.read(1);
      plain.send([
        ['CLIENT', 'INFO'],
        ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
        ['CONFIG', 'GET', 'unixsocket'],
        ['CONFIG', 'GET', 'unixsocketperm'],
        ['CONFIG', 'SET', 'unixsocket', '/tmp/elsewhere.sock'],
        ['SET', 'k', 'v'],
      ]);
      const replies = await plain.read(6);
      // CLIENT INFO and SET (CLIENT LIST and CONFIG are not fed).
      const fed = await monitor.read(2);
      plain.send([['CLIENT', 'LIST', 'TYPE', 'normal']]);
      const normal = await plain.read(1);
      // Keep the fields that describe the transport; ids, ages and
      // buffer sizes differ by design.
      const fields = (text: string) =>
        text.replace(/id=\d+ (addr=\S+ laddr=\S+) .*?(flags=\S+ db=\d+ sub=\d+).*/g, '$1 $2');
      return [fields(replies), fed.replace(/\+\d+\.\d+ /g, '+'), fields(normal)]
        .join('|')
        .replaceAll(path, '<sock>')
        .replace(/\$\d+\r\n(?=addr=|<sock>)/g, '$?\r\n');
    } finally {
      plain.close();
      subscriber.close();
      monitor.close();
    }
  }

  let redis: RealRedis | undefined;
  afterAll(async () => {
    await redis?.stop();
  });

  it('in RESP2: addresses path:0, the U flag, unix: in MONITOR, CONFIG', async () => {
    const redisPath = socketPath();
    redis = await startRealRedis(['--unixsocket', redisPath, '--unixsocketperm', '700']);
    const expected = await run(redisPath);
    expect(expected).toContain('addr=<sock>:0 laddr=<sock>:0 flags=U db=0 sub=0');
    expect(expected).toContain('flags=PU db=0 sub=1');
    expect(expected).toContain('+[0 unix:<sock>] "SET" "k" "v"');
    const oursPath = socketPath();
    await listening({ unixSocket: oursPath, unixSocketPerm: 0o700 });
    expect(await run(oursPath)).toBe(expected);
  });
});

describe('the server on a Unix socket', () => {
  it('serves the same keyspace over TCP and the socket, with the mode asked for', async () => {
    const path = socketPath();
    const server = await listening({ unixSocket: path, unixSocketPerm: 0o700 });
    expect(statSync(path).mode & 0o777).toBe(0o700);
    expect(await rawExchange(server.port, [['SET', 'shared', 'yes']])).toBe('+OK\r\n');
    expect(await rawExchange(path, [['GET', 'shared']])).toBe('$3\r\nyes\r\n');
    const other = socketPath();
    await listening({ unixSocket: other, unixSocketPerm: 0o660 });
    expect(statSync(other).mode & 0o777).toBe(0o660);
  });

  it('kills and shuts down its clients there like any other', async () => {
    const path = socketPath();
    const server = await listening({ unixSocket: path });
    const victim = await RawClient.connect(path);
    const lingering = await RawClient.connect(path);
    expect(
      await rawExchange(path, [['CLIENT', 'KILL', 'ADDR', `${path}:0`, 'SKIPME', 'yes']]),
    ).toBe(':2\r\n');
    expect(await victim.waitClosed()).toBe(true);
    expect(await lingering.waitClosed()).toBe(true);
    const open = await RawClient.connect(path);
    await server.close();
    expect(await open.waitClosed()).toBe(true);
  });

  it('removes the socket file at close()', async () => {
    const path = socketPath();
    const server = await listening({ unixSocket: path });
    expect(statSync(path).isSocket()).toBe(true);
    await server.close();
    expect(() => statSync(path)).toThrow(/ENOENT/);
  });

  it('replaces a stale socket file, as a killed server leaves it', async () => {
    const path = socketPath();
    staleSocket(path);
    await listening({ unixSocket: path });
    expect(await rawExchange(path, [['PING']])).toBe('+PONG\r\n');
  });

  it('refuses a socket another server answers on, and leaves that server be', async () => {
    const path = socketPath();
    const live = createNetServer((socket) => {
      // The probe that found it live hangs up at once.
      socket.on('error', () => {});
      socket.end('+HERE\r\n');
    });
    await new Promise<void>((resolve) => live.listen(path, resolve));
    try {
      const error = await listenError({ unixSocket: path });
      expect(ServerError.is(error) && error.code).toBe('ERR_ADDRESS_IN_USE');
      expect((error as Error).message).toBe(
        `Could not listen on ${path}: address already in use (a server answers there)`,
      );
      expect(await rawExchange(path, [['PING']])).toBe('+HERE\r\n');
    } finally {
      live.close();
    }
  });

  it('refuses a path that is another kind of file, leaves it as it was, and listens nowhere', async () => {
    const path = join(dir, 'precious.txt');
    writeFileSync(path, 'do not delete');
    const port = await freePort();
    const error = await listenError({ port, unixSocket: path });
    expect(ServerError.is(error) && error.code).toBe('ERR_LISTEN');
    expect((error as Error).message).toBe(
      `Could not listen on ${path}: the file there is not a socket, and is left alone`,
    );
    expect(readFileSync(path, 'utf8')).toBe('do not delete');
    // The TCP listener opened first was closed again.
    await expect(rawExchange(port, [['PING']])).rejects.toThrow(/ECONNREFUSED/);
  });

  it('makes a relative socket in dir, and refuses one whose path there is too long', async () => {
    const server = await listening({ dir, unixSocket: 'relative.sock' });
    expect(statSync(join(dir, 'relative.sock')).isSocket()).toBe(true);
    // As given, as redis-server shows it.
    expect(server.setting('unixsocket')).toBe('relative.sock');
    await server.close();
    expect(() => statSync(join(dir, 'relative.sock'))).toThrow(/ENOENT/);
    // 100 bytes of name under a dir of 40 or more: past the limit either way.
    const deep = join(dir, 'd'.repeat(40));
    const error = await listenError({ dir: deep, unixSocket: 'x'.repeat(100) });
    expect(ServerError.is(error) && error.code).toBe('ERR_LISTEN');
    expect((error as Error).message).toBe(
      `Could not listen on ${join(deep, 'x'.repeat(100))}: its path is longer than the system's limit of 107 bytes`,
    );
  });

  it('reports a path it cannot bind with ERR_LISTEN', async () => {
    const error = await listenError({ unixSocket: join(dir, 'missing-dir', 'redis.sock') });
    expect(ServerError.is(error) && error.code).toBe('ERR_LISTEN');
    expect((error as Error).message).toContain(`Could not listen on ${join(dir, 'missing-dir')}`);
  });

  it('refuses bad options when created', () => {
    for (const options of [
      { unixSocket: '' },
      { unixSocket: 'a\0b' },
      // Node would bind the path cut short to 107 bytes.
      { unixSocket: `/tmp/${'x'.repeat(103)}` },
      { unixSocketPerm: 0o1000 },
      { unixSocketPerm: -1 },
      { unixSocketPerm: 1.5 },
    ]) {
      let caught: unknown;
      try {
        createServer(options);
      } catch (error) {
        caught = error;
      }
      expect(ServerError.is(caught) && caught.code).toBe('ERR_INVALID_OPTION');
    }
    expect(() => createServer({ unixSocket: `/tmp/${'x'.repeat(103)}` })).toThrow(
      "Expected `unixSocket` to be at most 107 bytes long (the system's limit), got 108",
    );
  });

  it('reports no socket in CONFIG when it has none', async () => {
    const server = await listening({});
    expect(
      await rawExchange(server.port, [
        ['CONFIG', 'GET', 'unixsocket'],
        ['CONFIG', 'GET', 'unixsocketperm'],
      ]),
    ).toBe('*2\r\n$10\r\nunixsocket\r\n$0\r\n\r\n*2\r\n$14\r\nunixsocketperm\r\n$1\r\n0\r\n');
  });
});
