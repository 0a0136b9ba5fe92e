// What a doomed transaction keeps, against a real redis-server: after a
// queueing error, the commands queued before it stay (CLIENT LIST's
// multi= and multi-mem count them) and later ones are not kept; after a
// watched key changed, nothing more is kept. Every reply stays QUEUED,
// and EXEC answers EXECABORT or a null array, as in Redis 7.0.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

describe.skipIf(!hasRedis())('differential: what a doomed transaction keeps', () => {
  const ports = useDifferentialServers();

  it('keeps what was queued before an error, and nothing after it or after a watched key changed', async () => {
    const run = async (port: number) => {
      const client = await RawClient.connect(port);
      const other = await RawClient.connect(port);
      const queuedCount = async () => {
        other.send([['CLIENT', 'LIST']]);
        const line = (await other.read(1))
          .split('\n')
          .find((entry) => entry.includes(' name=tx '))!;
        return /multi=(-?\d+)/.exec(line)![1]!;
      };
      try {
        const seen: string[] = [];
        client.send([
          ['CLIENT', 'SETNAME', 'tx'],
          ['MULTI'],
          ['SET', 'a', 'b'],
          ['NOSUCH'],
          ['SET', 'c', 'd'],
        ]);
        seen.push(await client.read(5));
        seen.push(await queuedCount());
        client.send([['EXEC']]);
        seen.push(await client.read(1));
        client.send([['WATCH', 'w'], ['MULTI'], ['SET', 'a', 'b']]);
        seen.push(await client.read(3));
        other.send([['SET', 'w', 'changed']]);
        await other.read(1);
        client.send([
          ['SET', 'c', 'd'],
          ['INCR', 'n'],
        ]);
        seen.push(await client.read(2));
        seen.push(await queuedCount());
        client.send([['EXEC'], ['GET', 'a'], ['GET', 'n']]);
        seen.push(await client.read(3));
        return seen;
      } finally {
        client.close();
        other.close();
      }
    };
    const expected = await run(ports.redis);
    expect(await run(ports.ours)).toEqual(expected);
    expect(expected[1]).toBe('1');
    expect(expected[5]).toBe('1');
  });
});
