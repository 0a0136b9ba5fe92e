// OBJECT against a real redis-server: ENCODING and REFCOUNT of values made
// by every command that stores a string (integers, shared or not, short
// and long strings, strings changed in place, copies), the errors and
// HELP; and which commands count as an access for IDLETIME (TYPE, TTL,
// EXISTS and the like do not). Replies must match byte for byte; idle
// times are compared as "recent" or "not", since Redis's clock ticks on
// its own schedule.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const long = (n: number) => 'x'.repeat(n);

// Commands that leave each key holding its value one way or another.
const MAKERS: string[][] = [
  ['SET', 'shared', '123'],
  ['SET', 'int', '12345'],
  ['SET', 'negative', '-5'],
  ['SET', 'zero', '0'],
  ['SET', 'minus-zero', '-0'],
  ['SET', 'leading-zero', '01'],
  ['SET', 'plus', '+1'],
  ['SET', 'word', 'abc'],
  ['SET', 'empty', ''],
  ['SET', 'embstr-limit', long(44)],
  ['SET', 'raw-limit', long(45)],
  ['SET', 'long-max', '9223372036854775807'],
  ['SET', 'long-min', '-9223372036854775808'],
  ['SET', 'past-long', '9223372036854775808'],
  ['SET', 'float', '1.5'],
  ['INCRBYFLOAT', 'incrbyfloat', '1'],
  ['INCRBYFLOAT', 'incrbyfloat-long', '1e40'],
  ['INCR', 'incr'],
  ['INCRBY', 'incr-big', '10000'],
  ['SET', 'incr-after-append', '5'],
  ['APPEND', 'incr-after-append', '1'],
  ['INCR', 'incr-after-append'],
  ['SETRANGE', 'setrange', '0', 'ab'],
  ['SET', 'setrange-empty', '5'],
  ['SETRANGE', 'setrange-empty', '0', ''],
  ['SET', 'append', '5'],
  ['APPEND', 'append', ''],
  ['APPEND', 'append-new', '42'],
  ['SET', 'setbit', '5'],
  ['SETBIT', 'setbit', '0', '0'],
  ['SETBIT', 'setbit-new', '3', '1'],
  ['SET', 'bitfield-get', '3'],
  ['BITFIELD', 'bitfield-get', 'GET', 'u8', '0'],
  ['SET', 'bitfield-fail', '3'],
  ['BITFIELD', 'bitfield-fail', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '9'],
  ['BITOP', 'OR', 'bitop', 'word'],
  ['SET', 'copied-shared', '7'],
  ['COPY', 'copied-shared', 'copy-of-shared'],
  ['COPY', 'word', 'copy-of-word'],
  ['COPY', 'append', 'copy-of-raw'],
  ['COPY', 'raw-limit', 'copy-of-long'],
  ['SET', 'renamed', '7'],
  ['RENAME', 'renamed', 'renamed-to'],
  ['SET', 'moved', '8'],
  ['MOVE', 'moved', '1'],
  ['SET', 'getset', '42'],
  ['GETSET', 'getset', '43'],
  ['MSET', 'mset-int', '1', 'mset-word', 'abc'],
  ['SETEX', 'setex', '100', '99'],
  ['SETNX', 'setnx', '9999'],
  ['SET', 'ten-thousand', '10000'],
  ['GETEX', 'word', 'EX', '100'],
];

describe.skipIf(!hasRedis())('differential: OBJECT', () => {
  const ports = useDifferentialServers();

  async function encodings(port: number, protocol: 2 | 3): Promise<string[]> {
    const client = await RawClient.connect(port);
    const log: string[] = [];
    try {
      client.send([['FLUSHALL'], ['HELLO', String(protocol)]]);
      await client.read(2);
      for (const command of MAKERS) {
        client.send([command]);
        await client.read(1);
      }
      const keys = [...new Set(MAKERS.map((command) => command[1]!))]
        .filter((key) => key !== 'OR')
        .concat(['bitop', 'copy-of-shared', 'copy-of-word', 'copy-of-raw', 'copy-of-long'])
        .concat(['renamed-to', 'nokey']);
      for (const key of keys) {
        client.send([
          ['OBJECT', 'ENCODING', key],
          ['OBJECT', 'REFCOUNT', key],
        ]);
        log.push(`${key}: ${JSON.stringify(await client.read(2))}`);
      }
      client.send([
        ['SELECT', '1'],
        ['OBJECT', 'ENCODING', 'moved'],
        ['OBJECT', 'REFCOUNT', 'moved'],
        ['SELECT', '0'],
      ]);
      log.push(`moved: ${JSON.stringify(await client.read(4))}`);
      const errors = [
        ['OBJECT'],
        ['OBJECT', 'ENCODING'],
        ['OBJECT', 'ENCODING', 'word', 'x'],
        ['OBJECT', 'FOO', 'word'],
        ['OBJECT', 'FREQ', 'word'],
        ['OBJECT', 'FREQ', 'nokey'],
        ['OBJECT', 'IDLETIME', 'nokey'],
        ['OBJECT', 'HELP'],
        ['OBJECT', 'HELP', 'x'],
        ['object', 'encoding', 'word'],
      ];
      for (const command of errors) {
        client.send([command]);
        log.push(`${command.join(' ')}: ${JSON.stringify(await client.read(1))}`);
      }
      return log;
    } finally {
      client.close();
    }
  }

  for (const protocol of [2, 3] as const) {
    it(`ENCODING, REFCOUNT and the errors match in RESP${protocol}`, async () => {
      const redis = await encodings(ports.redis, protocol);
      expect(await encodings(ports.ours, protocol)).toEqual(redis);
      // Each kind came up.
      const text = redis.join('\n');
      for (const kind of ['$3\\r\\nint', '$6\\r\\nembstr', '$3\\r\\nraw', ':2147483647'])
        expect(text).toContain(kind);
    });
  }

  it('refuses a monitor OBJECT ENCODING, a read, but not OBJECT HELP', async () => {
    const run = async (port: number) => {
      const monitor = await RawClient.connect(port);
      try {
        monitor.send([['MONITOR'], ['OBJECT', 'ENCODING', 'k'], ['OBJECT', 'REFCOUNT', 'k']]);
        await monitor.read(3);
        monitor.send([['OBJECT', 'HELP']]);
        await sleep(50);
        return monitor.drain().replace(/\+\d+\.\d+ \[0 [^\]]+\]/g, '+<time> [0 <addr>]');
      } finally {
        monitor.close();
      }
    };
    const redis = await run(ports.redis);
    expect(await run(ports.ours)).toBe(redis);
    expect(redis).toContain('"OBJECT" "HELP"');
  });

  it('counts as accesses for IDLETIME the commands Redis counts', async () => {
    // Which commands touch the key, without TYPE, TTL, EXISTS and OBJECT.
    const touching: [string, string[]][] = [
      ['type', ['TYPE', 'k-type']],
      ['ttl', ['TTL', 'k-ttl']],
      ['pttl', ['PTTL', 'k-pttl']],
      ['exists', ['EXISTS', 'k-exists']],
      ['expiretime', ['EXPIRETIME', 'k-expiretime']],
      ['object', ['OBJECT', 'ENCODING', 'k-object']],
      ['get', ['GET', 'k-get']],
      ['strlen', ['STRLEN', 'k-strlen']],
      ['getrange', ['GETRANGE', 'k-getrange', '0', '1']],
      ['touch', ['TOUCH', 'k-touch']],
      ['getbit', ['GETBIT', 'k-getbit', '1']],
      ['mget', ['MGET', 'k-mget']],
      ['getex', ['GETEX', 'k-getex']],
      ['expire', ['EXPIRE', 'k-expire', '100']],
      ['persist', ['PERSIST', 'k-persist']],
      ['setnx', ['SETNX', 'k-setnx', 'x']],
      ['copy', ['COPY', 'k-copy', 'k-copy-to']],
    ];
    const run = async (port: number) => {
      const client = await RawClient.connect(port);
      try {
        client.send([['FLUSHALL']]);
        await client.read(1);
        // Strings, not small integers: Redis shares those between keys.
        client.send(touching.map(([name]) => ['SET', `k-${name}`, 'hello']));
        await client.read(touching.length);
        client.send([['OBJECT', 'IDLETIME', 'k-get']]);
        const fresh = await client.read(1);
        await sleep(2300);
        client.send(touching.map(([, command]) => command));
        await client.read(touching.length);
        client.send(touching.map(([name]) => ['OBJECT', 'IDLETIME', `k-${name}`]));
        const idle = (await client.read(touching.length))
          .match(/:\d+/g)!
          .map((n) => Number(n.slice(1)));
        return {
          fresh: Number(fresh.slice(1)) <= 1,
          idle: Object.fromEntries(touching.map(([name], i) => [name, idle[i]! >= 2])),
        };
      } finally {
        client.close();
      }
    };
    const [redis, ours] = await Promise.all([run(ports.redis), run(ports.ours)]);
    expect(ours).toEqual(redis);
    expect(redis.idle).toMatchObject({ type: true, get: false });
  });
});
