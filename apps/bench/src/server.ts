/**
 * The `server` suite: redis-benchmark's ping, set, get, incr and mset tests
 * (`-n 200000 -c 50 -q`) against our server (its binary, in a process of
 * its own) and a real redis-server started by the suite, both on loopback,
 * with and without `-P 16`; each result as a ratio of Redis. Each test runs
 * against both servers in interleaved rounds and reports the median rate of
 * each, the median of the rounds' ratios, and the range of those ratios.
 * The `server-types` suite runs redis-benchmark's hash, list, set and sorted-set tests
 * the same way, and command lines of ours for streams, geo, HyperLogLog and
 * Lua scripts; it is not part of a default run (about 25 more minutes;
 * BENCH_FILTER=text runs only the tests whose title contains it).
 * The `server-eviction` suite (not in a default run either, about 3
 * minutes) starts both servers with a 50 MB maxmemory and allkeys-lru,
 * and runs SET of random keys far past the limit: the cost of evicting,
 * and how many keys each keeps.
 *
 * @module
 */

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { available, freePort, startRedis, waitForPort } from './redis.js';

const run = promisify(execFile);

// A test: redis-benchmark's own (`-t` and its name), or a command line
// of ours for a type its tests do not cover.
type Test = readonly [title: string, selector: string | readonly string[]];

// redis-benchmark's test names, in its order, and how to select each.
const TESTS: readonly Test[] = [
  ['PING_INLINE', 'ping_inline'],
  ['PING_MBULK', 'ping_mbulk'],
  ['SET', 'set'],
  ['GET', 'get'],
  ['INCR', 'incr'],
  ['MSET (10 keys)', 'mset'],
];
// Its tests of the other types. LPOP runs after LPUSH's rounds filled the
// list, and ZPOPMIN after ZADD's (which adds one member again and again:
// redis-benchmark's key and member hold no random part without -r);
// redis-benchmark's LRANGE_100 pushes its own list first.
const TYPE_TESTS: readonly Test[] = [
  ['HSET', 'hset'],
  ['LPUSH', 'lpush'],
  ['LPOP', 'lpop'],
  ['SADD', 'sadd'],
  ['LRANGE_100 (first 100 elements)', 'lrange_100'],
  ['ZADD', 'zadd'],
  ['ZPOPMIN', 'zpopmin'],
  // Streams have no redis-benchmark test: XADD with an ID from the clock,
  // the stream kept near 1,000 entries by approximate trimming (whole
  // nodes), then XRANGE reading 10 entries from the start.
  ['XADD (MAXLEN ~ 1000)', ['XADD', 'benchstream', 'MAXLEN', '~', '1000', '*', 'field', 'value']],
  ['XRANGE (COUNT 10)', ['XRANGE', 'benchstream', '-', '+', 'COUNT', '10']],
  // Geo and HyperLogLog have no redis-benchmark test either. With -r,
  // redis-benchmark replaces __rand_int__ by a 12-digit random number: GEOADD
  // of up to 100,000 members (their coordinates 13.000000xxxxxx and
  // 38.000000xxxxxx), PFADD of random elements into one sketch (dense after
  // its first thousands).
  [
    'GEOADD (-r 100000)',
    ['GEOADD', 'benchgeo', '13.__rand_int__', '38.__rand_int__', 'm:__rand_int__'],
  ],
  ['PFADD (-r 100000)', ['PFADD', 'benchhll', 'element:__rand_int__']],
  // Lua scripting: a script calling one command, and one that computes (a
  // loop of 100 additions and a string built with string.format).
  ['EVAL (INCR in a script)', ['EVAL', "return redis.call('INCR', KEYS[1])", '1', 'benchcounter']],
  [
    'EVAL (100-turn loop, string.format)',
    [
      'EVAL',
      "local s = 0 for i = 1, 100 do s = s + i * 2 end return string.format('%d:%s', s, ARGV[1])",
      '0',
      'arg',
    ],
  ],
];
// Rounds per test and server; the medians are reported. One round's ratio
// moves by tens of percent on a shared machine (measured here: SET without
// pipelining 0.79x-1.27x over 12 rounds against one redis-server). With 5
// rounds, SET's median still ranged 0.82x-1.10x over seven runs; 9 rounds
// narrow a median's spread by a quarter (sqrt(5/9)), for about 4 more
// minutes per run.
const ROUNDS = 9;

/** Runs one redis-benchmark test; returns its requests per second. */
async function benchmark(
  port: number,
  test: string | readonly string[],
  pipeline: number,
  extraArgs: readonly string[] = ['-n', '200000'],
): Promise<number> {
  const args = ['-h', '127.0.0.1', '-p', String(port), ...extraArgs, '-c', '50', '-q'];
  if (pipeline > 1) args.push('-P', String(pipeline));
  // A command line of our own goes last: what follows it is its arguments.
  if (typeof test === 'string') args.push('-t', test);
  else {
    // Its random placeholders need -r (redis-benchmark's tests have none).
    if (test.some((arg) => arg.includes('__rand_int__'))) args.push('-r', '100000');
    args.push(...test);
  }
  const { stdout } = await run('redis-benchmark', args, { maxBuffer: 16 * 1024 * 1024 });
  // The last line looks like "SET: 98765.43 requests per second, p50=0.255
  // msec"; with -q, progress updates are separated by carriage returns.
  for (const line of stdout.split(/[\r\n]+/).reverse()) {
    // (A custom command line may hold colons itself.)
    const match = /: ([\d.]+) requests per second/.exec(line.trim());
    if (match) return Number(match[1]);
  }
  throw new Error(`redis-benchmark ${String(test)}: no result in its output`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Starts our server as users run it: the `mini-redis-server` binary in a
 * process of its own, like redis-server. (Inside this process it would
 * share its event loop with the harness reading redis-benchmark's output.)
 */
async function startOurs(
  extraArgs: readonly string[] = [],
): Promise<{ port: number; process: ChildProcess }> {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@mini-redis/server/package.json'));
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin/mini-redis-server.js'),
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port);
  return { port, process: child };
}

/** The `server` suite: the issue's tests. */
export function runServerSuite(): Promise<void> {
  return runRedisBenchmark('server', TESTS);
}

/** The `server-types` suite: hashes, lists and sets. */
export function runServerTypesSuite(): Promise<void> {
  return runRedisBenchmark('server-types', TYPE_TESTS);
}

async function runRedisBenchmark(suite: string, selected: readonly Test[]): Promise<void> {
  let tests = selected;
  if (!(await available('redis-server')) || !(await available('redis-benchmark'))) {
    console.log(
      `\n${suite}: skipped (needs redis-server and redis-benchmark: apt-get install redis-server redis-tools)`,
    );
    return;
  }
  // BENCH_FILTER=text runs only the tests whose title contains it, as in
  // the other suites.
  const filter = process.env.BENCH_FILTER;
  if (filter !== undefined) tests = tests.filter(([title]) => title.includes(filter));
  const { port: redisPort, process: redis } = await startRedis();
  const { port: ourPort, process: ours } = await startOurs();
  try {
    for (const pipeline of [1, 16]) {
      // Interleaved: each test runs against both servers in turn, round
      // after round, the first server alternating, so a burst of load on
      // this shared machine hits both sides alike instead of one table.
      const rows: string[][] = [];
      for (const [title, test] of tests) {
        const theirs: number[] = [];
        const mine: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          if (round % 2 === 0) {
            theirs.push(await benchmark(redisPort, test, pipeline));
            mine.push(await benchmark(ourPort, test, pipeline));
          } else {
            mine.push(await benchmark(ourPort, test, pipeline));
            theirs.push(await benchmark(redisPort, test, pipeline));
          }
        }
        // The ratio pairs the two runs of each round, taken back to back,
        // so the machine's drift over the rounds (its speed moves by tens of
        // percent over minutes) cancels out instead of landing on one side.
        const ratios = mine.map((rate, round) => rate / theirs[round]!);
        rows.push([
          title,
          median(mine).toFixed(0),
          median(theirs).toFixed(0),
          `${median(ratios).toFixed(2)}x`,
          `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`,
        ]);
      }
      console.log(
        `\n${suite}: redis-benchmark -n 200000 -c 50${pipeline > 1 ? ` -P ${pipeline}` : ''}, median of ${ROUNDS} interleaved rounds (requests per second; the ratio is the median of the rounds' ratios, and their range follows it)`,
      );
      printTable(['test', 'ours', 'redis-server', 'vs redis', 'rounds'], rows);
    }
  } finally {
    ours.kill('SIGTERM');
    redis.kill('SIGTERM');
  }
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

// The eviction suite's limit and load: 500,000 SETs of 100-byte values to
// random keys (about 180 bytes each as Redis counts them), several times
// what 50 MB holds, so that nearly every SET past the first 260,000 or so
// evicts a key.
const EVICTION_LIMIT = ['--maxmemory', '50mb', '--maxmemory-policy', 'allkeys-lru'];
const EVICTION_LOAD = ['-n', '500000', '-r', '100000000', '-d', '100'];
const EVICTION_ROUNDS = 5;

// One command through redis-cli (installed with redis-benchmark); its reply.
async function cli(port: number, ...command: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...command]);
  return stdout.trim();
}

/** The `server-eviction` suite: SET past maxmemory under allkeys-lru. */
export async function runServerEvictionSuite(): Promise<void> {
  if (!(await available('redis-server')) || !(await available('redis-benchmark'))) {
    console.log(
      '\nserver-eviction: skipped (needs redis-server, redis-benchmark and redis-cli: apt-get install redis-server redis-tools)',
    );
    return;
  }
  const { port: redisPort, process: redis } = await startRedis(EVICTION_LIMIT);
  const { port: ourPort, process: ours } = await startOurs(EVICTION_LIMIT);
  try {
    const rows: string[][] = [];
    for (const pipeline of [1, 16]) {
      const rates: Record<number, number[]> = { [ourPort]: [], [redisPort]: [] };
      const kept: Record<number, string> = {};
      for (let round = 0; round < EVICTION_ROUNDS; round++) {
        const order = round % 2 === 0 ? [redisPort, ourPort] : [ourPort, redisPort];
        for (const port of order) {
          // Each round from empty: the first SETs fill, the rest evict.
          await cli(port, 'FLUSHALL');
          rates[port]!.push(await benchmark(port, 'set', pipeline, EVICTION_LOAD));
          kept[port] = await cli(port, 'DBSIZE');
        }
      }
      const ratios = rates[ourPort]!.map((rate, round) => rate / rates[redisPort]![round]!);
      rows.push([
        pipeline > 1 ? `SET -P ${pipeline}` : 'SET',
        median(rates[ourPort]!).toFixed(0),
        median(rates[redisPort]!).toFixed(0),
        `${median(ratios).toFixed(2)}x`,
        `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`,
        kept[ourPort]!,
        kept[redisPort]!,
      ]);
    }
    console.log(
      `\nserver-eviction: maxmemory 50mb, allkeys-lru; redis-benchmark -t set ${EVICTION_LOAD.join(' ')} -c 50, from empty each round, median of ${EVICTION_ROUNDS} interleaved rounds (requests per second), and the keys each kept after its last round`,
    );
    printTable(
      ['test', 'ours', 'redis-server', 'vs redis', 'rounds', 'keys (ours)', 'keys (redis)'],
      rows,
    );
  } finally {
    ours.kill('SIGTERM');
    redis.kill('SIGTERM');
  }
}
