/**
 * The `client` suite: our client actor against ioredis (with and without
 * `enableAutoPipelining`) and node-redis, on one real redis-server started
 * by the suite: 200,000 SET/GET with 1 caller and with 100 concurrent
 * callers (ops/s, p50, p99), and as explicit pipelines of 1,000.
 *
 * @module
 */

import { createClient as createOurClient } from '@mini-redis/client';
import { Redis as IORedis } from 'ioredis';
import { createClient as createNodeRedis } from 'redis';
import { available, startRedis } from './redis.js';

const TOTAL = 200_000;

interface Driver {
  readonly name: string;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  pipeline(keys: string[]): Promise<unknown>;
  close(): Promise<void>;
}

async function drivers(port: number): Promise<Driver[]> {
  const ours = createOurClient(`127.0.0.1:${port}`);
  const io = new IORedis({ port, host: '127.0.0.1' });
  const ioAuto = new IORedis({ port, host: '127.0.0.1', enableAutoPipelining: true });
  const node = createNodeRedis({ socket: { port, host: '127.0.0.1' } });
  node.on('error', () => {});
  await node.connect();
  await ours.ping();
  await io.ping();
  await ioAuto.ping();
  return [
    {
      name: 'ours',
      set: (k, v) => ours.set(k, v),
      get: (k) => ours.get(k),
      pipeline: (keys) => {
        const p = ours.pipeline();
        for (const key of keys) p.set(key, 'v');
        return p.exec();
      },
      close: () => ours.close(),
    },
    {
      name: 'ioredis',
      set: (k, v) => io.set(k, v),
      get: (k) => io.get(k),
      pipeline: (keys) => {
        const p = io.pipeline();
        for (const key of keys) p.set(key, 'v');
        return p.exec();
      },
      close: async () => io.disconnect(),
    },
    {
      name: 'ioredis auto-pipelining',
      set: (k, v) => ioAuto.set(k, v),
      get: (k) => ioAuto.get(k),
      pipeline: (keys) => {
        const p = ioAuto.pipeline();
        for (const key of keys) p.set(key, 'v');
        return p.exec();
      },
      close: async () => ioAuto.disconnect(),
    },
    {
      name: 'node-redis',
      set: (k, v) => node.set(k, v),
      get: (k) => node.get(k),
      pipeline: (keys) => {
        const p = node.multi();
        for (const key of keys) p.set(key, 'v');
        return p.execAsPipeline();
      },
      close: async () => {
        await node.quit();
      },
    },
  ];
}

interface Result {
  opsPerSecond: number;
  p50: number;
  p99: number;
}

// `callers` concurrent loops, each doing SET then GET, until `total` operations.
async function measureCallers(driver: Driver, callers: number, total = TOTAL): Promise<Result> {
  const latencies = new Float64Array(total);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      for (;;) {
        const i = next;
        next += 2;
        if (i >= total) return;
        const key = `bench:${caller}:${i}`;
        let t = performance.now();
        await driver.set(key, 'value');
        latencies[i] = performance.now() - t;
        t = performance.now();
        await driver.get(key);
        latencies[i + 1] = performance.now() - t;
      }
    }),
  );
  const elapsed = performance.now() - started;
  const sorted = latencies.sort();
  return {
    opsPerSecond: (TOTAL / elapsed) * 1000,
    p50: sorted[Math.floor(TOTAL * 0.5)]!,
    p99: sorted[Math.floor(TOTAL * 0.99)]!,
  };
}

async function measurePipelines(driver: Driver): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < TOTAL; done += 1000) {
    await driver.pipeline(Array.from({ length: 1000 }, (_, i) => `pipe:${done + i}`));
  }
  return (TOTAL / (performance.now() - started)) * 1000;
}

export async function runClientSuite(): Promise<void> {
  if (!(await available('redis-server'))) {
    console.log('\nclient: skipped (needs redis-server: apt-get install redis-server)');
    return;
  }
  const { port, process: redis } = await startRedis();
  const all = await drivers(port);
  try {
    for (const callers of [1, 100]) {
      console.log(
        `\nclient: ${TOTAL.toLocaleString('en-US')} SET/GET with ${callers} caller${callers === 1 ? '' : 's'} (real redis-server)`,
      );
      const results: [string, Result][] = [];
      for (const driver of all) {
        await measureCallers(driver, callers, TOTAL / 10); // warm-up
        results.push([driver.name, await measureCallers(driver, callers)]);
      }
      const base = results.find(([name]) => name === 'ours')![1].opsPerSecond;
      console.log(
        `${'client'.padEnd(24)}  ${'ops/s'.padStart(9)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ours vs it`,
      );
      for (const [name, r] of results) {
        console.log(
          `${name.padEnd(24)}  ${r.opsPerSecond.toFixed(0).padStart(9)}  ${r.p50.toFixed(3).padStart(7)}  ${r.p99.toFixed(3).padStart(7)}  ${(base / r.opsPerSecond).toFixed(2)}x`,
        );
      }
    }
    console.log(`\nclient: ${TOTAL.toLocaleString('en-US')} SET as explicit pipelines of 1,000`);
    const rates: [string, number][] = [];
    for (const driver of all) {
      await measurePipelines(driver);
      rates.push([driver.name, await measurePipelines(driver)]);
    }
    const base = rates.find(([name]) => name === 'ours')![1];
    for (const [name, rate] of rates)
      console.log(
        `${name.padEnd(24)}  ${rate.toFixed(0).padStart(9)} ops/s  ours vs it ${(base / rate).toFixed(2)}x`,
      );
  } finally {
    for (const driver of all) await driver.close();
    redis.kill('SIGTERM');
  }
}
