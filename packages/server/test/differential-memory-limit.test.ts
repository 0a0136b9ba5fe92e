// The memory-limit settings against a real redis-server: maxmemory (0, no
// limit, as both start), maxmemory-policy, maxmemory-samples and
// maxmemory-eviction-tenacity in CONFIG GET and SET with Redis's parse and
// range errors, INFO's maxmemory lines, and OBJECT FREQ and IDLETIME
// under a non-LFU policy; every reply byte for byte. A limit itself, and
// the LFU policies, are compared in differential-key-eviction.test.ts.
import { describe, expect, it } from 'vitest';
import { compareEach, hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const RESET = [
  'CONFIG',
  'SET',
  'maxmemory-policy',
  'noeviction',
  'maxmemory-samples',
  '5',
  'maxmemory-eviction-tenacity',
  '10',
];

describe.skipIf(!hasRedis())('differential: memory-limit settings', () => {
  const ports = useDifferentialServers();

  it('gets and sets them as Redis does while maxmemory is 0', async () => {
    await compareEach(
      ports,
      [
        ['CONFIG', 'GET', 'maxmemory'],
        ['CONFIG', 'GET', 'maxmemory-policy'],
        ['CONFIG', 'GET', 'maxmemory-samples'],
        ['CONFIG', 'GET', 'maxmemory-eviction-tenacity'],
        ['CONFIG', 'SET', 'maxmemory', '0'],
        ['CONFIG', 'SET', 'maxmemory', '0kb'],
        ['CONFIG', 'SET', 'maxmemory', '-1'],
        ['CONFIG', 'SET', 'maxmemory', 'lots'],
        ['CONFIG', 'SET', 'maxmemory-policy', 'foo'],
        ['CONFIG', 'SET', 'maxmemory-policy', 'ALLKEYS-LRU'],
        ['CONFIG', 'GET', 'maxmemory-policy'],
        ['SET', 'k', 'v'],
        ['OBJECT', 'FREQ', 'k'],
        ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-ttl', 'maxmemory-samples', '10'],
        ['CONFIG', 'GET', 'maxmemory-samples'],
        ['CONFIG', 'SET', 'maxmemory-samples', '0'],
        ['CONFIG', 'SET', 'maxmemory-eviction-tenacity', '101'],
        ['CONFIG', 'SET', 'maxmemory-eviction-tenacity', '100'],
        ['CONFIG', 'GET', 'maxmemory-eviction-tenacity'],
      ],
      { reset: [RESET, ['DEL', 'k']] },
    );
  });

  it("reports the policy in INFO's memory section as Redis does", async () => {
    const [theirs, mine] = await Promise.all([
      RawClient.connect(ports.redis),
      RawClient.connect(ports.ours),
    ]);
    const limitLines = (info: string) =>
      info.split('\r\n').filter((line) => line.startsWith('maxmemory'));
    try {
      for (const policy of ['allkeys-random', 'noeviction']) {
        const set = ['CONFIG', 'SET', 'maxmemory-policy', policy];
        theirs.send([set, ['INFO', 'memory']]);
        mine.send([set, ['INFO', 'memory']]);
        const [expected, actual] = await Promise.all([theirs.read(2), mine.read(2)]);
        expect(limitLines(actual)).toEqual(limitLines(expected));
        expect(limitLines(actual)).toContain(`maxmemory_policy:${policy}`);
      }
    } finally {
      theirs.close();
      mine.close();
    }
  });
});
