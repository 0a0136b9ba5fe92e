// Sharded pub/sub (SSUBSCRIBE, SUNSUBSCRIBE, SPUBLISH, PUBSUB SHARDCHANNELS
// and SHARDNUMSUB) against a real redis-server, across connections: shard
// channels are a namespace apart from SUBSCRIBE's (PUBLISH does not reach
// them, patterns neither), they keep a RESP2 connection in subscribed
// mode, CLIENT LIST counts them as `ssub`, INFO as pubsubshard_channels,
// EXEC refuses SSUBSCRIBE, and a monitor may not SPUBLISH. Reply bytes,
// in the order they came, must match. (random pub/sub sequences on one
// connection: differential-random.test.ts.)
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasRedis())('differential: sharded pub/sub', () => {
  const ports = useDifferentialServers();

  async function run(port: number, protocol: 2 | 3): Promise<string[]> {
    const subscriber = await RawClient.connect(port);
    const publisher = await RawClient.connect(port);
    const monitor = await RawClient.connect(port);
    const log: string[] = [];
    // What a connection received since the last look, after a moment for
    // messages from other connections to arrive.
    const seen = async (name: string, client: RawClient) => {
      await sleep(30);
      log.push(`${name}: ${client.drain()}`);
    };
    try {
      if (protocol === 3) {
        subscriber.send([['HELLO', '3']]);
        await subscriber.read(1);
      }
      subscriber.send([
        ['SSUBSCRIBE', 'a', 'b'],
        ['SUBSCRIBE', 'a'],
        ['PSUBSCRIBE', '*'],
      ]);
      await subscriber.read(4);
      publisher.send([
        ['SPUBLISH', 'a', 'to the shard channel'],
        ['PUBLISH', 'a', 'to the channel'],
        ['SPUBLISH', 'c', 'nobody'],
        ['PUBSUB', 'SHARDNUMSUB', 'a', 'b', 'c'],
        ['PUBSUB', 'NUMSUB', 'a', 'b'],
        ['PUBSUB', 'SHARDCHANNELS', '[bc]'],
        ['PUBSUB', 'SHARDCHANNELS', 'b*', 'x'],
        ['PUBSUB', 'NUMPAT'],
      ]);
      await seen('publisher', publisher);
      await seen('subscriber', subscriber);
      publisher.send([
        ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
        ['INFO', 'stats'],
      ]);
      await sleep(30);
      const [list, info] = publisher.drain().split(/\r\n(?=\$)/);
      log.push(`list ${/flags=\S+ db=\d+ sub=\d+ psub=\d+ ssub=\d+/.exec(list!)?.[0]}`);
      log.push(`info ${(info!.match(/pubsub\w*:\d+/g) ?? []).join(' ')}`);
      // Leaving the channel and the pattern leaves the connection
      // subscribed (RESP2 refuses GET) while a shard channel remains.
      subscriber.send([['UNSUBSCRIBE'], ['PUNSUBSCRIBE'], ['GET', 'k']]);
      await seen('after unsubscribe', subscriber);
      subscriber.send([
        ['SUNSUBSCRIBE', 'a', 'x'],
        ['SUNSUBSCRIBE'],
        ['SUNSUBSCRIBE'],
        ['GET', 'k'],
      ]);
      await seen('after sunsubscribe', subscriber);
      // EXEC refuses SSUBSCRIBE (named in capitals, however it was written).
      publisher.send([
        ['MULTI'],
        ['ssubscribe', 'q'],
        ['SPUBLISH', 'a', 'x'],
        ['EXEC'],
        ['SSUBSCRIBE'],
        ['SPUBLISH', 'a'],
      ]);
      await seen('transaction', publisher);
      monitor.send([['MONITOR'], ['SPUBLISH', 'a', 'x'], ['SSUBSCRIBE', 'm']]);
      await sleep(30);
      // MONITOR's own line for SSUBSCRIBE carries a timestamp and an address.
      log.push(
        `monitor: ${monitor.drain().replace(/\+\d+\.\d+ \[0 [^\]]+\]/g, '+<time> [0 <addr>]')}`,
      );
      // RESET leaves shard channels too.
      publisher.send([['SSUBSCRIBE', 'r'], ['RESET'], ['PUBSUB', 'SHARDNUMSUB', 'r']]);
      await seen('reset', publisher);
      return log;
    } finally {
      subscriber.close();
      publisher.close();
      monitor.close();
    }
  }

  for (const protocol of [2, 3] as const) {
    it(`matches redis-server in RESP${protocol}`, async () => {
      const redis = await run(ports.redis, protocol);
      const ours = await run(ports.ours, protocol);
      expect(ours).toEqual(redis);
      // The shard channel's message came, and the channel's did not join it.
      expect(redis.join('\n')).toContain('smessage\r\n$1\r\na\r\n$20\r\nto the shard channel');
    });
  }
});
