/**
 * The `client-cache` suite (optional: `npm run bench -- client-cache`):
 * client-side caching against one real redis-server. One caller reads a
 * working set of 1,000 keys at random, 200,000 times, once with reads
 * only and once with a SET of one of them every 100 operations (each
 * invalidates that key). Ours with the `cache` option against node-redis
 * with its `clientSideCache` (RESP3), the one peer that has one; ours and
 * ioredis without a cache show what the cache saves.
 *
 * Each client runs in this process in turn, rounds interleaved (the first
 * client rotating), after a warm-up pass over the working set; the median
 * round is shown. A seeded generator picks the keys, so every client reads
 * the same sequence.
 *
 * @module
 */

import { createClient as createOurClient } from '@mini-redis/client';
import { createClient as createNodeRedis } from '@redis/client';
import { Redis as IORedis } from 'ioredis';
import { available, startRedis } from './redis.js';

const READS = 200_000;
const KEYS = 1_000;
const ROUNDS = 5;

interface Reader {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  close(): Promise<void>;
}

const READERS = [
  'ours (cache)',
  'node-redis (clientSideCache)',
  'ours (no cache)',
  'ioredis (no cache)',
] as const;
type ReaderName = (typeof READERS)[number];

async function open(name: ReaderName, port: number): Promise<Reader> {
  switch (name) {
    case 'ours (cache)':
    case 'ours (no cache)': {
      const client = createOurClient(`127.0.0.1:${port}`, { cache: name === 'ours (cache)' });
      await client.ready();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        close: () => client.close(),
      };
    }
    case 'node-redis (clientSideCache)': {
      const client = createNodeRedis({
        RESP: 3,
        socket: { port, host: '127.0.0.1' },
        clientSideCache: { ttl: 0, maxEntries: 0, evictPolicy: 'LRU' },
      });
      client.on('error', () => {});
      await client.connect();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        close: async () => {
          await client.quit();
        },
      };
    }
    case 'ioredis (no cache)': {
      const client = new IORedis({ port, host: '127.0.0.1' });
      await client.ping();
      return {
        get: (key) => client.get(key),
        set: (key, value) => client.set(key, value),
        close: async () => client.disconnect(),
      };
    }
  }
}

// xorshift32: the same key sequence for every client.
function keySequence(seed: number): () => string {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return `key:${(state >>> 0) % KEYS}`;
  };
}

async function measure(reader: Reader, writeEvery: number): Promise<number> {
  // Warm-up: every key read once (a cache fills; V8 compiles the path).
  for (let i = 0; i < KEYS; i++) await reader.get(`key:${i}`);
  const next = keySequence(42);
  const started = process.hrtime.bigint();
  for (let i = 1; i <= READS; i++) {
    if (writeEvery !== 0 && i % writeEvery === 0) await reader.set(next(), 'changed');
    else await reader.get(next());
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return READS / seconds;
}

/** Runs the suite against a redis-server of its own; prints one table per workload. */
export async function runClientCacheSuite(): Promise<void> {
  if (!(await available('redis-server'))) {
    console.log('\nclient-cache: skipped (needs redis-server: apt-get install redis-server)');
    return;
  }
  const { port, process: redis } = await startRedis();
  try {
    const seed = await open('ours (no cache)', port);
    for (let i = 0; i < KEYS; i++) await seed.set(`key:${i}`, `value ${i}`.padEnd(64, '.'));
    await seed.close();
    for (const [label, writeEvery] of [
      ['reads only', 0],
      ['a SET every 100 operations', 100],
    ] as const) {
      console.log(
        `\nclient-cache: ${READS.toLocaleString('en-US')} operations with 1 caller over ${KEYS.toLocaleString('en-US')} keys, ${label} (real redis-server), median of ${ROUNDS} interleaved rounds`,
      );
      const rates = new Map<ReaderName, number[]>(READERS.map((name) => [name, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < READERS.length; i++) {
          const name = READERS[(i + round) % READERS.length]!;
          const reader = await open(name, port);
          try {
            rates.get(name)!.push(await measure(reader, writeEvery));
          } finally {
            await reader.close();
          }
        }
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
      const ours = median(rates.get('ours (cache)')!);
      for (const name of READERS) {
        const rate = median(rates.get(name)!);
        console.log(
          `${name.padEnd(30)} ${rate.toFixed(0).padStart(10)} ops/s   ours (cache) vs it ${(ours / rate).toFixed(2)}x`,
        );
      }
    }
  } finally {
    redis.kill('SIGTERM');
  }
}
