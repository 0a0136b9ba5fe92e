/**
 * The `client-cluster` suite (optional: `npm run bench -- client-cluster`):
 * our cluster client (`createCluster`) against ioredis's `Cluster` (with
 * and without `enableAutoPipelining`) and node-redis's `createCluster`, on
 * a Redis Cluster of three real redis-server masters started by the suite:
 * 200,000 SET/GET with 100 concurrent callers over keys spread across
 * every slot (ops/s, p50, p99), then the same with 1 caller.
 *
 * Each client runs in this process in turn, rounds interleaved (the first
 * client rotating), each after a warm-up of its own; the median round is
 * shown, and the ratio is the median of the rounds' ratios.
 *
 * @module
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createCluster as createOurCluster } from '@mini-redis/client';
import { Cluster as IORedisCluster } from 'ioredis';
import { createCluster as createNodeRedisCluster } from 'redis';
import { measureCallers, type Result, summarize } from './client.js';
import { available, startRedis } from './redis.js';

const ROUNDS = 5;
const TOTAL = 200_000;
const WARM_UP = 100_000;

interface ClusterDriver {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  close(): Promise<void>;
}

const DRIVERS = ['ours', 'ioredis', 'ioredis auto-pipelining', 'node-redis'] as const;
type DriverName = (typeof DRIVERS)[number];

async function open(name: DriverName, port: number): Promise<ClusterDriver> {
  switch (name) {
    case 'ours': {
      const cluster = createOurCluster(`127.0.0.1:${port}`);
      await cluster.ready();
      return {
        set: (k, v) => cluster.set(k, v),
        get: (k) => cluster.get(k),
        close: () => cluster.close(),
      };
    }
    case 'ioredis':
    case 'ioredis auto-pipelining': {
      const cluster = new IORedisCluster([{ host: '127.0.0.1', port }], {
        enableAutoPipelining: name === 'ioredis auto-pipelining',
      });
      await cluster.set('warm', 'up');
      return {
        set: (k, v) => cluster.set(k, v),
        get: (k) => cluster.get(k),
        close: async () => cluster.disconnect(),
      };
    }
    case 'node-redis': {
      const cluster = createNodeRedisCluster({
        rootNodes: [{ url: `redis://127.0.0.1:${port}` }],
      });
      cluster.on('error', () => {});
      await cluster.connect();
      return {
        set: (k, v) => cluster.set(k, v),
        get: (k) => cluster.get(k),
        close: async () => {
          await cluster.close();
        },
      };
    }
  }
}

// Three masters on free ports, each in a directory of its own (its
// nodes.conf), joined and given a third of the slots each.
async function startCluster(): Promise<{ ports: number[]; stop: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'mini-redis-bench-cluster-'));
  const nodes = await Promise.all(
    [0, 1, 2].map((i) =>
      startRedis([
        '--dir',
        mkdtempSync(join(root, `node-${i}-`)),
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
      ]),
    ),
  );
  const stop = () => {
    for (const node of nodes) node.process.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const ports = nodes.map((node) => node.port);
    const ranges = [
      [0, 5460],
      [5461, 10922],
      [10923, 16383],
    ];
    for (const [i, port] of ports.entries()) {
      using client = await connect(`127.0.0.1:${port}`);
      await client.command(['CLUSTER', 'ADDSLOTSRANGE', ranges[i]![0]!, ranges[i]![1]!]);
      if (i > 0) await client.command(['CLUSTER', 'MEET', '127.0.0.1', ports[0]!]);
    }
    for (const port of ports) {
      using client = await connect(`127.0.0.1:${port}`);
      for (let waited = 0; ; waited += 50) {
        const info = String(await client.command(['CLUSTER', 'INFO']));
        if (info.includes('cluster_state:ok') && info.includes('cluster_known_nodes:3')) break;
        if (waited > 20_000) throw new Error('the benchmark cluster did not form in 20 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    return { ports, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

async function runTable(port: number, callers: number): Promise<void> {
  console.log(
    `\nclient-cluster: ${TOTAL.toLocaleString('en-US')} SET/GET with ${callers} caller${callers === 1 ? '' : 's'} (3 real redis-server masters), median of ${ROUNDS} interleaved rounds (ratios: the median of the rounds' ratios)`,
  );
  const rounds = new Map<DriverName, Result[]>(DRIVERS.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < DRIVERS.length; i++) {
      const name = DRIVERS[(i + round) % DRIVERS.length]!;
      const driver = await open(name, port);
      try {
        await measureCallers(driver, callers, callers === 1 ? WARM_UP / 10 : WARM_UP);
        rounds.get(name)!.push(summarize([await measureCallers(driver, callers, TOTAL)]));
      } finally {
        await driver.close();
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  const ours = rounds.get('ours')!;
  console.log(
    `${'client'.padEnd(24)}  ${'ops/s'.padStart(9)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ours vs it`,
  );
  for (const name of DRIVERS) {
    const results = rounds.get(name)!;
    const byRate = [...results].sort((a, b) => a.opsPerSecond - b.opsPerSecond);
    const middle = byRate[byRate.length >> 1]!;
    const ratio = median(results.map((r, i) => ours[i]!.opsPerSecond / r.opsPerSecond));
    console.log(
      `${name.padEnd(24)}  ${middle.opsPerSecond.toFixed(0).padStart(9)}  ${middle.p50.toFixed(3).padStart(7)}  ${middle.p99.toFixed(3).padStart(7)}  ${ratio.toFixed(2)}x`,
    );
  }
}

/** Runs the suite against a cluster of its own; prints one table per number of callers. */
export async function runClientClusterSuite(): Promise<void> {
  if (!(await available('redis-server'))) {
    console.log('\nclient-cluster: skipped (needs redis-server: apt-get install redis-server)');
    return;
  }
  const { ports, stop } = await startCluster();
  try {
    await runTable(ports[0]!, 100);
    await runTable(ports[0]!, 1);
  } finally {
    stop();
  }
}
