// Every RESP3 type as DEBUG PROTOCOL sends it, from a real redis-server
// and from @mini-redis/server (both with enable-debug-command yes),
// through the actor client: attributes are read past, and a push in the
// middle of a pipeline goes to the push handler, not to a caller.
import { createServer } from '@mini-redis/server';
import { hasRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../src/index.js';

describe.each([
  {
    name: '@mini-redis/server',
    enabled: true,
    async start() {
      const server = createServer({ port: 0, enableDebugCommand: 'yes' });
      const { port } = await server.listen();
      return { port, stop: () => server.close() };
    },
  },
  {
    name: 'a real redis-server',
    enabled: hasRedis(),
    async start() {
      const redis = await startRealRedis(['--enable-debug-command', 'yes']);
      return { port: redis.port, stop: () => redis.stop() };
    },
  },
])('DEBUG PROTOCOL from $name', ({ enabled, start }) => {
  let stop: () => Promise<void> = async () => {};
  let client: RedisClient;
  beforeAll(async () => {
    if (!enabled) return;
    const started = await start();
    stop = started.stop;
    client = createClient(`127.0.0.1:${started.port}`);
  });
  afterAll(async () => {
    await client?.close();
    await stop();
  });

  const protocol = (type: string) => client.command(['DEBUG', 'PROTOCOL', type]);

  it.skipIf(!enabled)('decodes each RESP3 type', async () => {
    expect(await protocol('string')).toBe('Hello World');
    expect(await protocol('integer')).toBe(12345);
    // Redis's test value, 3.141 (not pi).
    expect(await protocol('double')).toBe(Number.parseFloat('3.141'));
    expect(await protocol('bignum')).toBe(1234567999999999999999999999999999999n);
    expect(await protocol('null')).toBeNull();
    expect([...((await protocol('array')) as Iterable<unknown>)]).toEqual([0, 1, 2]);
    expect([...((await protocol('set')) as Iterable<unknown>)]).toEqual([0, 1, 2]);
    expect(await protocol('map')).toEqual(
      new Map<number, boolean>([
        [0, false],
        [1, true],
        [2, false],
      ]),
    );
    expect(await protocol('true')).toBe(true);
    expect(await protocol('false')).toBe(false);
    expect(await protocol('verbatim')).toBe('This is a verbatim\nstring');
    expect(await protocol('attrib')).toBe('Some real reply following the attribute');
  });

  it.skipIf(!enabled)('keeps a pipeline in order around a push', async () => {
    await client.set('debug:k', 'v');
    const replies = await Promise.all([
      client.get('debug:k'),
      protocol('push'),
      client.get('debug:k'),
      protocol('attrib'),
      client.get('debug:k'),
    ]);
    expect(replies).toEqual([
      'v',
      'Some real reply following the push reply',
      'v',
      'Some real reply following the attribute',
      'v',
    ]);
  });
});
