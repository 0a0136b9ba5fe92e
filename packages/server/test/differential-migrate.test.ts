// MIGRATE from our server and from a real redis-server, each to the same
// real redis-server targets (one without a password, one with): the
// argument errors and NOKEY; keys of every type moved with their time to
// live, to several databases, with COPY, REPLACE and KEYS; the target's
// errors (BUSYKEY, NOAUTH, WRONGPASS, a database out of range, and the
// quirk that follows one); a refused port, a name that does not resolve,
// a silent target and MIGRATE to the source itself (IOERR); the cached
// connection (SELECT sent only when the database changes, a connection
// the target closed replaced without an error); WATCH and the `del`
// notifications;
// and other clients' commands waiting until MIGRATE is done. The replies,
// and what the targets hold and counted, must match. Then our server as
// the target, from Redis and from another of ours in this process; and
// MIGRATE refused inside MULTI and scripts, where it cannot wait.
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { freePort } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasRedis,
  RawClient,
  type RealRedis,
  startRealRedis,
  startServer,
  useDifferentialServers,
} from './helpers.js';

// A target that accepts connections and never answers.
async function silentServer(): Promise<{ port: number; server: NetServer }> {
  const server = createNetServer((socket) => socket.on('error', () => {}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

// Sends one command and returns its reply's bytes.
async function ask(client: RawClient, ...command: string[]): Promise<string> {
  client.send([command]);
  return client.read(1, 10_000);
}

describe.skipIf(!hasRedis())('differential: MIGRATE', () => {
  const ports = useDifferentialServers();
  let target: RealRedis;
  let guarded: RealRedis;
  let silent: { port: number; server: NetServer };
  beforeAll(async () => {
    target = await startRealRedis();
    guarded = await startRealRedis(['--requirepass', 'pw']);
    silent = await silentServer();
  });
  afterAll(async () => {
    await target?.stop();
    await guarded?.stop();
    silent?.server.close();
  });

  async function run(port: number): Promise<string[]> {
    const source = await RawClient.connect(port);
    const other = await RawClient.connect(port);
    const onTarget = await RawClient.connect(target.port);
    const onGuarded = await RawClient.connect(guarded.port);
    const log: string[] = [];
    const note = async (label: string, reply: Promise<string>) =>
      log.push(`${label}: ${JSON.stringify(await reply)}`);
    const migrate = (...rest: string[]) => ask(source, 'MIGRATE', ...rest);
    const t = String(target.port);
    try {
      await ask(onGuarded, 'AUTH', 'pw');
      for (const client of [onTarget, onGuarded]) {
        await ask(client, 'FLUSHALL');
        await ask(client, 'CONFIG', 'RESETSTAT');
      }
      source.send([
        ['FLUSHALL'],
        ['SET', 'a', '1'],
        ['SET', 'b', 'two'],
        ['RPUSH', 'l', 'x', 'y', 'z'],
        ['HSET', 'h', 'f', 'v', 'g', 'w'],
        ['SET', 't', 'timed', 'PX', '100000'],
        ['SADD', 's', '1', '2', '3'],
        ['ZADD', 'z', '1', 'm', '2', 'n'],
        ['XADD', 'st', '1-1', 'f', 'v'],
        ['SET', 'c', 'copied'],
      ]);
      await source.read(10);

      // The arguments, checked before any connection.
      for (const args of [
        ['nokey', '0', '1000'],
        ['a', '0', '1000', 'foo'],
        ['a', '0', '1000', 'AUTH'],
        ['a', '0', '1000', 'auth2', 'u'],
        ['a', '0', '1000', 'KEYS', 'b'],
        ['a', 'x', '1000'],
        ['a', '0', 'x'],
        ['a', 'x', 'y'],
        ['', '0', '1000', 'KEYS'],
        ['', '0', '1000', 'COPY', 'KEYS', 'nokey', 'nokey2'],
      ])
        await note(`args ${args.join(' ')}`, migrate('127.0.0.1', t, ...args));
      await note('arity', migrate('127.0.0.1', t, 'a', '0'));

      // Moves, with the SELECTs a cached connection needs.
      await note('a to db 0', migrate('127.0.0.1', t, 'a', '0', '1000'));
      await note('b to db 3', migrate('127.0.0.1', t, 'b', '3', '1000'));
      await note('l to db 3', migrate('127.0.0.1', t, 'l', '3', '0'));
      await note('t to db 0', migrate('127.0.0.1', t, 't', '0', '-5'));
      await note('left here', ask(source, 'EXISTS', 'a', 'b', 'l', 't'));
      await note('db 0 there', ask(onTarget, 'MGET', 'a', 't'));
      const ttl = Number((await ask(onTarget, 'PTTL', 't')).slice(1));
      log.push(`ttl kept: ${ttl > 90_000 && ttl <= 100_000}`);
      await ask(onTarget, 'SELECT', '3');
      await note('db 3 there', ask(onTarget, 'GET', 'b'));
      await note('list there', ask(onTarget, 'LRANGE', 'l', '0', '-1'));
      await ask(onTarget, 'SELECT', '0');

      // COPY keeps the key; without REPLACE an existing key is an error.
      await note('copy', migrate('127.0.0.1', t, 'c', '0', '1000', 'COPY'));
      await note('copy kept', ask(source, 'GET', 'c'));
      await note('busy', migrate('127.0.0.1', t, 'c', '0', '1000'));
      await note('busy kept', ask(source, 'GET', 'c'));
      await ask(source, 'SET', 'c', 'changed');
      await note('replace', migrate('127.0.0.1', t, 'c', '0', '1000', 'REPLACE'));
      await note('replaced', ask(onTarget, 'GET', 'c'));

      // KEYS: those that exist move; a key named twice fails the second
      // time, and the ones before it are gone here.
      await note(
        'keys',
        migrate('127.0.0.1', t, '', '0', '1000', 'KEYS', 'h', 'nokey', 's', 'z', 'st', 'h'),
      );
      await note('keys left', ask(source, 'EXISTS', 'h', 's', 'z', 'st'));
      await note('hash there', ask(onTarget, 'HGETALL', 'h'));
      await note('set there', ask(onTarget, 'SMEMBERS', 's'));
      await note('zset there', ask(onTarget, 'ZRANGE', 'z', '0', '-1', 'WITHSCORES'));
      await note('stream there', ask(onTarget, 'XRANGE', 'st', '-', '+'));

      // The target's errors, and the database quirk after one: the failed
      // SELECT leaves the connection's database unknown (-1), so database
      // -1 sends none, and RESTORE lands in the target's current one.
      await ask(source, 'SET', 'q', '1');
      await note('db 16', migrate('127.0.0.1', t, 'q', '16', '1000'));
      await note('q kept', ask(source, 'GET', 'q'));
      await note('db -1', migrate('127.0.0.1', t, 'q', '-1', '1000'));
      const g = String(guarded.port);
      await note('no auth', migrate('127.0.0.1', g, 'q', '0', '1000'));
      await note('bad auth', migrate('127.0.0.1', g, 'q', '0', '1000', 'AUTH', 'bad'));
      await note('bad auth2', migrate('127.0.0.1', g, 'q', '0', '1000', 'AUTH2', 'default', 'no'));
      await note('auth2', migrate('127.0.0.1', g, 'q', '0', '1000', 'AUTH2', 'default', 'pw'));
      await note('guarded got', ask(onGuarded, 'GET', 'q'));

      // Failures of the connection.
      await ask(source, 'SET', 'k', 'v');
      await note('refused', migrate('127.0.0.1', String(await freePort()), 'k', '0', '1000'));
      await note('no such host', migrate('nosuchhost.invalid', t, 'k', '0', '1000'));
      await note('port 0', migrate('127.0.0.1', 'zero', 'k', '0', '1000'));
      await note('negative port', migrate('127.0.0.1', '-5', 'k', '0', '1000'));
      await note('port as atoi reads it', migrate('127.0.0.1', ` ${t}x`, 'k', '0', '1000'));
      await ask(source, 'SET', 'k', 'v');
      // Silent: IOERR after the timeout, and another client's command
      // waits until then.
      const order: string[] = [];
      source.send([['MIGRATE', '127.0.0.1', String(silent.port), 'k', '0', '300']]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      other.send([['PING']]);
      await Promise.all([
        source.read(1, 10_000).then((reply) => order.push(`migrate ${JSON.stringify(reply)}`)),
        other.read(1, 10_000).then((reply) => order.push(`other ${JSON.stringify(reply)}`)),
      ]);
      log.push(`silent: ${order.join(', ')}`);
      await note('to itself', migrate('127.0.0.1', String(port), 'k', '0', '200'));
      await note('k kept', ask(source, 'GET', 'k'));

      // A cached connection the target closed: replaced, no error (it, and
      // the other the target closed, count as cached until then).
      const clients = await ask(onTarget, 'CLIENT', 'LIST');
      for (const [, id] of clients.matchAll(/id=(\d+) [^\n]*cmd=(?:restore|select)/g))
        await ask(onTarget, 'CLIENT', 'KILL', 'ID', id!);
      await note(
        'after the target closed it',
        migrate('127.0.0.1', t, 'k', '0', '1000', 'REPLACE'),
      );

      // A key moved is a change for WATCH.
      const watcher = await RawClient.connect(port);
      await ask(source, 'SET', 'w', '1');
      await ask(watcher, 'WATCH', 'w');
      await note('watched', migrate('127.0.0.1', t, 'w', '0', '1000', 'REPLACE'));
      watcher.send([['MULTI'], ['PING'], ['EXEC']]);
      await note('exec after', watcher.read(3));
      watcher.close();

      // Notifications of the keys moved.
      await ask(source, 'CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
      const subscriber = await RawClient.connect(port);
      await ask(subscriber, 'SUBSCRIBE', '__keyevent@0__:del');
      await ask(source, 'SET', 'n', '1');
      await note('notified', migrate('127.0.0.1', t, 'n', '0', '1000', 'REPLACE'));
      log.push(`events: ${JSON.stringify(await subscriber.read(1))}`);
      subscriber.close();
      await ask(source, 'CONFIG', 'SET', 'notify-keyspace-events', '');

      // What the target counted: a SELECT only when the database changed
      // or after an error.
      const stats = await ask(onTarget, 'INFO', 'commandstats');
      log.push(
        `target calls: ${[...stats.matchAll(/cmdstat_(select|restore|auth):calls=(\d+)/g)]
          .map((m) => `${m[1]}=${m[2]}`)
          .sort()
          .join(' ')}`,
      );
      const info = await ask(source, 'INFO', 'stats');
      log.push(/migrate_cached_sockets:\d+/.exec(info)![0]);
      return log;
    } finally {
      for (const client of [source, other, onTarget, onGuarded]) client.close();
    }
  }

  it('moves keys, fails and reports as Redis does', async () => {
    const ours = await run(ports.ours);
    const theirs = await run(ports.redis);
    expect(ours).toEqual(theirs);
    // The values themselves, not only equal runs.
    expect(ours).toContain('left here: ":0\\r\\n"');
    expect(ours).toContain('ttl kept: true');
    expect(ours).toContain('exec after: "+OK\\r\\n+QUEUED\\r\\n*-1\\r\\n"');
    expect(ours).toContain('after the target closed it: "+OK\\r\\n"');
    expect(ours.find((line) => line.startsWith('silent'))).toBe(
      'silent: migrate "-IOERR error or timeout reading to target instance\\r\\n", other "+PONG\\r\\n"',
    );
  }, 60_000);

  it('caches at most 64 connections, as Redis does', async () => {
    const cached = async (port: number) => {
      const client = await RawClient.connect(port);
      await ask(client, 'SET', 'k', 'v');
      // Each spelling of the port is a connection of its own (atoi skips
      // the leading spaces).
      for (let spaces = 0; spaces < 66; spaces++) {
        const spelled = `${' '.repeat(spaces)}${target.port}`;
        const reply = await ask(
          client,
          'MIGRATE',
          '127.0.0.1',
          spelled,
          'k',
          '5',
          '1000',
          'COPY',
          'REPLACE',
        );
        if (reply !== '+OK\r\n') return `${spaces}: ${reply}`;
      }
      const info = await ask(client, 'INFO', 'stats');
      client.close();
      return /migrate_cached_sockets:\d+/.exec(info)![0];
    };
    expect(await cached(ports.ours)).toBe('migrate_cached_sockets:64');
    expect(await cached(ports.redis)).toBe('migrate_cached_sockets:64');
  });

  it('hides its passwords from MONITOR and the slow log as Redis does', async () => {
    const cases = [
      ['MIGRATE', '127.0.0.1', '1', 'nokey', '0', '100', 'AUTH', 'secret'],
      [
        'MIGRATE',
        '127.0.0.1',
        '1',
        'nokey',
        '0',
        '100',
        'COPY',
        'AUTH2',
        'user',
        'pass',
        'REPLACE',
      ],
      ['MIGRATE', '127.0.0.1', '1', 'nokey', '0', '100', 'AUTH2', 'user'],
      ['MIGRATE', '127.0.0.1', '1', 'nokey', '0', '100', 'AUTH', 'a', 'bad', 'AUTH', 'b'],
      ['MIGRATE', '127.0.0.1', '1', '', '0', '100', 'AUTH', 'a', 'KEYS', 'AUTH', 'b'],
    ];
    const shown = async (port: number) => {
      const monitor = await RawClient.connect(port);
      const client = await RawClient.connect(port);
      await ask(client, 'CONFIG', 'SET', 'slowlog-log-slower-than', '0');
      await ask(client, 'SLOWLOG', 'RESET');
      await ask(monitor, 'MONITOR');
      client.send(cases);
      await client.read(cases.length);
      // Up to the command itself: the time and the client's address differ.
      const lines = (await monitor.read(cases.length))
        .split('\r\n')
        .filter((line) => line.startsWith('+'))
        .map((line) => line.slice(line.indexOf('"')));
      client.send([['SLOWLOG', 'GET', String(cases.length)]]);
      const slowlog = (await client.read(1))
        .replace(/:\d+\r\n/g, ':n\r\n')
        .replace(/\$\d+\r\n127\.0\.0\.1:\d+\r\n/g, '');
      await ask(client, 'CONFIG', 'SET', 'slowlog-log-slower-than', '10000');
      monitor.close();
      client.close();
      return [...lines, slowlog];
    };
    const ours = await shown(ports.ours);
    expect(ours).toEqual(await shown(ports.redis));
    expect(ours[1]).toBe(
      '"MIGRATE" "127.0.0.1" "1" "nokey" "0" "100" "COPY" "AUTH2" "(redacted)" "(redacted)" "REPLACE"',
    );
  });

  it('names its keys as Redis does (COMMAND GETKEYS and GETKEYSANDFLAGS)', async () => {
    const cases = [
      ['GETKEYS', 'MIGRATE', 'h', '1', 'k', '0', '100'],
      ['GETKEYS', 'MIGRATE', 'h', '1', '', '0', '100', 'KEYS', 'a', 'b'],
      ['GETKEYS', 'MIGRATE', 'h', '1', '', '0', '100', 'COPY'],
      // AUTH's value is not the keyword; KEYS as the last argument is not
      // found by the key spec, which then names the empty key.
      ['GETKEYS', 'MIGRATE', 'h', '1', '', '0', '100', 'AUTH', 'KEYS'],
      ['GETKEYS', 'MIGRATE', 'h', '1', '', '0', '100', 'KEYS'],
      ['GETKEYS', 'MIGRATE', 'h', '1', '', '0', '100', 'AUTH2', 'KEYS', 'x', 'KEYS', 'a'],
      ['GETKEYS', 'MIGRATE', 'h', '1', 'x', '0', '100', 'KEYS', 'a'],
      ['GETKEYSANDFLAGS', 'MIGRATE', 'h', '1', '', '0', '100', 'KEYS', 'a'],
    ].map((args) => ['COMMAND', ...args]);
    const replies = async (port: number) => {
      const client = await RawClient.connect(port);
      client.send(cases);
      const text = await client.read(cases.length);
      client.close();
      return text;
    };
    const ours = await replies(ports.ours);
    expect(ours).toBe(await replies(ports.redis));
    expect(ours).toContain('*2\r\n$1\r\na\r\n$1\r\nb\r\n');
  });
});

describe.skipIf(!hasRedis())('MIGRATE to our server', () => {
  it('is restored from Redis and from another server of ours in this process', async () => {
    const target = await startServer();
    const source = await startServer();
    const redis = await startRealRedis();
    const fromRedis = await RawClient.connect(redis.port);
    const fromOurs = await RawClient.connect(source.port);
    const there = await RawClient.connect(target.port);
    try {
      const t = String(target.port);
      fromRedis.send([
        ['RPUSH', 'list', 'a', 'b'],
        ['ZADD', 'zset', '1.5', 'm'],
        ['MIGRATE', '127.0.0.1', t, '', '2', '1000', 'KEYS', 'list', 'zset'],
      ]);
      expect(await fromRedis.read(3)).toBe(':2\r\n:1\r\n+OK\r\n');
      // Two servers in one process: the source's wait does not hold the target.
      fromOurs.send([
        ['HSET', 'hash', 'f', 'v'],
        ['SET', 'str', 'value', 'EX', '500'],
        ['MIGRATE', '127.0.0.1', t, '', '2', '1000', 'KEYS', 'hash', 'str'],
        ['EXISTS', 'hash', 'str'],
      ]);
      expect(await fromOurs.read(4)).toBe(':1\r\n+OK\r\n+OK\r\n:0\r\n');
      there.send([
        ['SELECT', '2'],
        ['LRANGE', 'list', '0', '-1'],
        ['ZSCORE', 'zset', 'm'],
        ['HGET', 'hash', 'f'],
        ['GET', 'str'],
        ['TTL', 'str'],
      ]);
      const replies = await there.read(6);
      expect(replies).toMatch(
        /^\+OK\r\n\*2\r\n\$1\r\na\r\n\$1\r\nb\r\n\$3\r\n1\.5\r\n\$1\r\nv\r\n\$5\r\nvalue\r\n:(\d+)\r\n$/,
      );
      const ttl = Number(/:(\d+)\r\n$/.exec(replies)![1]);
      expect(ttl).toBeGreaterThan(490);
      expect(ttl).toBeLessThanOrEqual(500);
    } finally {
      for (const client of [fromRedis, fromOurs, there]) client.close();
      await redis.stop();
      await source.server.close();
      await target.server.close();
    }
  }, 30_000);
});

describe('MIGRATE where it cannot wait', () => {
  it('is refused inside MULTI and scripts, and the server goes on', async () => {
    const { server, port } = await startServer();
    const client = await RawClient.connect(port);
    try {
      client.send([
        ['SET', 'k', 'v'],
        ['MULTI'],
        ['MIGRATE', '127.0.0.1', '1', 'k', '0', '1000'],
        ['EXEC'],
        ['EVAL', "return redis.pcall('MIGRATE', '127.0.0.1', '1', 'k', '0', '1000')", '0'],
        ['MULTI'],
        ['MIGRATE', '127.0.0.1', '1', 'nokey', '0', '1000'],
        ['EXEC'],
        ['GET', 'k'],
      ]);
      const refusal =
        'ERR MIGRATE cannot run inside MULTI or a script on this server: it waits for its target';
      expect(await client.read(9)).toBe(
        [
          '+OK',
          '+OK',
          '+QUEUED',
          `*1\r\n-${refusal}`,
          `-${refusal}`,
          '+OK',
          '+QUEUED',
          // Nothing to move needs no wait: NOKEY, as in Redis.
          '*1\r\n+NOKEY',
          '$1\r\nv',
          '',
        ].join('\r\n'),
      );
    } finally {
      client.close();
      await server.close();
    }
  });
});
