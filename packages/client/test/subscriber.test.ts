// createSubscriber: a subscriber that reconnects and resubscribes.
import { ReplyError } from '@mini-redis/resp';
import { createServer, type Server } from '@mini-redis/server';
import { hasRedis, rawExchange, type ServerProcess, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  createClient,
  createSubscriber,
  type PubSubClient,
  type RedisClient,
} from '../src/index.js';
import { until } from './controlled-server.js';
import { targets } from './targets.js';

let server: Server;
let address: string;

beforeAll(async () => {
  server = createServer({ port: 0 });
  address = `127.0.0.1:${(await server.listen()).port}`;
});

afterAll(async () => {
  await server.close();
});

// Publishes until the subscriber receives a message (subscription is asynchronous).
async function deliver(
  publisher: RedisClient,
  subscriber: PubSubClient,
  channel: string,
  text: string,
) {
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await publisher.publish(channel, text)) > 0) return subscriber.nextMessage();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the subscription never became active');
}

describe('createSubscriber', () => {
  it('receives channel and pattern messages through for await', async () => {
    using subscriber = createSubscriber(address);
    await subscriber.ready;
    await subscriber.subscribe('room:1');
    await subscriber.psubscribe('news.*');
    await using publisher = createClient(address);
    expect(await deliver(publisher, subscriber, 'room:1', 'hi')).toEqual({
      channel: 'room:1',
      message: 'hi',
    });
    expect(await deliver(publisher, subscriber, 'news.tech', 'x')).toEqual({
      pattern: 'news.*',
      channel: 'news.tech',
      message: 'x',
    });
  });

  it('resubscribes after its connection is killed', async () => {
    using subscriber = createSubscriber(address, { reconnect: { initialDelay: 10, maxDelay: 50 } });
    await subscriber.ready;
    await subscriber.subscribe('survivor');
    await using publisher = createClient(address);
    expect(await deliver(publisher, subscriber, 'survivor', 'before')).toEqual({
      channel: 'survivor',
      message: 'before',
    });
    const list = (await publisher.command(['CLIENT', 'LIST'])) as string;
    const id = /id=(\d+)[^\n]* sub=1 /.exec(list)?.[1];
    expect(id).toBeDefined();
    await publisher.command(['CLIENT', 'KILL', 'ID', id!]);
    for (let i = 0; i < 200 && subscriber.connections < 2; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(subscriber.connections).toBe(2);
    expect(await deliver(publisher, subscriber, 'survivor', 'after')).toEqual({
      channel: 'survivor',
      message: 'after',
    });
  });

  it('subscribes again to thousands of channels and patterns, and confirms a change made meanwhile', async () => {
    using subscriber = createSubscriber(address, { reconnect: { initialDelay: 10, maxDelay: 50 } });
    await using publisher = createClient(address);
    const channels = Array.from({ length: 5000 }, (_, i) => `many:${i}`);
    await subscriber.subscribe(...channels);
    await subscriber.psubscribe('many-p:*', 'many-q:*');
    const list = (await publisher.command(['CLIENT', 'LIST'])) as string;
    const id = /id=(\d+)[^\n]* sub=5000 psub=2 /.exec(list)?.[1];
    expect(id).toBeDefined();
    await publisher.command(['CLIENT', 'KILL', 'ID', id!]);
    await until(() => subscriber.connections === 2);
    // Made while the restore is on its way: confirmed after it.
    await subscriber.unsubscribe('many:0');
    expect(subscriber.channels).toHaveLength(4999);
    expect(await publisher.command(['PUBSUB', 'NUMPAT'])).toBe(2);
    const counts = (await publisher.command(['PUBSUB', 'NUMSUB', 'many:0', 'many:4999'])) as [
      string,
      number,
      string,
      number,
    ];
    expect(counts).toEqual(['many:0', 0, 'many:4999', 1]);
    expect(await publisher.command(['PUBSUB', 'CHANNELS', 'many:*'])).toHaveLength(4999);
  });

  it('resolves subscribe once the server confirmed it: the next publish reaches it', async () => {
    await using publisher = createClient(address);
    await publisher.ping();
    // Not waiting for `ready`: the first change waits for the connection.
    using subscriber = createSubscriber(address);
    await subscriber.subscribe('confirmed:0');
    expect(await publisher.publish('confirmed:0', 'first')).toBe(1);
    for (let i = 1; i <= 50; i++) {
      await subscriber.subscribe(`confirmed:${i}`);
      expect(await publisher.publish(`confirmed:${i}`, `m${i}`)).toBe(1);
    }
    await subscriber.psubscribe('confirmed-p:*');
    expect(await publisher.publish('confirmed-p:x', 'p')).toBe(1);
    await subscriber.unsubscribe('confirmed:0');
    expect(await publisher.publish('confirmed:0', 'gone')).toBe(0);
    await subscriber.punsubscribe();
    expect(await publisher.publish('confirmed-p:x', 'gone')).toBe(0);
    await subscriber.unsubscribe();
    expect(await publisher.command(['PUBSUB', 'NUMSUB', 'confirmed:50'])).toEqual([
      'confirmed:50',
      0,
    ]);
    // After the last unsubscribe the connection is no longer subscribed,
    // and its PING replies differently: changes still confirm.
    await subscriber.subscribe('confirmed:again');
    expect(await publisher.publish('confirmed:again', 'back')).toBe(1);
    const received: string[] = [];
    for (let i = 0; i < 53; i++) received.push((await subscriber.nextMessage())!.message);
    expect(received).toEqual([
      'first',
      ...Array.from({ length: 50 }, (_, i) => `m${i + 1}`),
      'p',
      'back',
    ]);
  });

  it('confirms changes made while disconnected once it has resubscribed', async () => {
    await using publisher = createClient(address);
    using subscriber = createSubscriber(address, { reconnect: { initialDelay: 10, maxDelay: 50 } });
    await subscriber.subscribe('offline:a');
    const list = (await publisher.command(['CLIENT', 'LIST'])) as string;
    const id = /id=(\d+)[^\n]* sub=1 /.exec(list)?.[1];
    await publisher.command(['CLIENT', 'KILL', 'ID', id!]);
    // Made while the connection is down or coming back.
    await Promise.all([subscriber.subscribe('offline:b'), subscriber.psubscribe('offline:p*')]);
    expect(await publisher.publish('offline:a', '1')).toBe(1);
    expect(await publisher.publish('offline:b', '2')).toBe(1);
    expect(await publisher.publish('offline:pq', '3')).toBe(1);
    expect(subscriber.connections).toBe(2);
  });

  it('resolves changes still waiting when it is closed', async () => {
    const subscriber = createSubscriber('127.0.0.1:1', { reconnect: { maxAttempts: 1000 } });
    const waiting = subscriber.subscribe('never');
    subscriber.close();
    await expect(waiting).resolves.toBeUndefined();
    await expect(subscriber.subscribe('after-close')).resolves.toBeUndefined();
  });

  it('delivers the bytes as sent with buffers: true, and UTF-8 text by default', async () => {
    await using publisher = createClient(address);
    using bytes = createSubscriber(address, { buffers: true });
    using text = createSubscriber(address);
    await bytes.subscribe('binary');
    await text.psubscribe('bin*');
    const payload = Buffer.from([0xff, 0x00, 0xfe, 0x41]);
    expect(await publisher.publish('binary', payload)).toBe(2);
    const received = await bytes.nextMessage();
    expect(received).toEqual({ channel: 'binary', message: payload });
    // Typed as a Buffer, and one.
    const message: Buffer = received!.message;
    expect(Buffer.isBuffer(message)).toBe(true);
    expect(await text.nextMessage()).toEqual({
      pattern: 'bin*',
      channel: 'binary',
      message: payload.toString('utf8'),
    });
  });

  it('confirms a change made while its queue is full once the consumer reads', async () => {
    using subscriber = createSubscriber(address, { capacity: 2 });
    await subscriber.subscribe('full:a');
    await using publisher = createClient(address);
    const sent = Array.from({ length: 10 }, (_, i) => `m${i}`);
    for (const message of sent) expect(await publisher.publish('full:a', message)).toBe(1);
    // The queue holds 2; the reader waits to put the third in, and reads
    // nothing more from the socket meanwhile.
    await until(() => subscriber.messages.len() === 2);
    let confirmed = false;
    const change = subscriber.subscribe('full:b').then(() => {
      confirmed = true;
    });
    // Round trips on another connection: time for the server to confirm,
    // which the subscriber cannot read yet.
    for (let i = 0; i < 20; i++) await publisher.ping();
    expect(confirmed).toBe(false);
    const received: string[] = [];
    for (const _ of sent) received.push((await subscriber.nextMessage())!.message);
    expect(received).toEqual(sent);
    await change;
    expect(await publisher.publish('full:b', 'after')).toBe(1);
    expect(await subscriber.nextMessage()).toEqual({ channel: 'full:b', message: 'after' });
  });

  it('ends the iteration when closed', async () => {
    const subscriber = createSubscriber(address);
    await subscriber.ready;
    const ended = (async () => {
      for await (const _ of subscriber) {
        // no messages expected
      }
      return true;
    })();
    subscriber.close();
    expect(await ended).toBe(true);
  });
});

describe("createSubscriber's ready", () => {
  it('rejects with ERR_NOT_CONNECTED once reconnection gives up, and ends the iteration', async () => {
    using subscriber = createSubscriber('127.0.0.1:1', {
      reconnect: { initialDelay: 1, maxDelay: 5, maxAttempts: 3 },
    });
    await expect(subscriber.ready).rejects.toMatchObject({
      code: 'ERR_NOT_CONNECTED',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await subscriber.nextMessage()).toBeUndefined();
  });

  it('rejects with ERR_HANDSHAKE at once when the password is refused, without retrying', async () => {
    const secured = createServer({ port: 0, requirepass: 'secret' });
    const { port } = await secured.listen();
    try {
      // Reconnection is unlimited by default: only giving up settles this.
      using subscriber = createSubscriber(`redis://:wrong@127.0.0.1:${port}`);
      await expect(subscriber.ready).rejects.toMatchObject({ code: 'ERR_HANDSHAKE' });
      expect(subscriber.connections).toBe(0);
    } finally {
      await secured.close();
    }
  });

  it('rejects with ERR_HANDSHAKE when the server wants a password and none was given', async () => {
    const secured = createServer({ port: 0, requirepass: 'secret' });
    const { port } = await secured.listen();
    try {
      // Its first PING is refused: every SUBSCRIBE would be too.
      using subscriber = createSubscriber(`127.0.0.1:${port}`);
      await expect(subscriber.ready).rejects.toMatchObject({
        code: 'ERR_HANDSHAKE',
        message: 'PING failed: NOAUTH Authentication required.',
      });
      expect(subscriber.connections).toBe(0);
    } finally {
      await secured.close();
    }
  });

  it('rejects with ERR_CLIENT_CLOSED when closed before it connected', async () => {
    const subscriber = createSubscriber('127.0.0.1:1');
    subscriber.close();
    await expect(subscriber.ready).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
  });

  it('closes the connection it was making when it is closed meanwhile', async () => {
    using observer = await connect(address);
    const connections = async () =>
      String(await observer.command(['CLIENT', 'LIST']))
        .trim()
        .split('\n').length;
    const before = await connections();
    for (const wait of [-1, 0, 1, 2]) {
      const subscriber = createSubscriber(address);
      if (wait >= 0) await new Promise((resolve) => setTimeout(resolve, wait));
      subscriber.close();
    }
    // Those that got connected are closed again, and stay closed.
    const deadline = Date.now() + 5000;
    while ((await connections()) !== before && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await connections()).toBe(before);
  });

  it('raises no unhandled rejection when nobody awaits it', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const subscriber = createSubscriber('127.0.0.1:1', { reconnect: { maxAttempts: 1 } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      subscriber.close();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe("createSubscriber's changes, counted from the server's confirmations", () => {
  for (const target of targets) {
    it.skipIf(!target.enabled)(
      `unsubscribes from all channels and keeps its patterns, against ${target.name}`,
      async () => {
        const started = await target.start();
        try {
          using subscriber = createSubscriber(started.address);
          await using publisher = createClient(started.address);
          await subscriber.subscribe('a', 'b', 'a');
          await subscriber.psubscribe('p*');
          // Answered once per channel the server has (two) and not per
          // pattern: counting those would wait for ever.
          await subscriber.unsubscribe();
          expect(subscriber.channels).toEqual([]);
          expect(await publisher.publish('a', 'gone')).toBe(0);
          expect(await publisher.publish('pa', 'kept')).toBe(1);
          expect(await subscriber.nextMessage()).toEqual({
            pattern: 'p*',
            channel: 'pa',
            message: 'kept',
          });
          // From none at all: answered once.
          await subscriber.unsubscribe();
          await subscriber.punsubscribe();
          await subscriber.punsubscribe();
          expect(subscriber.patterns).toEqual([]);
          expect(await publisher.publish('pa', 'gone')).toBe(0);
          // Nothing to subscribe to resolves at once, and writes nothing.
          await subscriber.subscribe();
          await subscriber.subscribe('c');
          expect(await deliver(publisher, subscriber, 'c', 'last')).toEqual({
            channel: 'c',
            message: 'last',
          });
        } finally {
          await started.stop();
        }
      },
    );
  }
});

describe.skipIf(!hasRedis())('createSubscriber against a Redis 7 ACL user', () => {
  let redis: ServerProcess;
  let aclAddress: string;

  beforeAll(async () => {
    redis = await startRealRedis();
    // Redis 7 gives a new user no channel: alice may use `allowed:*` and `other:*`.
    expect(
      await rawExchange(redis.port, [
        ['ACL', 'SETUSER', 'alice', 'on', '>pw', '~*', '+@all', '&allowed:*', '&other:*'],
      ]),
    ).toBe('+OK\r\n');
    aclAddress = `redis://alice:pw@127.0.0.1:${redis.port}`;
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('rejects a change the server refuses with its NOPERM, and forgets its names', async () => {
    using subscriber = createSubscriber(aclAddress);
    await using publisher = createClient(aclAddress);
    await subscriber.ready;
    const refused = await subscriber.subscribe('allowed:1', 'secret').catch((error) => error);
    expect(refused).toBeInstanceOf(ReplyError);
    expect((refused as ReplyError).message).toBe(
      'NOPERM this user has no permissions to access one of the channels used as arguments',
    );
    // The whole command was refused: neither is subscribed, nor wanted.
    expect(subscriber.channels).toEqual([]);
    expect(await publisher.publish('allowed:1', 'x')).toBe(0);
    await expect(subscriber.psubscribe('secret:*')).rejects.toThrow(/^NOPERM /);
    expect(subscriber.patterns).toEqual([]);

    // A refusal does not disturb the changes around it.
    const changes = [
      subscriber.subscribe('allowed:1'),
      subscriber.subscribe('secret'),
      subscriber.psubscribe('other:*'),
    ];
    expect(await Promise.allSettled(changes)).toMatchObject([
      { status: 'fulfilled' },
      { status: 'rejected', reason: { code: 'NOPERM' } },
      { status: 'fulfilled' },
    ]);
    expect(subscriber.channels).toEqual(['allowed:1']);
    expect(subscriber.patterns).toEqual(['other:*']);
    expect(await publisher.publish('allowed:1', 'one')).toBe(1);
    expect(await subscriber.nextMessage()).toEqual({ channel: 'allowed:1', message: 'one' });

    // A reconnect restores only what the server accepted.
    await publisher.command(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
    await until(() => subscriber.connections === 2);
    expect(await deliver(publisher, subscriber, 'allowed:1', 'two')).toEqual({
      channel: 'allowed:1',
      message: 'two',
    });
    expect(await publisher.publish('other:9', 'three')).toBe(1);
    expect(await subscriber.nextMessage()).toMatchObject({ channel: 'other:9', message: 'three' });
  });

  it('subscribes one by one to the names of a change made before it connected', async () => {
    using subscriber = createSubscriber(aclAddress);
    await using publisher = createClient(aclAddress);
    // Not connected yet: the restore subscribes name by name, and the
    // server refuses only `secret`.
    await expect(subscriber.subscribe('allowed:2', 'secret')).rejects.toThrow(/^NOPERM /);
    expect(subscriber.channels).toEqual(['allowed:2']);
    expect(await deliver(publisher, subscriber, 'allowed:2', 'in')).toEqual({
      channel: 'allowed:2',
      message: 'in',
    });
  });

  it('keeps a direct client usable when its subscribe or monitor is refused', async () => {
    expect(
      await rawExchange(redis.port, [
        ['ACL', 'SETUSER', 'dave', 'on', '>pw', '~*', '+@all', '-monitor', '&allowed:*'],
      ]),
    ).toBe('+OK\r\n');
    using client = await connect(`redis://dave:pw@127.0.0.1:${redis.port}`);
    await expect(client.subscribe(['secret'])).rejects.toThrow(
      'NOPERM this user has no permissions to access one of the channels used as arguments',
    );
    await expect(client.monitor()).rejects.toThrow(/^NOPERM /);
    // Nothing was subscribed or monitored: the connection is still the client's.
    expect(await client.ping()).toBe('PONG');
    const subscriber = await client.subscribe(['allowed:3']);
    await using publisher = createClient(aclAddress);
    expect(await publisher.publish('allowed:3', 'ok')).toBe(1);
    expect(await subscriber.nextMessage()).toEqual({ channel: 'allowed:3', message: 'ok' });
    // Once handed over, it is the subscriber's.
    await expect(client.ping()).rejects.toMatchObject({ code: 'ERR_BUSY' });
  });

  it('drops a channel whose permission was revoked while it reconnects, and keeps the rest', async () => {
    expect(
      await rawExchange(redis.port, [
        ['ACL', 'SETUSER', 'bob', 'on', '>pw', '~*', '+@all', '&allowed:*', '&other:*'],
      ]),
    ).toBe('+OK\r\n');
    const bob = `redis://bob:pw@127.0.0.1:${redis.port}`;
    using subscriber = createSubscriber(bob, { reconnect: { initialDelay: 20, maxDelay: 50 } });
    await using publisher = createClient(`127.0.0.1:${redis.port}`);
    await subscriber.subscribe('allowed:1', 'other:1');
    // Redis 7 disconnects a subscriber whose channels its user lost.
    expect(
      await rawExchange(redis.port, [['ACL', 'SETUSER', 'bob', 'resetchannels', '&allowed:*']]),
    ).toBe('+OK\r\n');
    await until(() => subscriber.connections === 2);
    await until(() => subscriber.channels.length === 1);
    expect(subscriber.channels).toEqual(['allowed:1']);
    expect(await deliver(publisher, subscriber, 'allowed:1', 'still here')).toEqual({
      channel: 'allowed:1',
      message: 'still here',
    });
    expect(await publisher.publish('other:1', 'gone')).toBe(0);
  });
});
