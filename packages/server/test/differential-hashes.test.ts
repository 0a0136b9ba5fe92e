// Hashes against a real redis-server where replies cannot match byte for
// byte: a large hash (a hashtable, whose order in Redis is its buckets')
// compared as sorted contents; HSCAN iterations collected whole, also
// across changes; HRANDFIELD's picks compared by their shape (sizes,
// repeats, pairs, order where Redis keeps one) in RESP2 and RESP3; and
// SCAN's TYPE filter. The byte-exact cases are in differential.test.ts.
import { describe, expect, it } from 'vitest';
import { session, sorted, type Value } from './decoded-session.js';
import { hasRedis, useDifferentialServers } from './helpers.js';

// RESP2's flat field, value... as pairs.
const pairs = (flat: Value[]): [Value, Value][] =>
  Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i]!, flat[2 * i + 1]!]);

// 1,000 fields: a hashtable in both.
const BIG = Array.from({ length: 1000 }, (_, i) => [`f${i}`, `v${i}`]).flat();

describe.skipIf(!hasRedis())('differential: hashes (contents, scans, random picks)', () => {
  const ports = useDifferentialServers();

  for (const protocol of [2, 3] as const) {
    it(`holds a large hash as Redis does, in RESP${protocol}`, async () => {
      const results = [];
      for (const port of [ports.ours, ports.redis]) {
        const { call, close } = await session(port, protocol);
        try {
          const added = await call('HSET', 'big', ...BIG);
          const all = (await call('HGETALL', 'big')) as Value[];
          const flat = protocol === 3 ? all.flat() : all;
          results.push({
            added,
            encoding: await call('OBJECT', 'ENCODING', 'big'),
            length: await call('HLEN', 'big'),
            all: pairs(flat).sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
            keys: sorted(await call('HKEYS', 'big')),
            values: sorted(await call('HVALS', 'big')),
            mget: await call('HMGET', 'big', 'f0', 'f999', 'nope'),
            deleted: await call('HDEL', 'big', ...BIG.filter((_, i) => i % 4 === 0)),
            after: await call('HLEN', 'big'),
            encodingAfter: await call('OBJECT', 'ENCODING', 'big'),
          });
        } finally {
          close();
        }
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[1]!.encoding).toBe('hashtable');
      expect(results[1]!.all).toHaveLength(1000);
    });
  }

  it('returns every field of a hashtable over an HSCAN iteration, with MATCH', async () => {
    const results = [];
    for (const port of [ports.ours, ports.redis]) {
      const { call, close } = await session(port, 2);
      try {
        await call('HSET', 'big', ...BIG);
        const scanned = async (...options: string[]) => {
          const seen = new Map<string, string>();
          let cursor = '0';
          let calls = 0;
          do {
            const [next, flat] = (await call('HSCAN', 'big', cursor, ...options)) as [
              string,
              string[],
            ];
            for (const [field, value] of pairs(flat)) seen.set(String(field), String(value));
            cursor = next;
            calls++;
          } while (cursor !== '0');
          return { calls: calls > 1, fields: [...seen].sort() };
        };
        results.push({
          all: await scanned('COUNT', '50'),
          matched: await scanned('MATCH', 'f1*', 'COUNT', '100'),
        });
      } finally {
        close();
      }
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[1]!.all.fields).toHaveLength(1000);
    expect(results[1]!.matched.fields).toHaveLength(111);
  });

  it('returns each field present for a whole HSCAN exactly once, while fields come and go', async () => {
    const { call, close } = await session(ports.ours, 2);
    try {
      await call('HSET', 'big', ...BIG);
      const seen: string[] = [];
      let cursor = '0';
      let round = 0;
      do {
        const [next, flat] = (await call('HSCAN', 'big', cursor, 'COUNT', '10')) as [
          string,
          string[],
        ];
        for (const [field] of pairs(flat)) seen.push(String(field));
        cursor = next;
        // Delete fields on both sides of the cursor; add new ones.
        await call('HDEL', 'big', `f${(round * 37) % 1000}`, `f${999 - round}`);
        await call('HSET', 'big', `new${round}`, 'x');
        round++;
      } while (cursor !== '0');
      const kept = ((await call('HKEYS', 'big')) as string[]).filter((f) => f.startsWith('f'));
      for (const field of kept) expect(seen.filter((f) => f === field)).toHaveLength(1);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      close();
    }
  });

  for (const protocol of [2, 3] as const) {
    it(`picks random fields as Redis does, in RESP${protocol}`, async () => {
      // For each pick, what must hold of any of them: its length, whether
      // fields repeat, whether they keep the hash's order, whether values
      // come with them and match their fields.
      const shape = (reply: Value, withValues: boolean, order: string[]) => {
        if (reply === null || typeof reply !== 'object')
          return { single: reply === null ? null : 'field' };
        const fields = withValues
          ? protocol === 3
            ? reply.map((pair) => {
                expect(pair).toHaveLength(2);
                return (pair as Value[])[0];
              })
            : pairs(reply).map(([field]) => field)
          : reply;
        const values = withValues
          ? protocol === 3
            ? reply.map((pair) => (pair as Value[])[1])
            : pairs(reply).map(([, value]) => value)
          : [];
        const positions = fields.map((field) => order.indexOf(String(field)));
        return {
          length: reply.length,
          fields: fields.length,
          known: positions.every((p) => p >= 0),
          distinct: new Set(fields).size === fields.length,
          valuesMatch: values.every((value, i) => value === `v${String(fields[i]).slice(1)}`),
          ordered: positions.every((p, i) => i === 0 || p > positions[i - 1]!),
        };
      };
      const results = [];
      for (const port of [ports.ours, ports.redis]) {
        const { call, close } = await session(port, protocol);
        try {
          const small = Array.from({ length: 20 }, (_, i) => [`f${i}`, `v${i}`]).flat();
          await call('HSET', 'small', ...small);
          await call('HSET', 'big', ...BIG);
          const smallOrder = (await call('HKEYS', 'small')) as string[];
          const bigOrder = (await call('HKEYS', 'big')) as string[];
          const result: Record<string, unknown> = {};
          for (const [key, order] of [
            ['small', smallOrder],
            ['big', bigOrder],
          ] as const) {
            result[`${key} one`] = shape(await call('HRANDFIELD', key), false, order);
            // Repeated, since a pick in order could be luck once.
            for (const round of [1, 2, 3]) {
              // A small part: distinct; in order for a listpack, as Redis's.
              const few = shape(await call('HRANDFIELD', key, '3'), false, order);
              result[`${key} few ${round}`] = { ...few, ordered: key === 'small' && few.ordered };
              const fewValues = shape(
                await call('HRANDFIELD', key, '3', 'WITHVALUES'),
                true,
                order,
              );
              result[`${key} few values ${round}`] = {
                ...fewValues,
                ordered: key === 'small' && fewValues.ordered,
              };
            }
            // Most of it: distinct, in no particular order.
            const most = shape(await call('HRANDFIELD', key, '15'), false, order);
            result[`${key} most`] = { ...most, ordered: undefined };
            // All of it and more: the whole hash, in its order for a listpack.
            const whole = shape(await call('HRANDFIELD', key, '5000', 'WITHVALUES'), true, order);
            result[`${key} whole`] = { ...whole, ordered: key === 'small' && whole.ordered };
            // Negative: that many, repeats allowed (50 of 20 must repeat).
            const repeated = shape(await call('HRANDFIELD', key, '-50', 'WITHVALUES'), true, order);
            result[`${key} repeated`] = {
              ...repeated,
              distinct: key === 'small' ? repeated.distinct : undefined,
              ordered: undefined,
            };
          }
          results.push(result);
        } finally {
          close();
        }
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[1]!['small repeated']).toMatchObject({ fields: 50, distinct: false });
      expect(results[1]!['small few 1']).toMatchObject({
        fields: 3,
        distinct: true,
        ordered: true,
      });
    });
  }

  it("filters SCAN by TYPE as Redis does (Redis's order is its own: compared sorted)", async () => {
    const results = [];
    for (const port of [ports.ours, ports.redis]) {
      const { call, close } = await session(port, 2);
      try {
        await call('HSET', 'h1', 'a', '1');
        await call('HSET', 'h2', 'a', '1');
        await call('SET', 's1', 'v');
        await call('SET', 'h3', 'v');
        const scan = async (type: string) => {
          const [, keys] = (await call('SCAN', '0', 'TYPE', type, 'COUNT', '100')) as [
            string,
            string[],
          ];
          return [...keys].sort();
        };
        results.push({
          hash: await scan('hash'),
          upper: await scan('HASH'),
          string: await scan('string'),
          list: await scan('list'),
        });
      } finally {
        close();
      }
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[1]).toEqual({
      hash: ['h1', 'h2'],
      upper: ['h1', 'h2'],
      string: ['h3', 's1'],
      list: [],
    });
  });
});
