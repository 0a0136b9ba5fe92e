// The client against a real redis-server: it must be fully correct there,
// not only against our server.

import { hasRedis, type RealRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, createClient, createSubscriber, ReplyError } from '../src/index.js';

const enabled = hasRedis();

describe.skipIf(!enabled)('against a real redis-server', () => {
  let redis: RealRedis;
  let secured: RealRedis;

  beforeAll(async () => {
    redis = await startRealRedis();
    secured = await startRealRedis(['--requirepass', 'pw']);
  });

  afterAll(async () => {
    await redis?.stop();
    await secured?.stop();
  });

  it('matches 10,000 concurrent GET/SET replies over one connection', async () => {
    await using client = createClient(`127.0.0.1:${redis.port}`, { name: 'only-one' });
    const keys = Array.from({ length: 10_000 }, (_, i) => `real:${i}`);
    await Promise.all(keys.map((key, i) => client.set(key, `v${i}`)));
    const values = await Promise.all(keys.map((key) => client.get(key)));
    values.forEach((value, i) => {
      expect(value).toBe(`v${i}`);
    });
    const list = (await client.command(['CLIENT', 'LIST'])) as string;
    expect(list.split('\n').filter((line) => line.includes('name=only-one'))).toHaveLength(1);
  });

  // Redis nests a Lua table's reply as deep as the table goes; the decoder
  // stops at 1,024 levels (resp's maxDepth), where the replies after it can
  // no longer be found.
  it('drops the connection on a reply nested past the decoder limit, saying why', async () => {
    await using client = createClient(`127.0.0.1:${redis.port}`);
    const nested = (depth: number) =>
      client.command([
        'EVAL',
        `local t = {} local at = t for i = 1, ${depth} do local n = {} at[1] = n at = n end return t`,
        '0',
      ]);
    let reply = await nested(1000);
    let depth = 0;
    while (Array.isArray(reply) && reply.length === 1) [reply, depth] = [reply[0]!, depth + 1];
    expect([reply, depth]).toEqual([[], 1000]);
    const id = await client.clientId();
    await expect(nested(1100)).rejects.toThrow(
      'Connection lost before the reply (a reply could not be read: Protocol error: too many nested aggregates): the command may or may not have executed',
    );
    expect(await client.ping()).toBe('PONG');
    expect(await client.clientId()).not.toBe(id);
  });

  it('runs MULTI/EXEC as a typed tuple', async () => {
    await using client = createClient(`127.0.0.1:${redis.port}`);
    expect(await client.multi().set('tx', '1').incr('tx').get('tx').exec()).toEqual(['OK', 2, '2']);
  });

  it('authenticates with HELLO AUTH and selects the database of the URL', async () => {
    await using client = createClient(`redis://:pw@127.0.0.1:${secured.port}/4`);
    await client.set('where', 'db4');
    expect(await client.command(['CLIENT', 'INFO'])).toContain('db=4');
    const wrong = createClient(`redis://:bad@127.0.0.1:${secured.port}`, { reconnect: false });
    await expect(wrong.ping()).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
    await wrong.close();
  });

  it('createSubscriber resolves each change once Redis confirmed it', async () => {
    const address = `127.0.0.1:${redis.port}`;
    await using publisher = createClient(address);
    await publisher.ping();
    using subscriber = createSubscriber(address);
    await subscriber.subscribe('real:sub');
    expect(await publisher.publish('real:sub', 'x')).toBe(1);
    // Unsubscribed from everything, Redis answers PING outside subscribed mode.
    await subscriber.unsubscribe();
    expect(await publisher.publish('real:sub', 'lost')).toBe(0);
    await subscriber.psubscribe('real:*');
    expect(await publisher.publish('real:p', 'y')).toBe(1);
    expect(await subscriber.nextMessage()).toEqual({ channel: 'real:sub', message: 'x' });
    expect(await subscriber.nextMessage()).toEqual({
      pattern: 'real:*',
      channel: 'real:p',
      message: 'y',
    });
  });

  it('the direct client works and subscribes as mini-redis does', async () => {
    const subscriber = await (await connect(`127.0.0.1:${redis.port}`)).subscribe(['news']);
    using client = await connect(`redis://127.0.0.1:${redis.port}`);
    await client.set('direct', 'yes', { EX: 10 });
    expect(await client.get('direct')).toBe('yes');
    expect(await client.publish('news', 'hi')).toBe(1);
    expect(await subscriber.nextMessage()).toEqual({ channel: 'news', message: 'hi' });
    await expect(client.command(['INCR', 'direct'])).rejects.toBeInstanceOf(ReplyError);
    subscriber.close();
  });

  // Redis before 6 has no HELLO; renaming it away makes a Redis 7 answer
  // HELLO as such a server does, with an unknown-command error.
  it('authenticates a username given without a password, never ignoring it', async () => {
    // An ACL user that takes any password, and one with a password.
    await using admin = createClient(`127.0.0.1:${redis.port}`);
    await admin.command(['ACL', 'SETUSER', 'guest', 'on', 'nopass', '~*', '+@all', '&*']);
    await admin.command(['ACL', 'SETUSER', 'owner', 'on', '>secret', '~*', '+@all', '&*']);
    const whoami = { command: ['ACL', 'WHOAMI'] };
    for (const address of [`redis://guest@127.0.0.1:${redis.port}`, `127.0.0.1:${redis.port}`]) {
      const options = address.startsWith('redis:') ? {} : { username: 'guest' };
      await using client = createClient(address, options);
      expect(await client.command(whoami.command)).toBe('guest');
      using direct = await connect(address, options);
      expect(await direct.command(whoami.command)).toBe('guest');
      using subscriber = createSubscriber(address, options);
      await subscriber.subscribe('guest-room');
      const list = (await admin.clientList({ TYPE: 'pubsub' })).trim().split('\n');
      expect(list.some((line) => / user=guest /.test(line))).toBe(true);
    }
    // A user whose password was not given is refused, not replaced by `default`.
    await using refused = createClient(`redis://owner@127.0.0.1:${redis.port}`);
    await expect(refused.get('k')).rejects.toMatchObject({
      code: 'ERR_NOT_CONNECTED',
      message: expect.stringContaining('WRONGPASS'),
    });
    await expect(connect(`redis://owner@127.0.0.1:${redis.port}`)).rejects.toMatchObject({
      code: 'ERR_HANDSHAKE',
    });
    using subscriber = createSubscriber(`redis://owner@127.0.0.1:${redis.port}`);
    await expect(subscriber.ready).rejects.toMatchObject({ code: 'ERR_HANDSHAKE' });
  });

  it('falls back to RESP2 with AUTH and CLIENT SETNAME where HELLO is unknown', async () => {
    const old = await startRealRedis(['--requirepass', 'pw', '--rename-command', 'HELLO', '']);
    try {
      const address = `redis://:pw@127.0.0.1:${old.port}/2`;
      await using client = createClient(address, { name: 'resp2-client' });
      await client.set('k', 'v');
      const info = (await client.command(['CLIENT', 'INFO'])) as string;
      expect(info).toMatch(/ name=resp2-client /);
      expect(info).toMatch(/ db=2 /);
      expect(info).toMatch(/ resp=2\s/);
      // RESP2 replies are read as RESP3 ones are: arrays, integers, nulls.
      expect(await client.command(['CONFIG', 'GET', 'maxmemory-policy'])).toEqual([
        'maxmemory-policy',
        'noeviction',
      ]);
      expect(await client.mget(['k', 'none'])).toEqual(['v', null]);
      using subscriber = createSubscriber(address);
      await subscriber.subscribe('old-news');
      await subscriber.psubscribe('old-*');
      expect(await client.publish('old-news', 'm')).toBe(2);
      expect(await subscriber.nextMessage()).toEqual({ channel: 'old-news', message: 'm' });
      expect(await subscriber.nextMessage()).toEqual({
        pattern: 'old-*',
        channel: 'old-news',
        message: 'm',
      });
      const direct = await connect(address);
      expect(await direct.get('k')).toBe('v');
      direct.close();
    } finally {
      await old.stop();
    }
  });
});
