// What a connection sees of others it killed, against our server and a
// real redis-server: Redis frees another connection at once, so right
// after CLIENT KILL (in the same batch of commands) it is no longer
// listed, killed again, counted by INFO, or delivered to by PUBLISH.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const enabled = hasRedis();

describe.skipIf(!enabled)('differential: a killed connection is gone at once', () => {
  const ports = useDifferentialServers();

  async function run(port: number): Promise<string> {
    const subscriber = await RawClient.connect(port);
    const watcher = await RawClient.connect(port);
    const killer = await RawClient.connect(port);
    try {
      subscriber.send([['SUBSCRIBE', 'news']]);
      await subscriber.read(1);
      watcher.send([['WATCH', 'k']]);
      await watcher.read(1);
      // One batch: the kills and what follows them are read together.
      killer.send([
        ['PUBLISH', 'news', 'before'],
        ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
        ['PUBLISH', 'news', 'after'],
        ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
        ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
        ['PUBSUB', 'NUMSUB', 'news'],
        ['CLIENT', 'KILL', 'TYPE', 'normal'],
        ['CLIENT', 'KILL', 'TYPE', 'normal'],
        ['INFO', 'clients'],
      ]);
      const replies = await killer.read(9);
      // INFO's count of connections; its other figures differ by design
      // (and Redis 7.0 has no pubsub_clients or watching_clients).
      return replies.replace(/\$\d+\r\n(# Clients\r\n[\s\S]*?)\r\n(?=$)/, (_, info: string) =>
        info
          .split('\r\n')
          .filter((line) => line.startsWith('connected_clients:'))
          .join('|'),
      );
    } finally {
      subscriber.close();
      watcher.close();
      killer.close();
    }
  }

  it('in RESP2', async () => {
    const expected = await run(ports.redis);
    expect(expected).toContain(':1\r\n:0\r\n:0\r\n');
    expect(await run(ports.ours)).toBe(expected);
  });
});
