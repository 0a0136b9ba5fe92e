/**
 * The `server` suite: `redis-benchmark -t ping,set,get,incr,mset -n 200000
 * -c 50 -q` against our server and a real redis-server started by the
 * suite, both on loopback, with and without `-P 16`; each result as a
 * ratio of Redis.
 *
 * @module
 */

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from '@mini-redis/server';
import { available, startRedis } from './redis.js';

const run = promisify(execFile);

/** Runs redis-benchmark; returns requests per second by test name. */
async function benchmark(port: number, pipeline: number): Promise<Map<string, number>> {
  const args = [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-t',
    'ping,set,get,incr,mset',
    '-n',
    '200000',
    '-c',
    '50',
    '-q',
  ];
  if (pipeline > 1) args.push('-P', String(pipeline));
  const { stdout } = await run('redis-benchmark', args, { maxBuffer: 16 * 1024 * 1024 });
  const results = new Map<string, number>();
  // Lines look like "SET: 98765.43 requests per second, p50=0.255 msec"; with
  // -q, progress updates are separated by carriage returns.
  for (const line of stdout.split(/[\r\n]+/)) {
    const match = /^([^:]+): ([\d.]+) requests per second/.exec(line.trim());
    if (match) results.set(match[1]!, Number(match[2]));
  }
  return results;
}

export async function runServerSuite(): Promise<void> {
  if (!(await available('redis-server')) || !(await available('redis-benchmark'))) {
    console.log(
      '\nserver: skipped (needs redis-server and redis-benchmark: apt-get install redis-server redis-tools)',
    );
    return;
  }
  const { port: redisPort, process: redis } = await startRedis();
  const ours = createServer({ port: 0 });
  const { port: ourPort } = await ours.listen();
  try {
    for (const pipeline of [1, 16]) {
      const theirs = await benchmark(redisPort, pipeline);
      const mine = await benchmark(ourPort, pipeline);
      console.log(
        `\nserver: redis-benchmark -n 200000 -c 50${pipeline > 1 ? ` -P ${pipeline}` : ''} (requests per second)`,
      );
      const rows = [...theirs.keys()].map((test) => {
        const redisRate = theirs.get(test)!;
        const ourRate = mine.get(test) ?? 0;
        return [
          test,
          ourRate.toFixed(0),
          redisRate.toFixed(0),
          `${(ourRate / redisRate).toFixed(2)}x`,
        ];
      });
      const header = ['test', 'ours', 'redis-server', 'vs redis'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) =>
        cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
      console.log(line(header));
      console.log(widths.map((w) => '-'.repeat(w)).join('  '));
      for (const row of rows) console.log(line(row));
    }
  } finally {
    await ours.close();
    redis.kill('SIGTERM');
  }
}
