// DEBUG against a real redis-server: refused by default as Redis 7 refuses
// it (before authentication, in MULTI, from scripts), and, with
// enable-debug-command yes on both, the same replies byte for byte:
// DIGEST and DIGEST-VALUE of every type, OBJECT (its address left out),
// PROTOCOL in RESP2 and RESP3, POPULATE, ERROR, RELOAD with its options,
// SLEEP stopping the server, SET-ACTIVE-EXPIRE.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import {
  compareEach,
  hasRedis,
  RawClient,
  type RealRedis,
  startRealRedis,
  startServer,
  useDifferentialServers,
} from './helpers.js';

const enabled = hasRedis();

// Sends each command to both and expects the same bytes back.
function compare(
  ports: { redis: number; ours: number },
  commands: readonly (readonly string[])[],
  normalize: (reply: string) => string = (reply) => reply,
): Promise<void> {
  return compareEach(ports, commands, { normalize: normalize });
}

describe.skipIf(!enabled)('differential: DEBUG refused by default', () => {
  const ports = useDifferentialServers();

  it('refuses DEBUG after the arity check, queued in MULTI and from scripts', async () => {
    await compare(ports, [
      ['DEBUG', 'HELP'],
      ['DEBUG', 'DIGEST'],
      ['DEBUG'],
      ['MULTI'],
      ['DEBUG', 'DIGEST'],
      ['EXEC'],
      ['EVAL', "return redis.pcall('debug', 'digest')", '0'],
      ['CONFIG', 'GET', 'enable-debug-command'],
      ['CONFIG', 'SET', 'enable-debug-command', 'yes'],
    ]);
  });
});

describe.skipIf(!enabled)('differential: DEBUG refused before authentication', () => {
  const ports = useDifferentialServers({ requirepass: 'pw' });

  it('says DEBUG is not allowed, not NOAUTH', async () => {
    await compare(ports, [['DEBUG', 'DIGEST'], ['PING'], ['AUTH', 'pw'], ['DEBUG', 'DIGEST']]);
  });
});

describe.skipIf(!enabled)('differential: DEBUG enabled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mini-redis-debug-'));
  let ours: { server: Server; port: number } | undefined;
  let redis: RealRedis | undefined;
  const ports = {
    get ours() {
      return ours!.port;
    },
    get redis() {
      return redis!.port;
    },
  };
  beforeAll(async () => {
    ours = await startServer({
      enableDebugCommand: 'yes',
      dir,
      dbfilename: 'ours-debug.rdb',
      save: '',
    });
    redis = await startRealRedis([
      '--enable-debug-command',
      'yes',
      '--dir',
      dir,
      '--dbfilename',
      'redis-debug.rdb',
    ]);
  });
  afterAll(async () => {
    await ours?.server.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // Every type, in its small and large encodings, and a deadline.
  const DATA: string[][] = [
    ['FLUSHALL'],
    ['SET', 's', 'hello'],
    ['SET', 'n', '12345'],
    ['SET', 'big', 'x'.repeat(100)],
    ['SET', 'e', 'v', 'EX', '1000'],
    ['RPUSH', 'l', 'a', 'b', 'c', '1'],
    [
      'RPUSH',
      'longlist',
      ...Array.from({ length: 600 }, (_, i) => `element-${i}-${'y'.repeat(20)}`),
    ],
    ['SADD', 'ints', '1', '2', '-70000'],
    ['SADD', 'words', 'x', 'y', 'z'],
    ['ZADD', 'z', '0.1', 'a', '2', 'b', '1.5', 'c', '-inf', 'd'],
    ['ZADD', 'bigz', ...Array.from({ length: 200 }, (_, i) => [`${i / 7}`, `m${i}`]).flat()],
    ['HSET', 'h', 'f', 'v', 'g', '12'],
    ['HSET', 'bigh', ...Array.from({ length: 200 }, (_, i) => [`f${i}`, `v${i}`]).flat()],
    ['XADD', 'x', '1-1', 'f', 'v', 'g', 'w'],
    ['XADD', 'x', '2-5', 'f', 'v2'],
    ['SELECT', '3'],
    ['SET', 'other', 'db'],
    ['SELECT', '0'],
  ];

  it('signs the dataset and each value as Redis does', async () => {
    await compare(ports, [
      ['FLUSHALL'],
      ['DEBUG', 'DIGEST'],
      ...DATA,
      ['DEBUG', 'DIGEST'],
      ['DEBUG', 'DIGEST-VALUE', 's', 'n', 'big', 'e', 'l', 'longlist', 'ints', 'words'],
      ['DEBUG', 'DIGEST-VALUE', 'z', 'bigz', 'h', 'bigh', 'x', 'nosuch'],
      ['DEBUG', 'DIGEST-VALUE'],
      ['LPUSH', 'l', 'first'],
      ['DEBUG', 'DIGEST-VALUE', 'l'],
      ['PERSIST', 'e'],
      ['DEBUG', 'DIGEST'],
    ]);
  });

  it('describes a value with DEBUG OBJECT', async () => {
    // Addresses differ; the LRU clock and idle time are seconds, read a
    // moment apart.
    const normalize = (reply: string) =>
      reply
        .replace(/Value at:0x[0-9a-f]+/, 'Value at:<address>')
        .replace(/lru:\d+ lru_seconds_idle:\d+/, 'lru:<clock> lru_seconds_idle:<idle>');
    await compare(
      ports,
      [
        ...DATA,
        ...[
          's',
          'n',
          'big',
          'e',
          'l',
          'longlist',
          'ints',
          'words',
          'z',
          'bigz',
          'h',
          'bigh',
          'x',
        ].map((key) => ['DEBUG', 'OBJECT', key]),
        ['DEBUG', 'OBJECT', 'nosuch'],
        ['DEBUG', 'OBJECT'],
        ['DEBUG', 'OBJECT', 'a', 'b'],
      ],
      normalize,
    );
  });

  for (const protocol of ['2', '3']) {
    it(`replies to DEBUG PROTOCOL with each type (RESP${protocol})`, async () => {
      // HELLO's reply holds each server's own id and version: not compared.
      const normalize = (reply: string) => (reply.includes('proto') ? '<hello>' : reply);
      await compare(
        ports,
        [
          ['HELLO', protocol],
          ...[
            'string',
            'integer',
            'double',
            'bignum',
            'null',
            'array',
            'set',
            'map',
            'attrib',
            'push',
            'true',
            'false',
            'verbatim',
            'nosuch',
            'STRING',
          ].map((type) => ['DEBUG', 'PROTOCOL', type]),
          ['DEBUG', 'PROTOCOL'],
        ],
        normalize,
      );
    });
  }

  it('populates keys, replies errors, and refuses what it does not know', async () => {
    await compare(ports, [
      ['FLUSHALL'],
      ['SET', 'key:1', 'kept'],
      ['DEBUG', 'POPULATE', '5'],
      ['MGET', 'key:0', 'key:1', 'key:4', 'key:5'],
      ['DEBUG', 'POPULATE', '3', 'p', '4'],
      ['DEBUG', 'POPULATE', '2', 'q', '12'],
      ['MGET', 'p:0', 'p:2', 'q:1'],
      ['DEBUG', 'POPULATE', '0'],
      ['DEBUG', 'POPULATE', '-1'],
      ['DEBUG', 'POPULATE', 'x'],
      ['DEBUG', 'POPULATE', '1', 'k', '-1'],
      ['DEBUG', 'POPULATE', '1', 'k', 'x'],
      ['DEBUG', 'POPULATE'],
      ['DEBUG', 'POPULATE', '1', 'a', '1', 'b'],
      ['DBSIZE'],
      ['DEBUG', 'ERROR', 'MYERR something went wrong'],
      ['DEBUG', 'ERROR', 'no code'],
      ['DEBUG', 'ERROR', 'line\r\nbreak'],
      ['DEBUG', 'LOG', 'a message'],
      ['DEBUG', 'LOG'],
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
      ['DEBUG', 'NOSUCH'],
      ['DEBUG', 'DIGEST', 'x'],
      ['DEBUG', 'SLEEP'],
      ['DEBUG', 'SLEEP', '0'],
      ['DEBUG', 'SLEEP', 'abc'],
    ]);
  });

  it('reloads the dataset: saved and loaded back, NOFLUSH MERGE, bad options', async () => {
    await compare(ports, [
      ...DATA,
      ['FUNCTION', 'LOAD', "#!lua name=lib\nredis.register_function('f', function() return 1 end)"],
      ['DEBUG', 'DIGEST'],
      ['DEBUG', 'RELOAD'],
      ['DEBUG', 'DIGEST'],
      ['FCALL', 'f', '0'],
      ['TTL', 'e'],
      ['SET', 'added', 'after'],
      ['DEL', 's'],
      ['DEBUG', 'RELOAD', 'NOSAVE', 'NOFLUSH', 'MERGE'],
      ['MGET', 'added', 's'],
      ['DEBUG', 'DIGEST'],
      ['DEBUG', 'RELOAD', 'NOSAVE'],
      ['MGET', 'added', 's'],
      ['DEBUG', 'RELOAD', 'BOGUS'],
      ['FUNCTION', 'FLUSH'],
    ]);
  });

  it('stops the whole server for DEBUG SLEEP', async () => {
    for (const port of [ports.redis, ports.ours]) {
      const [sleeper, other] = await Promise.all([
        RawClient.connect(port),
        RawClient.connect(port),
      ]);
      try {
        const started = Date.now();
        sleeper.send([['DEBUG', 'SLEEP', '0.3']]);
        // Sent while the server sleeps: answered only after it wakes.
        await new Promise((resolve) => setTimeout(resolve, 50));
        other.send([['PING']]);
        expect(await other.read(1)).toBe('+PONG\r\n');
        expect(Date.now() - started).toBeGreaterThanOrEqual(280);
        expect(await sleeper.read(1)).toBe('+OK\r\n');
      } finally {
        sleeper.close();
        other.close();
      }
    }
  });

  it('stops expiring keys in the background with SET-ACTIVE-EXPIRE 0', async () => {
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    for (const port of [ports.redis, ports.ours]) {
      const client = await RawClient.connect(port);
      try {
        const call = async (...command: string[]) => {
          client.send([command]);
          return client.read(1);
        };
        await call('FLUSHALL');
        await call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
        await call('SET', 'k', 'v', 'PX', '30');
        await wait(300);
        // Not touched, not purged: still counted.
        expect(await call('DBSIZE'), `port ${port}`).toBe(':1\r\n');
        await call('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
        await wait(500);
        expect(await call('DBSIZE'), `port ${port}`).toBe(':0\r\n');
      } finally {
        client.close();
      }
    }
  });
});
