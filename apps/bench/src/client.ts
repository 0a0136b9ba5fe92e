/**
 * The `client` suite: our client actor against ioredis (with and without
 * `enableAutoPipelining`) and node-redis, on one real redis-server started
 * by the suite: 200,000 SET/GET with 1 caller and with 100 concurrent
 * callers (ops/s, p50, p99), and as explicit pipelines of 1,000. Each
 * measurement runs in a fresh process (client-worker.ts), interleaved.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient as createOurClient } from '@mini-redis/client';
import { Redis as IORedis } from 'ioredis';
import { createClient as createNodeRedis } from 'redis';
import { available, startRedis } from './redis.js';

const run = promisify(execFile);

export const TOTAL = 200_000;
// Interleaved rounds per client where a run is short enough; the median is reported.
const ROUNDS = 3;

export interface Driver {
  readonly name: DriverName;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  pipeline(keys: string[]): Promise<unknown>;
  close(): Promise<void>;
}

/** The clients measured, by name, in table order. */
export const DRIVER_NAMES = ['ours', 'ioredis', 'ioredis auto-pipelining', 'node-redis'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/** Opens one client against 127.0.0.1:`port`, connected and ready. */
export async function openDriver(name: DriverName, port: number): Promise<Driver> {
  switch (name) {
    case 'ours': {
      const ours = createOurClient(`127.0.0.1:${port}`);
      await ours.ping();
      return {
        name,
        set: (k, v) => ours.set(k, v),
        get: (k) => ours.get(k),
        pipeline: (keys) => {
          const p = ours.pipeline();
          for (const key of keys) p.set(key, 'v');
          return p.exec();
        },
        close: () => ours.close(),
      };
    }
    case 'ioredis':
    case 'ioredis auto-pipelining': {
      const io = new IORedis({
        port,
        host: '127.0.0.1',
        enableAutoPipelining: name === 'ioredis auto-pipelining',
      });
      await io.ping();
      return {
        name,
        set: (k, v) => io.set(k, v),
        get: (k) => io.get(k),
        pipeline: (keys) => {
          const p = io.pipeline();
          for (const key of keys) p.set(key, 'v');
          return p.exec();
        },
        close: async () => io.disconnect(),
      };
    }
    case 'node-redis': {
      const node = createNodeRedis({ socket: { port, host: '127.0.0.1' } });
      node.on('error', () => {});
      await node.connect();
      return {
        name,
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
      };
    }
  }
}

export interface Result {
  opsPerSecond: number;
  p50: number;
  p99: number;
}

// `callers` concurrent loops, each doing SET then GET, until `total` operations.
export async function measureCallers(
  driver: Driver,
  callers: number,
  total = TOTAL,
): Promise<Result> {
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

export async function measurePipelines(driver: Driver): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < TOTAL; done += 1000) {
    await driver.pipeline(Array.from({ length: 1000 }, (_, i) => `pipe:${done + i}`));
  }
  return (TOTAL / (performance.now() - started)) * 1000;
}

// Runs one measurement in a fresh process (see client-worker.ts).
async function inWorker(
  name: DriverName,
  port: number,
  mode: 'callers-1' | 'callers-100' | 'pipelines',
): Promise<Result> {
  const worker = join(dirname(fileURLToPath(import.meta.url)), 'client-worker.js');
  const { stdout } = await run(process.execPath, [worker, name, String(port), mode], {
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Result;
}

function medianResult(results: Result[]): Result {
  const sorted = [...results].sort((a, b) => a.opsPerSecond - b.opsPerSecond);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Each client is measured in a process of its own, as an application would
 * run it: in one shared process, each client's garbage and heap slowed the
 * others' runs (measured: our 100-caller rate fell from ~250k to ~150k
 * ops/s next to the other three). Rounds are interleaved, the first client
 * rotating, and the round with the median rate is shown.
 */
export async function runClientSuite(): Promise<void> {
  if (!(await available('redis-server'))) {
    console.log('\nclient: skipped (needs redis-server: apt-get install redis-server)');
    return;
  }
  const { port, process: redis } = await startRedis();
  try {
    for (const callers of [1, 100]) {
      // One caller is bound by loopback round trips and takes ~50 s per
      // client, so it runs once.
      const rounds = callers === 1 ? 1 : ROUNDS;
      console.log(
        `\nclient: ${TOTAL.toLocaleString('en-US')} SET/GET with ${callers} caller${callers === 1 ? '' : 's'} (real redis-server)${rounds > 1 ? `, median of ${rounds} interleaved rounds` : ''}`,
      );
      const runs = new Map<DriverName, Result[]>(DRIVER_NAMES.map((name) => [name, []]));
      for (let round = 0; round < rounds; round++) {
        for (let i = 0; i < DRIVER_NAMES.length; i++) {
          const name = DRIVER_NAMES[(i + round) % DRIVER_NAMES.length]!;
          runs
            .get(name)!
            .push(await inWorker(name, port, callers === 1 ? 'callers-1' : 'callers-100'));
        }
      }
      const results = DRIVER_NAMES.map((name) => [name, medianResult(runs.get(name)!)] as const);
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
    console.log(
      `\nclient: ${TOTAL.toLocaleString('en-US')} SET as explicit pipelines of 1,000, median of ${ROUNDS} interleaved rounds`,
    );
    const runs = new Map<DriverName, Result[]>(DRIVER_NAMES.map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < DRIVER_NAMES.length; i++) {
        const name = DRIVER_NAMES[(i + round) % DRIVER_NAMES.length]!;
        runs.get(name)!.push(await inWorker(name, port, 'pipelines'));
      }
    }
    const rates = DRIVER_NAMES.map(
      (name) => [name, medianResult(runs.get(name)!).opsPerSecond] as const,
    );
    const base = rates.find(([name]) => name === 'ours')![1];
    for (const [name, rate] of rates)
      console.log(
        `${name.padEnd(24)}  ${rate.toFixed(0).padStart(9)} ops/s  ours vs it ${(base / rate).toFixed(2)}x`,
      );
  } finally {
    redis.kill('SIGTERM');
  }
}
