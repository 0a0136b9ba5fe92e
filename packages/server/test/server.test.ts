// Integration tests over real TCP on ephemeral ports: mini-redis's server
// scenarios with Redis's reply bytes, pipelining and fragmentation,
// protocol errors, pub/sub, expiry, authentication, limits, shutdown.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, ServerError } from '../src/index.js';
import { creationRefusal, RawClient, rawExchange, startServer } from './helpers.js';

let server: Server;
let port: number;

beforeAll(async () => {
  ({ server, port } = await startServer());
});

afterAll(async () => {
  await server.close();
});

describe('Server: mini-redis scenarios', () => {
  it('gets and sets a key', async () => {
    expect(
      await rawExchange(port, [
        ['SET', 'hello', 'world'],
        ['GET', 'hello'],
        ['GET', 'nope'],
      ]),
    ).toBe('+OK\r\n$5\r\nworld\r\n$-1\r\n');
  });

  it('expires a key set with PX', async () => {
    const client = await RawClient.connect(port);
    client.send([
      ['SET', 'short', 'v', 'PX', '50'],
      ['GET', 'short'],
    ]);
    expect(await client.read(2)).toBe('+OK\r\n$1\r\nv\r\n');
    await new Promise((resolve) => setTimeout(resolve, 120));
    client.send([
      ['GET', 'short'],
      ['TTL', 'short'],
    ]);
    expect(await client.read(2)).toBe('$-1\r\n:-2\r\n');
    client.close();
  });

  it('delivers a publish to several subscribers and counts them', async () => {
    const a = await RawClient.connect(port);
    const b = await RawClient.connect(port);
    a.send([['SUBSCRIBE', 'news']]);
    b.send([['SUBSCRIBE', 'news', 'other']]);
    expect(await a.read(1)).toBe('*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n');
    expect(await b.read(2)).toBe(
      '*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$5\r\nother\r\n:2\r\n',
    );
    expect(
      await rawExchange(port, [
        ['PUBLISH', 'news', 'hi'],
        ['PUBSUB', 'NUMSUB', 'news', 'other'],
      ]),
    ).toBe(':2\r\n*4\r\n$4\r\nnews\r\n:2\r\n$5\r\nother\r\n:1\r\n');
    const message = '*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n';
    expect(await a.read(1)).toBe(message);
    expect(await b.read(1)).toBe(message);
    a.close();
    b.close();
  });

  it('manages subscriptions: unsubscribe one, then all', async () => {
    const client = await RawClient.connect(port);
    client.send([['SUBSCRIBE', 'a', 'b', 'c'], ['UNSUBSCRIBE', 'b'], ['UNSUBSCRIBE']]);
    const replies = await client.read(6);
    expect(replies).toBe(
      '*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:3\r\n' +
        '*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:2\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\nc\r\n:0\r\n',
    );
    // Out of subscribe mode, ordinary commands work again.
    client.send([['PING']]);
    expect(await client.read(1)).toBe('+PONG\r\n');
    client.close();
  });

  it('delivers pattern messages as pmessage, and as RESP3 pushes after HELLO 3', async () => {
    const client = await RawClient.connect(port);
    client.send([['HELLO', '3']]);
    await client.read(1);
    client.send([['PSUBSCRIBE', 'ne*']]);
    expect(await client.read(1)).toBe('>3\r\n$10\r\npsubscribe\r\n$3\r\nne*\r\n:1\r\n');
    expect(await rawExchange(port, [['PUBLISH', 'news', 'x']])).toBe(':1\r\n');
    expect(await client.read(1)).toBe(
      '>4\r\n$8\r\npmessage\r\n$3\r\nne*\r\n$4\r\nnews\r\n$1\r\nx\r\n',
    );
    // In RESP3 a subscribed connection may run any command.
    client.send([['GET', 'nothing']]);
    expect(await client.read(1)).toBe('_\r\n');
    client.close();
  });
});

describe('Server: keyspace notifications', () => {
  it('publishes with notifyKeyspaceEvents, expiry included, in the database of the key', async () => {
    const { server, port } = await startServer({ notifyKeyspaceEvents: 'KEA' });
    const subscriber = await RawClient.connect(port);
    try {
      subscriber.send([['PSUBSCRIBE', '__key*__:*']]);
      await subscriber.read(1);
      await rawExchange(port, [
        ['SELECT', '3'],
        ['SET', 'k', 'v', 'PX', '20'],
      ]);
      const message = (channel: string, payload: string) =>
        `*4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n$${channel.length}\r\n${channel}\r\n$${payload.length}\r\n${payload}\r\n`;
      // The purge task expires it with nobody reading it.
      expect(await subscriber.read(6)).toBe(
        message('__keyspace@3__:k', 'set') +
          message('__keyevent@3__:set', 'k') +
          message('__keyspace@3__:k', 'expire') +
          message('__keyevent@3__:expire', 'k') +
          message('__keyspace@3__:k', 'expired') +
          message('__keyevent@3__:expired', 'k'),
      );
      // Off again: nothing more.
      await rawExchange(port, [
        ['CONFIG', 'SET', 'notify-keyspace-events', ''],
        ['SET', 'k', 'v'],
        ['PUBLISH', 'other', 'x'],
      ]);
      expect(subscriber.drain()).toBe('');
    } finally {
      subscriber.close();
      await server.close();
    }
  });

  it('refuses an unknown class in the option and in CONFIG SET', async () => {
    let caught: unknown;
    try {
      createServer({ notifyKeyspaceEvents: 'KEq' });
    } catch (error) {
      caught = error;
    }
    expect(ServerError.is(caught) && caught.code).toBe('ERR_INVALID_OPTION');
    const { server, port } = await startServer();
    try {
      expect(
        await rawExchange(port, [
          ['CONFIG', 'SET', 'notify-keyspace-events', 'KEq'],
          ['CONFIG', 'GET', 'notify-keyspace-events'],
        ]),
      ).toBe(
        "-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.\r\n" +
          '*2\r\n$22\r\nnotify-keyspace-events\r\n$0\r\n\r\n',
      );
    } finally {
      await server.close();
    }
  });
});

describe('Server: pipelining and fragmentation', () => {
  it('answers a pipeline of 1,000 commands in order', async () => {
    const commands = Array.from({ length: 1000 }, (_, i) => ['ECHO', `m${i}`]);
    const replies = await rawExchange(port, commands);
    expect(replies).toBe(commands.map(([, m]) => `$${m!.length}\r\n${m}\r\n`).join(''));
  });

  it('reassembles commands sent one byte at a time', async () => {
    const client = await RawClient.connect(port);
    const bytes = Buffer.from(
      '*3\r\n$3\r\nSET\r\n$4\r\nfrag\r\n$5\r\nvalue\r\n*2\r\n$3\r\nGET\r\n$4\r\nfrag\r\n',
    );
    for (const byte of bytes) {
      client.write(Buffer.from([byte]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await client.read(2)).toBe('+OK\r\n$5\r\nvalue\r\n');
    client.close();
  });

  it('accepts inline commands, as telnet and redis-benchmark send them', async () => {
    const client = await RawClient.connect(port);
    client.write('PING\r\nSET inline "a b"\r\nGET inline\r\n');
    expect(await client.read(3)).toBe('+PONG\r\n+OK\r\n$3\r\na b\r\n');
    client.close();
  });
});

// Both ways of reading connections (ServerOptions.sharedReads): one read
// buffer shared by every connection, and Node's 'data' events.
describe.each([true, false])('Server: reading connections (sharedReads: %s)', (sharedReads) => {
  let reading: Server;
  let readingPort: number;
  beforeAll(async () => {
    ({ server: reading, port: readingPort } = await startServer({ sharedReads }));
  });
  afterAll(async () => {
    await reading.close();
  });

  it('keeps commands that several connections leave half-sent between reads apart', async () => {
    // Each client sends the first part of a SET, cut inside a header, an
    // argument or a payload (one over 64 KiB, longer than a read), then
    // the rest once every client has sent its first part: the server reads
    // all the halves, into the same buffer when it is shared, before any
    // command is complete.
    const values = [
      'a'.repeat(3),
      'b'.repeat(100),
      'c'.repeat(5000),
      Buffer.alloc(200_000, 'd').toString(),
    ];
    const clients = await Promise.all(values.map(() => RawClient.connect(readingPort)));
    const wires = values.map((value, i) =>
      Buffer.from(
        `*3\r\n$3\r\nSET\r\n$4\r\nhalf\r\n$${value.length}\r\n${value}\r\n`.replace(
          'half',
          `hal${i}`,
        ),
      ),
    );
    const cuts = [9, 21, 30, 100_000];
    for (const [i, client] of clients.entries()) client.write(wires[i]!.subarray(0, cuts[i]));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const [i, client] of clients.entries()) client.write(wires[i]!.subarray(cuts[i]));
    for (const client of clients) expect(await client.read(1)).toBe('+OK\r\n');
    const checker = clients[0]!;
    for (const [i, value] of values.entries()) {
      checker.send([['GET', `hal${i}`]]);
      expect(await checker.read(1)).toBe(`$${value.length}\r\n${value}\r\n`);
    }
    for (const client of clients) client.close();
  });

  it('stops reading a client that does not read its replies, and resumes when it does', async () => {
    const value = 'v'.repeat(64 * 1024);
    const setter = await RawClient.connect(readingPort);
    setter.send([['SET', 'wide', value]]);
    expect(await setter.read(1)).toBe('+OK\r\n');
    setter.close();
    // 400 GETs of 64 KiB: 26 MB of replies, far past what the sockets
    // buffer, while this client reads nothing for a while.
    const count = 400;
    const expected = count * `$${value.length}\r\n${value}\r\n`.length;
    const socket = connect(readingPort, '127.0.0.1');
    socket.pause();
    await new Promise((resolve) => socket.once('connect', resolve));
    for (let i = 0; i < count; i++) socket.write('*2\r\n$3\r\nGET\r\n$4\r\nwide\r\n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    let received = 0;
    let last: Buffer = Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
        last = chunk;
        if (received >= expected) resolve();
      });
      socket.on('error', reject);
      socket.on('close', () => reject(new Error(`closed after ${received} of ${expected} bytes`)));
      socket.resume();
    });
    expect(received).toBe(expected);
    expect(last.subarray(-5).toString()).toBe('vvv\r\n');
    socket.destroy();
  });
});

describe('Server: transactions', () => {
  it('runs a pipelined MULTI ... EXEC with nothing from other connections in between', async () => {
    const counter = await RawClient.connect(port);
    const other = await RawClient.connect(port);
    try {
      const body = Array.from({ length: 200 }, () => ['INCR', 'tx:counter']);
      counter.send([['DEL', 'tx:counter'], ['MULTI'], ...body, ['GET', 'tx:counter'], ['EXEC']]);
      // Another connection reads the counter while the transaction arrives:
      // it sees none of it or all of it.
      const seen = new Set<string>();
      for (let i = 0; i < 20; i++) {
        other.send([['GET', 'tx:counter']]);
        seen.add(await other.read(1));
      }
      const replies = await counter.read(2 + body.length + 1);
      const exec = Array.from({ length: 200 }, (_, i) => `:${i + 1}\r\n`).join('');
      expect(replies.endsWith(`*201\r\n${exec}$3\r\n200\r\n`)).toBe(true);
      for (const value of seen) expect(['$-1\r\n', '$3\r\n200\r\n']).toContain(value);
    } finally {
      counter.close();
      other.close();
    }
  });

  it('unwatches the keys of a connection that closes', async () => {
    const watcher = await RawClient.connect(port);
    const admin = await RawClient.connect(port);
    const watchedKeys = async () => {
      admin.send([['INFO', 'clients']]);
      return /total_watched_keys:(\d+)/.exec(await admin.read(1))?.[1];
    };
    try {
      watcher.send([['WATCH', 'tx:w1', 'tx:w2'], ['MULTI'], ['SET', 'tx:w1', 'never']]);
      expect(await watcher.read(3)).toBe('+OK\r\n+OK\r\n+QUEUED\r\n');
      expect(await watchedKeys()).toBe('2');
      watcher.close();
      for (let i = 0; i < 100 && (await watchedKeys()) !== '0'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await watchedKeys()).toBe('0');
      // The queued SET never ran.
      admin.send([['EXISTS', 'tx:w1']]);
      expect(await admin.read(1)).toBe(':0\r\n');
    } finally {
      admin.close();
    }
  });
});

describe('Server: protocol errors', () => {
  const cases: [string, string, string][] = [
    [
      'a payload header without $',
      '*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n',
      "-ERR Protocol error: expected '$', got 'f'\r\n",
    ],
    [
      'a count beyond INT_MAX',
      '*3000000000\r\n',
      '-ERR Protocol error: invalid multibulk length\r\n',
    ],
    ['a negative bulk length', '*1\r\n$-5\r\n', '-ERR Protocol error: invalid bulk length\r\n'],
    [
      'unbalanced quotes',
      'SET k "unbalanced\r\n',
      '-ERR Protocol error: unbalanced quotes in request\r\n',
    ],
    [
      'a 70 KiB inline line',
      'a'.repeat(70 * 1024),
      '-ERR Protocol error: too big inline request\r\n',
    ],
  ];
  it.each(cases)(
    'replies to %s with the Redis error, then closes',
    async (_label, input, expected) => {
      const client = await RawClient.connect(port);
      client.write(input);
      expect(await client.read(1)).toBe(expected);
      expect(await client.waitClosed()).toBe(true);
    },
  );

  it('still runs the commands before the error', async () => {
    const client = await RawClient.connect(port);
    client.write('*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n');
    expect(await client.read(2)).toBe('+PONG\r\n-ERR Protocol error: invalid bulk length\r\n');
    expect(await client.waitClosed()).toBe(true);
  });

  it('keeps serving other clients after one sends garbage', async () => {
    const bad = await RawClient.connect(port);
    bad.write(Buffer.from([0x2a, 0xff, 0x0d, 0x0a]));
    await bad.waitClosed();
    expect(await rawExchange(port, [['PING']])).toBe('+PONG\r\n');
  });

  it('QUIT replies OK, skips the rest of the pipeline, and closes', async () => {
    const client = await RawClient.connect(port);
    client.send([['QUIT'], ['SET', 'after-quit', '1']]);
    expect(await client.read(1)).toBe('+OK\r\n');
    expect(await client.waitClosed()).toBe(true);
    expect(await rawExchange(port, [['EXISTS', 'after-quit']])).toBe(':0\r\n');
  });
});

describe('Server: authentication', () => {
  it('allows only AUTH, HELLO and QUIT before authenticating, with Redis replies', async () => {
    const { server: secured, port: securedPort } = await startServer({ requirepass: 'secret' });
    try {
      expect(
        await rawExchange(securedPort, [
          ['GET', 'k'],
          ['AUTH', 'wrong'],
          ['AUTH', 'secret'],
          ['GET', 'k'],
        ]),
      ).toBe(
        '-NOAUTH Authentication required.\r\n-WRONGPASS invalid username-password pair or user is disabled.\r\n+OK\r\n$-1\r\n',
      );
      const hello = await rawExchange(securedPort, [
        ['HELLO', '3', 'AUTH', 'default', 'secret'],
        ['GET', 'k'],
      ]);
      expect(hello.startsWith('%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n')).toBe(true);
      expect(hello.endsWith('_\r\n')).toBe(true);
      // Redis's small request limits for clients that have not authenticated.
      const client = await RawClient.connect(securedPort);
      client.write(`*11\r\n${'$1\r\na\r\n'.repeat(11)}`);
      expect(await client.read(1)).toBe(
        '-ERR Protocol error: unauthenticated multibulk length\r\n',
      );
      client.close();
    } finally {
      await secured.close();
    }
  });
});

describe('Server: settings', () => {
  it('applies `settings` as CONFIG SET does, and refuses a bad one with ERR_INVALID_OPTION', async () => {
    const { server: set, port: setPort } = await startServer({
      settings: { 'maxmemory-samples': '10', 'HASH-MAX-ZIPLIST-ENTRIES': '3', maxclients: '1' },
    });
    try {
      const client = await RawClient.connect(setPort);
      client.send([
        ['CONFIG', 'GET', 'maxmemory-samples'],
        ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4'],
        ['OBJECT', 'ENCODING', 'h'],
      ]);
      expect(await client.read(3)).toBe(
        '*2\r\n$17\r\nmaxmemory-samples\r\n$2\r\n10\r\n:4\r\n$9\r\nhashtable\r\n',
      );
      // Read back as CONFIG GET writes them, by any name and case.
      expect(set.setting('MAXMEMORY-SAMPLES')).toBe('10');
      expect(set.setting('hash-max-listpack-entries')).toBe('3');
      expect(set.setting('protected-mode')).toBe('yes');
      expect(set.setting('nope')).toBeUndefined();
      // Redis's settings kept without effect, and their aliases.
      expect(set.setting('hz')).toBe('10');
      expect(set.setting('SLAVE-PRIORITY')).toBe('100');
      // maxclients 1 bounds the accept loop too.
      const second = await RawClient.connect(setPort);
      expect(await second.read(1)).toBe('-ERR max number of clients reached\r\n');
      client.close();
    } finally {
      await set.close();
    }
    const refusals: [Record<string, string>, string][] = [
      [{ nope: '1' }, "unknown setting 'nope' (CONFIG GET * lists this server's)"],
      [
        { timeout: '-1' },
        "setting 'timeout' '-1': argument must be between 0 and 2147483647 inclusive",
      ],
      [{ databases: '4' }, "setting 'databases' '4': can't set immutable config"],
      [
        { daemonize: 'yes' },
        "setting 'daemonize' 'yes': mini-redis-server does not daemonize; run it under a process manager (systemd, docker, pm2)",
      ],
      [
        { 'tcp-backlog': '-1' },
        "setting 'tcp-backlog' '-1': argument must be between 0 and 2147483647 inclusive",
      ],
      [
        { rdbchecksum: 'no' },
        "setting 'rdbchecksum' 'no': this server always writes RDB files with their CRC-64 checksum",
      ],
    ];
    for (const [settings, message] of refusals)
      expect(creationRefusal({ settings })).toEqual({ code: 'ERR_INVALID_OPTION', message });
  });
});

describe('Server: bind', () => {
  it("listens on each of bind's addresses on one port, skipping an optional one the host lacks", async () => {
    // 127.0.0.2 is loopback on Linux; 192.0.2.1 (TEST-NET-1) is nobody's.
    const server = createServer({
      port: 0,
      bind: '127.0.0.1 127.0.0.2 -192.0.2.1',
      // The immutable ones are taken at start, as from a redis.conf.
      settings: { 'tcp-backlog': '64', 'io-threads': '4' },
    });
    try {
      const { address, port } = await server.listen();
      expect(address).toBe('127.0.0.1');
      const ping = (host: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect({ port, host }, () => socket.write('PING\r\n'));
          socket.once('data', (data) => {
            resolve(data.toString('latin1'));
            socket.destroy();
          });
          socket.once('error', reject);
        });
      for (const host of ['127.0.0.1', '127.0.0.2'])
        expect([host, await ping(host)]).toEqual([host, '+PONG\r\n']);
      expect([server.setting('tcp-backlog'), server.setting('io-threads')]).toEqual(['64', '4']);
      expect(server.setting('bind')).toBe('127.0.0.1 127.0.0.2 -192.0.2.1');
    } finally {
      await server.close();
    }
    // Not optional: listen() fails, and nothing is left listening.
    const strict = createServer({ port: 0, bind: '127.0.0.1 192.0.2.1' });
    await expect(strict.listen()).rejects.toMatchObject({
      code: 'ERR_LISTEN',
      message: expect.stringMatching(/^Could not listen on 192\.0\.2\.1:\d+: listen EADDRNOTAVAIL/),
    });
  });
});

describe('Server: limits', () => {
  it('follows CONFIG SET maxclients: lower refuses new connections until enough close, higher admits them', async () => {
    const { server: limited, port: limitedPort } = await startServer({ maxClients: 10 });
    const open: RawClient[] = [];
    // A new connection's first reply: the refusal, sent and closed at
    // once, or PONG. PING goes only after a silence, so that unread input
    // cannot turn the refusal's close into a reset that loses it.
    const attempt = async () => {
      const client = await RawClient.connect(limitedPort);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refusal = client.drain();
      if (refusal !== '' || client.closed) {
        client.close();
        return refusal;
      }
      client.send([['PING']]);
      const reply = await client.read(1);
      open.push(client);
      return reply;
    };
    // The server sees a close a moment after the client makes it.
    const closeOne = async () => {
      const before = Number(/connected_clients:(\d+)/.exec(await rawInfo())![1]);
      open.shift()!.close();
      for (let i = 0; i < 100; i++) {
        const now = Number(/connected_clients:(\d+)/.exec(await rawInfo())![1]);
        if (now < before) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    // INFO over a connection of its own, while there is room for it.
    const rawInfo = async () => {
      const [client] = open;
      client!.send([['INFO', 'clients']]);
      return client!.read(1);
    };
    try {
      for (let i = 0; i < 3; i++) expect(await attempt()).toBe('+PONG\r\n');
      open[0]!.send([['CONFIG', 'SET', 'maxclients', '2']]);
      expect(await open[0]!.read(1)).toBe('+OK\r\n');
      // Three connected, two allowed: none is closed, a new one is refused.
      expect(await attempt()).toBe('-ERR max number of clients reached\r\n');
      await closeOne();
      expect(await attempt()).toBe('-ERR max number of clients reached\r\n');
      await closeOne();
      // One left: room for one more, not two.
      expect(await attempt()).toBe('+PONG\r\n');
      expect(await attempt()).toBe('-ERR max number of clients reached\r\n');
      open[0]!.send([['CONFIG', 'SET', 'maxclients', '4']]);
      expect(await open[0]!.read(1)).toBe('+OK\r\n');
      expect(await attempt()).toBe('+PONG\r\n');
      expect(await attempt()).toBe('+PONG\r\n');
      expect(await attempt()).toBe('-ERR max number of clients reached\r\n');
      expect(open.length).toBe(4);
    } finally {
      for (const client of open) client.close();
      await limited.close();
    }
  });

  it('refuses connections over maxClients with the Redis error', async () => {
    const { server: small, port: smallPort } = await startServer({ maxClients: 2 });
    try {
      const a = await RawClient.connect(smallPort);
      const b = await RawClient.connect(smallPort);
      a.send([['PING']]);
      b.send([['PING']]);
      await a.read(1);
      await b.read(1);
      const c = await RawClient.connect(smallPort);
      expect(await c.read(1)).toBe('-ERR max number of clients reached\r\n');
      expect(await c.waitClosed()).toBe(true);
      // A refused peer that never closes its side is closed for it: after
      // the 2 s grace, what it writes is answered by a reset.
      const stubborn = connect({ port: smallPort, host: '127.0.0.1', allowHalfOpen: true });
      let refused = '';
      stubborn.on('data', (chunk: Buffer) => {
        refused += chunk.toString();
      });
      const closed = new Promise<void>((resolve) => stubborn.on('close', () => resolve()));
      stubborn.on('error', () => {});
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(refused).toBe('-ERR max number of clients reached\r\n');
      // The first write draws the reset, the next one fails on it.
      stubborn.write('PING\r\n');
      await new Promise((resolve) => setTimeout(resolve, 100));
      stubborn.write('PING\r\n');
      await closed;
      a.close();
      // A freed slot is usable again, once the server has seen the close.
      let reply = '';
      for (let i = 0; i < 100 && reply !== '+PONG\r\n'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        reply = await rawExchange(smallPort, [['PING']]);
      }
      expect(reply).toBe('+PONG\r\n');
      b.close();
    } finally {
      await small.close();
    }
  });

  it('closes idle clients after `timeout` seconds', async () => {
    const { server: strict, port: strictPort } = await startServer({ timeout: 1 });
    try {
      const client = await RawClient.connect(strictPort);
      expect(await client.waitClosed(4000)).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it('disconnects a subscriber that stops reading once it is past the bound, and says so', async () => {
    const warnings: string[] = [];
    const { server: bounded, port: boundedPort } = await startServer({
      pubsubCapacity: 4,
      pubsubOutputLimit: 64 * 1024,
      onWarning: (message) => warnings.push(message),
    });
    try {
      const subscriber = await RawClient.connect(boundedPort);
      subscriber.send([['SUBSCRIBE', 'flood']]);
      await subscriber.read(1);
      // The subscriber stops reading; the publisher floods its channel.
      subscriber.pause();
      const publisher = await RawClient.connect(boundedPort);
      const big = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 64; i++) publisher.send([['PUBLISH', 'flood', big]]);
      await publisher.read(64);
      let subscribers = '';
      for (let attempt = 0; attempt < 100 && !subscribers.endsWith(':0\r\n'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        publisher.send([['PUBSUB', 'NUMSUB', 'flood']]);
        subscribers = await publisher.read(1);
      }
      expect(subscribers).toBe('*2\r\n$5\r\nflood\r\n:0\r\n');
      // One line, naming the connection as CLIENT LIST does, and why:
      // behind the channel's bound or past the output limit, whichever
      // the flood reached first.
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^Client id=\d+ addr=127\.0\.0\.1:\d+ .* sub=1 .*(scheduled to be closed ASAP for overcoming of output buffer limits|closed for falling behind the channel's messages by more than pubsubCapacity)\.$/,
      );
      // Everyone else is still served.
      publisher.send([['PING']]);
      expect(await publisher.read(1)).toBe('+PONG\r\n');
      publisher.close();
      subscriber.close();
    } finally {
      await bounded.close();
    }
  });

  it('disconnects a tracking connection that stops reading its invalidations past the bound', async () => {
    const { server: bounded, port: boundedPort } = await startServer({
      pubsubOutputLimit: 64 * 1024,
    });
    try {
      const tracker = await RawClient.connect(boundedPort);
      tracker.send([
        ['HELLO', '3'],
        ['CLIENT', 'TRACKING', 'ON', 'BCAST'],
      ]);
      await tracker.read(2);
      tracker.pause();
      // Every write of long keys becomes an invalidation it never reads.
      const writer = await RawClient.connect(boundedPort);
      const key = 'k'.repeat(16 * 1024);
      for (let i = 0; i < 400; i++) {
        writer.send([['SET', `${key}${i}`, 'v']]);
        await writer.read(1);
      }
      let clients = '';
      for (let attempt = 0; attempt < 100 && !clients.includes('tracking_clients:0'); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        writer.send([['INFO', 'clients']]);
        clients = await writer.read(1);
      }
      expect(clients).toContain('tracking_clients:0\r\n');
      writer.send([['PING']]);
      expect(await writer.read(1)).toBe('+PONG\r\n');
      writer.close();
      tracker.close();
    } finally {
      await bounded.close();
    }
  });

  it('forgets the tracking of a connection that closed', async () => {
    const tracker = await RawClient.connect(port);
    tracker.send([['CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'gone:']]);
    await tracker.read(1);
    const info = await RawClient.connect(port);
    info.send([['INFO']]);
    expect(await info.read(1)).toContain('tracking_total_prefixes:1\r\n');
    tracker.close();
    let text = '';
    for (let attempt = 0; attempt < 100 && !text.includes('tracking_clients:0'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      info.send([['INFO']]);
      text = await info.read(1);
    }
    expect(text).toContain('tracking_clients:0\r\n');
    expect(text).toContain('tracking_total_prefixes:0\r\n');
    info.close();
  });

  it("closes gracefully on a client's SHUTDOWN: the others get their replies, closed() resolves", async () => {
    const { server: doomed, port: doomedPort } = await startServer();
    const other = await RawClient.connect(doomedPort);
    other.send([['SET', 'k', 'v']]);
    expect(await other.read(1)).toBe('+OK\r\n');
    const asker = await RawClient.connect(doomedPort);
    asker.send([['SHUTDOWN']]);
    await doomed.closed();
    expect(await asker.waitClosed()).toBe(true);
    expect(asker.drain()).toBe('');
    expect(await other.waitClosed()).toBe(true);
    await expect(RawClient.connect(doomedPort)).rejects.toThrow(/ECONNREFUSED/);
    // close() after it resolves at once.
    await doomed.close();
  });

  it('rejects invalid options with a ServerError', () => {
    expect(() => createServer({ maxClients: 0 })).toThrow(
      'Expected `maxClients` to be an integer >= 1, got 0',
    );
  });

  it('reports a port in use as ERR_ADDRESS_IN_USE', async () => {
    const second = createServer({ port });
    const error = await second.listen().catch((e: unknown) => e);
    expect(ServerError.is(error) && error.code).toBe('ERR_ADDRESS_IN_USE');
  });
});

describe('Server: graceful shutdown', () => {
  it('finishes the replies in flight, closes every connection, then resolves', async () => {
    const { server: closing, port: closingPort } = await startServer();
    const client = await RawClient.connect(closingPort);
    const subscriber = await RawClient.connect(closingPort);
    subscriber.send([['SUBSCRIBE', 'x']]);
    await subscriber.read(1);
    // One write of 500 commands: once the first reply is back, the server
    // has read them all, and shutdown must still deliver every reply.
    client.send(Array.from({ length: 500 }, (_, i) => ['SET', `k${i}`, 'v']));
    let received = await client.read(1);
    await closing.close();
    expect(await client.waitClosed()).toBe(true);
    received += client.drain();
    expect(received).toBe('+OK\r\n'.repeat(500));
    expect(await subscriber.waitClosed()).toBe(true);
    // Closed for good: new connections are refused.
    await expect(RawClient.connect(closingPort)).rejects.toThrow();
  });
});
