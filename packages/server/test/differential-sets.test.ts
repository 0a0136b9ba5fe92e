// Sets against a real redis-server where replies cannot match byte for
// byte: sets of strings (Redis 7.0 holds them in a hashtable, listed in
// its buckets' order) compared as sorted contents, through every command
// that lists members; SSCAN iterations collected whole; SRANDMEMBER's and
// SPOP's picks compared by their shape (sizes, repeats, membership), in
// RESP2 and RESP3. The byte-exact cases are in differential.test.ts.
import { describe, expect, it } from 'vitest';
import { session, sorted, type Value } from './decoded-session.js';
import { hasRedis, useDifferentialServers } from './helpers.js';

const WORDS = Array.from({ length: 600 }, (_, i) => `w${i}`);
const EVENS = WORDS.filter((_, i) => i % 2 === 0);
const THIRDS = WORDS.filter((_, i) => i % 3 === 0);

describe.skipIf(!hasRedis())('differential: sets (contents, scans, random picks)', () => {
  const ports = useDifferentialServers();

  for (const protocol of [2, 3] as const) {
    it(`lists, combines and stores sets of strings as Redis does, in RESP${protocol}`, async () => {
      const results = [];
      for (const port of [ports.ours, ports.redis]) {
        const { call, close } = await session(port, protocol);
        try {
          const result: Record<string, unknown> = {};
          result.added = [
            await call('SADD', 'words', ...WORDS),
            await call('SADD', 'evens', ...EVENS),
            await call('SADD', 'thirds', ...THIRDS, '1', '2'),
          ];
          result.encoding = await call('OBJECT', 'ENCODING', 'words');
          result.members = sorted(await call('SMEMBERS', 'thirds'));
          result.inter = sorted(await call('SINTER', 'words', 'evens', 'thirds'));
          result.union = sorted(await call('SUNION', 'evens', 'thirds'));
          result.diff = sorted(await call('SDIFF', 'words', 'evens', 'thirds'));
          result.card = await call('SINTERCARD', '2', 'evens', 'thirds');
          result.cardLimited = await call('SINTERCARD', '2', 'evens', 'thirds', 'LIMIT', '7');
          result.stored = [
            await call('SINTERSTORE', 'i', 'evens', 'thirds'),
            await call('SUNIONSTORE', 'u', 'evens', 'thirds'),
            await call('SDIFFSTORE', 'd', 'thirds', 'evens'),
          ];
          result.storedMembers = [
            sorted(await call('SMEMBERS', 'i')),
            sorted(await call('SMEMBERS', 'd')),
          ];
          result.storedEncodings = [
            await call('OBJECT', 'ENCODING', 'i'),
            await call('OBJECT', 'ENCODING', 'u'),
          ];
          results.push(result);
        } finally {
          close();
        }
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[1]!.card).toBe(100);
      expect(results[1]!.encoding).toBe('hashtable');
    });
  }

  it('returns every member of a hashtable over an SSCAN iteration, with MATCH', async () => {
    const results = [];
    for (const port of [ports.ours, ports.redis]) {
      const { call, close } = await session(port, 2);
      try {
        await call('SADD', 'words', ...WORDS);
        const scanned = async (...options: string[]) => {
          const seen = new Set<string>();
          let cursor = '0';
          do {
            const [next, members] = (await call('SSCAN', 'words', cursor, ...options)) as [
              string,
              string[],
            ];
            for (const member of members) seen.add(member);
            cursor = next;
          } while (cursor !== '0');
          return [...seen].sort();
        };
        results.push({
          all: await scanned('COUNT', '50'),
          matched: await scanned('MATCH', 'w1?', 'COUNT', '100'),
        });
      } finally {
        close();
      }
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[1]!.all).toHaveLength(600);
    expect(results[1]!.matched).toHaveLength(10);
  });

  for (const protocol of [2, 3] as const) {
    it(`picks and pops random members as Redis does, in RESP${protocol}`, async () => {
      const shape = (reply: Value, members: Set<string>) => {
        if (!Array.isArray(reply))
          return { single: reply === null ? null : members.has(String(reply)) };
        return {
          length: reply.length,
          known: reply.every((member) => members.has(String(member))),
          distinct: new Set(reply).size === reply.length,
        };
      };
      const results = [];
      for (const port of [ports.ours, ports.redis]) {
        const { call, close } = await session(port, protocol);
        try {
          await call('SADD', 'words', ...WORDS);
          await call('SADD', 'ints', '5', '3', '9', '1');
          const words = new Set(WORDS);
          const ints = new Set(['1', '3', '5', '9']);
          const result: Record<string, unknown> = {
            one: shape(await call('SRANDMEMBER', 'words'), words),
            few: shape(await call('SRANDMEMBER', 'words', '5'), words),
            most: shape(await call('SRANDMEMBER', 'words', '500'), words),
            repeated: shape(await call('SRANDMEMBER', 'words', '-700'), words),
            intsFew: shape(await call('SRANDMEMBER', 'ints', '3'), ints),
            // The whole intset: its ascending order, in both.
            intsWhole: await call('SRANDMEMBER', 'ints', '10'),
            popOne: shape(await call('SPOP', 'words'), words),
            popFew: shape(await call('SPOP', 'words', '10'), words),
            popMost: shape(await call('SPOP', 'words', '580'), words),
            left: await call('SCARD', 'words'),
            popAll: await call('SPOP', 'ints', '10'),
            gone: await call('EXISTS', 'ints'),
          };
          results.push(result);
        } finally {
          close();
        }
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[1]).toMatchObject({
        repeated: { length: 700, known: true, distinct: false },
        most: { length: 500, distinct: true },
        intsWhole: ['1', '3', '5', '9'],
        left: 9,
        gone: 0,
      });
    });
  }
});
