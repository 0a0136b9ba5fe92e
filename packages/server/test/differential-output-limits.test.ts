// client-output-buffer-limit against a real redis-server: CONFIG GET and
// SET with their errors, byte for byte; a normal connection closed without
// a reply past its hard limit (the first 16 KB uncounted, as Redis keeps
// them in the connection's own buffer); and a subscriber that stops
// reading, closed past the pubsub hard limit, or past the soft limit once
// it has stayed over it longer than its seconds, and kept while the
// seconds have not passed. Each server must end in the same state.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { compareEach, hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const enabled = hasRedis();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DEFAULT = 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60';
const MESSAGE = 'm'.repeat(64 * 1024);

describe.skipIf(!enabled)('differential: client-output-buffer-limit', () => {
  const ports = useDifferentialServers();

  afterEach(async () => {
    for (const port of [ports.redis, ports.ours]) {
      const client = await RawClient.connect(port);
      client.send([['CONFIG', 'SET', 'client-output-buffer-limit', DEFAULT], ['FLUSHALL']]);
      await client.read(2);
      client.close();
    }
  });

  it('CONFIG GET and SET: classes in any case, replica for slave, memory units, and the errors', async () => {
    await compareEach(
      ports,
      [
        ['CONFIG', 'GET', 'client-output-buffer-limit'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 1mb 512kb 10'],
        ['CONFIG', 'GET', 'client-output-buffer-limit'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'REPLICA 1 2 3 Normal 4gb 5k 0'],
        ['CONFIG', 'GET', 'client-output-buffer-limit'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 2 3 normal 4 5 +6'],
        ['CONFIG', 'GET', 'client-output-buffer-limit'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', ''],
        ['CONFIG', 'GET', 'client-output-buffer-limit'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'master 1 1 1'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 1'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal  1 1 1'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal x 1 1'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 -1 1'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 1 -1'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 1 1x'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 1 1 1 bogus 1 1 1'],
        ['CONFIG', 'GET', 'client-output-buffer-limit'],
        ['CONFIG', 'SET', 'client-output-buffer-limit', DEFAULT],
        ['CONFIG', 'GET', 'client-output-buffer-limit'],
      ],
      { reset: [['CONFIG', 'SET', 'client-output-buffer-limit', DEFAULT]] },
    );
  });

  it('closes a normal connection whose reply passes its hard limit, without the reply', async () => {
    const run = async (port: number) => {
      const admin = await RawClient.connect(port);
      const client = await RawClient.connect(port);
      try {
        admin.send([
          ['SET', 'small', 'x'.repeat(15_000)],
          ['SET', 'big', 'x'.repeat(20_000)],
          ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 0 0'],
        ]);
        await admin.read(3);
        // Small replies fit in what is not counted; a 20 KB one does not.
        client.send([['PING'], ['GET', 'small']]);
        const small = await client.read(2);
        client.send([['GET', 'big'], ['PING']]);
        const closed = await client.waitClosed(3000);
        return `${small.length} bytes, then closed ${closed} after ${JSON.stringify(client.drain())}`;
      } finally {
        admin.close();
        client.close();
      }
    };
    const expected = await run(ports.redis);
    expect(expected).toBe('15017 bytes, then closed true after ""');
    expect(await run(ports.ours)).toBe(expected);
  });

  // A subscriber that stops reading; then 64 KB messages published until
  // `floodMs` has passed (a first burst, then one every 100 ms), and
  // whether the subscriber was still subscribed at the end.
  async function unreadSubscriber(port: number, limits: string, floodMs: number): Promise<string> {
    const admin = await RawClient.connect(port);
    admin.send([['CONFIG', 'SET', 'client-output-buffer-limit', limits]]);
    await admin.read(1);
    const subscriber: Socket = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
    });
    try {
      subscriber.write('*2\r\n$9\r\nSUBSCRIBE\r\n$4\r\nnews\r\n');
      await new Promise((resolve) => subscriber.once('data', resolve));
      subscriber.pause();
      // More than the kernel's socket buffers take on loopback.
      admin.send(Array.from({ length: 400 }, () => ['PUBLISH', 'news', MESSAGE]));
      await admin.read(400, 20_000);
      const ends = Date.now() + floodMs;
      while (Date.now() < ends) {
        admin.send([['PUBLISH', 'news', MESSAGE]]);
        await admin.read(1);
        await sleep(100);
      }
      admin.send([['PUBSUB', 'NUMSUB', 'news']]);
      return await admin.read(1);
    } finally {
      admin.close();
      subscriber.destroy();
    }
  }

  it('closes a subscriber that does not read past the pubsub hard limit', async () => {
    const expected = await unreadSubscriber(ports.redis, 'pubsub 256kb 0 0', 300);
    expect(expected).toBe('*2\r\n$4\r\nnews\r\n:0\r\n');
    expect(await unreadSubscriber(ports.ours, 'pubsub 256kb 0 0', 300)).toBe(expected);
  });

  it('closes it once over the soft limit for longer than its seconds, not before', async () => {
    const closed = await unreadSubscriber(ports.redis, 'pubsub 0 256kb 1', 2500);
    expect(closed).toBe('*2\r\n$4\r\nnews\r\n:0\r\n');
    expect(await unreadSubscriber(ports.ours, 'pubsub 0 256kb 1', 2500)).toBe(closed);
    const kept = await unreadSubscriber(ports.redis, 'pubsub 0 256kb 60', 1000);
    expect(kept).toBe('*2\r\n$4\r\nnews\r\n:1\r\n');
    expect(await unreadSubscriber(ports.ours, 'pubsub 0 256kb 60', 1000)).toBe(kept);
  });
});
