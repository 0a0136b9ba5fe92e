// Sharded pub/sub (Redis 7): createSubscriber's ssubscribe/sunsubscribe
// beside channels and patterns, kept apart as the server keeps them,
// restored after a reconnect; SPUBLISH and PUBSUB SHARDCHANNELS/SHARDNUMSUB
// as typed methods; against @mini-redis/server and a real redis-server
// (RESP3, and RESP2 where a subscribed connection's replies are arrays).
import { describe, expect, it } from 'vitest';
import { createClient, createSubscriber, type Message, type PubSubClient } from '../src/index.js';
import { until } from './controlled-server.js';
import { targets } from './targets.js';

// The next message, or a failure after a while: none must be missing.
function next(subscriber: PubSubClient): Promise<Message | undefined> {
  return subscriber.nextMessage({ signal: AbortSignal.timeout(5000) });
}

for (const target of targets) {
  describe.skipIf(!target.enabled)(`sharded pub/sub against ${target.name}`, () => {
    it('receives shard channel messages as shard: true, apart from channels of the same name', async () => {
      const server = await target.start();
      try {
        using subscriber = createSubscriber(server.address);
        await subscriber.ready;
        await subscriber.ssubscribe('orders', 'shared');
        await subscriber.subscribe('shared');
        await subscriber.psubscribe('sh*');
        expect(subscriber.shardChannels).toEqual(['orders', 'shared']);
        expect(subscriber.channels).toEqual(['shared']);
        await using publisher = createClient(server.address);
        // Each confirmed change counts at once on the server.
        expect(await publisher.pubsubShardNumsub(['orders', 'shared', 'none'])).toEqual(
          new Map([
            ['orders', 1],
            ['shared', 1],
            ['none', 0],
          ]),
        );
        expect((await publisher.pubsubShardChannels()).sort()).toEqual(['orders', 'shared']);
        expect(await publisher.pubsubShardChannels('o*')).toEqual(['orders']);
        expect(await publisher.pubsubNumsub('shared')).toEqual(new Map([['shared', 1]]));
        expect(await publisher.spublish('orders', 'o1')).toBe(1);
        expect(await next(subscriber)).toEqual({ channel: 'orders', message: 'o1', shard: true });
        // SPUBLISH reaches the shard channel only; PUBLISH the channel and
        // the pattern only.
        expect(await publisher.spublish('shared', 's1')).toBe(1);
        expect(await next(subscriber)).toEqual({ channel: 'shared', message: 's1', shard: true });
        expect(await publisher.publish('shared', 'c1')).toBe(2);
        expect(await next(subscriber)).toEqual({ channel: 'shared', message: 'c1' });
        expect(await next(subscriber)).toEqual({
          pattern: 'sh*',
          channel: 'shared',
          message: 'c1',
        });
        const [sent] = await publisher.pipeline().spublish('orders', 'o2').exec();
        expect(sent).toBe(1);
        expect(await next(subscriber)).toEqual({ channel: 'orders', message: 'o2', shard: true });
        // Leaving every channel and pattern leaves the shard channels.
        await subscriber.unsubscribe();
        await subscriber.punsubscribe();
        expect(await publisher.spublish('orders', 'o3')).toBe(1);
        expect(await next(subscriber)).toEqual({ channel: 'orders', message: 'o3', shard: true });
        await subscriber.sunsubscribe('orders');
        expect(subscriber.shardChannels).toEqual(['shared']);
        expect(await publisher.spublish('orders', 'gone')).toBe(0);
        await subscriber.sunsubscribe();
        expect(subscriber.shardChannels).toEqual([]);
        expect(await publisher.pubsubShardChannels()).toEqual([]);
      } finally {
        await server.stop();
      }
    });

    it('subscribes to its shard channels again after its connection is killed', async () => {
      const server = await target.start();
      try {
        using subscriber = createSubscriber(server.address, {
          reconnect: { initialDelay: 10, maxDelay: 50 },
        });
        await subscriber.ready;
        await subscriber.ssubscribe('s1', 's2');
        await subscriber.subscribe('c1');
        await using publisher = createClient(server.address);
        const list = String(await publisher.command(['CLIENT', 'LIST', 'TYPE', 'pubsub']));
        const id = /id=(\d+)[^\n]* sub=1 psub=0 ssub=2 /.exec(list)?.[1];
        expect(id).toBeDefined();
        await publisher.command(['CLIENT', 'KILL', 'ID', id!]);
        await until(() => subscriber.connections === 2);
        // The restore goes out with the new connection: wait for the server to count it.
        for (let attempt = 0; ; attempt++) {
          const counts = await publisher.pubsubShardNumsub(['s1', 's2']);
          if (counts.get('s1') === 1 && counts.get('s2') === 1) break;
          expect(attempt).toBeLessThan(200);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        expect(await publisher.spublish('s2', 'after')).toBe(1);
        expect(await next(subscriber)).toEqual({ channel: 's2', message: 'after', shard: true });
        expect(await publisher.publish('c1', 'channel too')).toBe(1);
        expect(await next(subscriber)).toEqual({ channel: 'c1', message: 'channel too' });
      } finally {
        await server.stop();
      }
    });
  });
}
