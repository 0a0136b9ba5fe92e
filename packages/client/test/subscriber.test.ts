// createSubscriber: a subscriber that reconnects and resubscribes.
import { createServer, type Server } from '@mini-redis/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  createSubscriber,
  type PubSubClient,
  type RedisClient,
} from '../src/index.js';

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
