// MEMORY against a real redis-server: USAGE of values made every way the
// size depends on (strings as integers, embedded or raw, grown by APPEND,
// SETRANGE, SETBIT and BITFIELD; listpack hashes and sorted sets; intsets
// of each width; lists of many quicklist nodes; hash tables once
// rehashed; streams of several nodes, with consumer groups), with and
// without SAMPLES; the errors and HELP; and MEMORY STATS's layout and
// keyspace overheads. USAGE's replies must match byte for byte, except a
// skiplist's, whose node levels are random in Redis itself.
import { RawClient } from '@mini-redis/testing';
import { describe, expect, it } from 'vitest';
import { hasRedis, useDifferentialServers } from './helpers.js';

const text = (n: number, char = 'x') => char.repeat(n);
const padded = (prefix: string, i: number) => `${prefix}${String(i).padStart(5, '0')}`;

// Sends `commands` pipelined and waits for their replies, unread.
async function load(client: RawClient, commands: string[][]): Promise<void> {
  for (let i = 0; i < commands.length; i += 500) {
    const batch = commands.slice(i, i + 500);
    client.send(batch);
    await client.read(batch.length, 20_000);
  }
}

// Each command's reply, one at a time.
async function replies(client: RawClient, commands: string[][]): Promise<string[]> {
  const out: string[] = [];
  for (const command of commands) {
    client.send([command]);
    out.push(`${command.join(' ').slice(0, 60)} -> ${JSON.stringify(await client.read(1))}`);
  }
  return out;
}

// Values whose size each rule of the model decides.
const STRINGS: string[][] = [
  ['SET', '', ''],
  ['SET', 'shared', '123'],
  ['SET', 'int', '12345678901'],
  ['SET', 'minus-zero', '-0'],
  ['SET', 'word', 'abc'],
  ['SET', 'embstr-20', text(20)],
  ['SET', 'embstr-44', text(44)],
  ['SET', 'raw-45', text(45)],
  ['SET', 'raw-100', text(100)],
  ['SET', 'raw-300', text(300)],
  ['SET', 'raw-5000', text(5000)],
  ['SET', 'raw-40000', text(40000)],
  ['SET', text(31, 'k'), 'v'],
  ['SET', text(32, 'k'), 'v'],
  ['SET', text(256, 'k'), 'v'],
  ['SET', text(70000, 'k'), 'v'],
  ['APPEND', 'append', 'hello'],
  ['APPEND', 'append', text(16)],
  ['APPEND', 'append', text(16)],
  ['APPEND', 'append', text(16)],
  ['APPEND', 'append', text(100)],
  ['APPEND', 'append', text(2000)],
  ['SET', 'append-raw', text(50)],
  ['APPEND', 'append-raw', 'y'],
  ['SET', 'append-int', '5'],
  ['APPEND', 'append-int', '1'],
  ['APPEND', 'append-empty', ''],
  ['SET', 'append-nothing', 'abc'],
  ['APPEND', 'append-nothing', ''],
  ['SET', 'incr-after-append', '5'],
  ['APPEND', 'incr-after-append', '1'],
  ['INCR', 'incr-after-append'],
  ['APPEND', 'append-after-incr', '11'],
  ['APPEND', 'append-after-incr', '2'],
  ['INCR', 'append-after-incr'],
  ['APPEND', 'append-after-incr', '9'],
  ['SETRANGE', 'setrange', '0', 'abc'],
  ['SETRANGE', 'setrange', '100', 'x'],
  ['SETRANGE', 'setrange', '150', 'y'],
  ['SETRANGE', 'setrange', '10', 'inside'],
  ['SET', 'setrange-embstr', 'abc'],
  ['SETRANGE', 'setrange-embstr', '1', 'z'],
  ['SETRANGE', 'setrange-new', '5', 'x'],
  ['SETBIT', 'setbit', '7', '1'],
  ['SETBIT', 'setbit', '400', '1'],
  ['SETBIT', 'setbit', '4000', '1'],
  ['SET', 'setbit-word', 'abc'],
  ['SETBIT', 'setbit-word', '100', '1'],
  ['BITFIELD', 'bitfield', 'SET', 'u8', '800', '255'],
  ['BITFIELD', 'bitfield', 'SET', 'u8', '8000', '255'],
  ['BITOP', 'OR', 'bitop', 'raw-100', 'word'],
  ['INCRBYFLOAT', 'float', '1.5'],
  ['INCRBYFLOAT', 'float-long', '1e40'],
  ['COPY', 'append', 'copy-of-grown'],
  ['COPY', 'shared', 'copy-of-shared'],
  ['GETSET', 'append-raw', text(60)],
  ['PFADD', 'hll', 'a', 'b', 'c'],
  ['PFADD', 'hll-sparse', ...Array.from({ length: 300 }, (_, i) => `e${i}`)],
  ['PFADD', 'hll-sparse', 'more', 'elements'],
  ['PFADD', 'hll-dense', ...Array.from({ length: 3000 }, (_, i) => `e${i}`)],
  ['PFADD', 'hll-empty'],
];

// Lists, listpacks, intsets, hash tables and streams.
function collections(): string[][] {
  const commands: string[][] = [
    ['RPUSH', 'list-3', 'a', 'b', 'c'],
    ['RPUSH', 'list-kinds', '1', '-1', '127', '128', '4095', '-4096', '70000', '-9000000'],
    ['RPUSH', 'list-kinds', '3000000000', '9223372036854775807', '9223372036854775808', '01'],
    ['RPUSH', 'list-kinds', text(63), text(64), text(4095), text(4096), text(9000)],
    ['LPUSH', 'list-left', 'a'],
    ['HSET', 'hash', 'a', '1', 'b', 'hello', 'neg', '-200', 'big', '99999999999', 'f', '1.5'],
    ['HSET', 'hash-64', text(64, 'f'), text(64)],
    ['HSET', 'hash-long', 'a', text(65)],
    ['ZADD', 'zset', '1', 'a', '2.5', 'b', '0.1', 'c', '-3', 'd', '1e20', 'e', 'inf', 'f'],
    ['ZADD', 'zset', '4503599627370496', 'g', '-0', 'h', '123456789', 'i'],
    ['SADD', 'intset-16', '1', '2', '3', '-32768'],
    ['SADD', 'intset-32', '1', '100000'],
    ['SADD', 'intset-64', '1', '5000000000'],
    ['SADD', 'intset-narrowed', '1', '2', '3', '5000000000'],
    ['SREM', 'intset-narrowed', '5000000000'],
    ['SADD', 'set-converted', '1', '2', '3', '4', 'a'],
    ['XADD', 'stream-1', '1-1', 'f', 'v'],
    ['XADD', 'stream-apart', '1-1', 'f', 'v'],
    ['XADD', 'stream-apart', '99999999-1', 'other', 'fields', 'and', 'more'],
    ['XADD', 'stream-group', '1-1', 'f', 'v'],
    ['XADD', 'stream-group', '1-2', 'f', 'v'],
    ['XADD', 'stream-group', '5-0', 'f', 'v'],
    ['XGROUP', 'CREATE', 'stream-group', 'g', '0'],
    ['XGROUP', 'CREATE', 'stream-group', 'empty-group', '$'],
    ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '2', 'STREAMS', 'stream-group', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 'stream-group', '>'],
    ['XGROUP', 'CREATECONSUMER', 'stream-group', 'g', 'carol'],
  ];
  for (let i = 0; i < 3000; i++) commands.push(['RPUSH', 'list-long', padded('element-', i)]);
  for (let i = 0; i < 600; i++) commands.push(['SADD', 'set-table', padded('member:', i)]);
  for (let i = 0; i < 600; i++) commands.push(['SADD', 'intset-grown', String(i * 7)]);
  for (let i = 0; i < 600; i++)
    commands.push(['HSET', 'hash-table', padded('field:', i), padded('value:', i)]);
  for (let i = 0; i < 100; i++) commands.push(['HSET', 'hash-listpack', padded('f', i), String(i)]);
  for (let i = 0; i < 128; i++) commands.push(['ZADD', 'zset-128', String(i / 4), padded('m', i)]);
  // Explicit IDs: the radix tree's shape depends on them.
  const id = (i: number) => `${1_700_000_000_000 + i * 37}-${i % 3}`;
  for (let i = 0; i < 250; i++) commands.push(['XADD', 'stream-250', id(i), 'field', `value-${i}`]);
  for (let i = 0; i < 30; i++) commands.push(['XADD', 'stream-bytes', id(i), 'field', text(150)]);
  commands.push(['XDEL', 'stream-250', '0-1']);
  // Lookups move hash tables' incremental rehashing on to its end, as in
  // Redis (one bucket per operation on the table).
  for (let i = 0; i < 1000; i++) {
    commands.push(['SISMEMBER', 'set-table', 'x'], ['HGET', 'hash-table', 'x']);
    commands.push(['SISMEMBER', 'set-converted', 'x']);
  }
  return commands;
}

const COLLECTION_KEYS = [
  'list-3',
  'list-kinds',
  'list-left',
  'list-long',
  'hash',
  'hash-64',
  'hash-long',
  'hash-table',
  'hash-listpack',
  'zset',
  'zset-128',
  'intset-16',
  'intset-32',
  'intset-64',
  'intset-narrowed',
  'intset-grown',
  'set-converted',
  'set-table',
  'stream-1',
  'stream-apart',
  'stream-group',
  'stream-250',
  'stream-bytes',
];

describe.skipIf(!hasRedis())('differential: MEMORY', () => {
  const ports = useDifferentialServers();

  async function usages(port: number, protocol: 2 | 3): Promise<string[]> {
    const client = await RawClient.connect(port);
    try {
      await load(client, [['FLUSHALL'], ['HELLO', String(protocol)]]);
      await load(client, STRINGS);
      const stringKeys = [...new Set(STRINGS.map((command) => command[1]!))]
        .filter((key) => key !== 'OR')
        .concat(['bitop', 'copy-of-grown', 'copy-of-shared', 'nokey']);
      const out = await replies(
        client,
        stringKeys.map((key) => ['MEMORY', 'USAGE', key]),
      );
      await load(client, [
        ['CONFIG', 'SET', 'stream-node-max-bytes', '1000'],
        ['CONFIG', 'SET', 'stream-node-max-entries', '7'],
      ]);
      await load(client, collections());
      const measured: string[][] = [];
      for (const key of COLLECTION_KEYS)
        for (const samples of [[], ['SAMPLES', '1'], ['SAMPLES', '3'], ['SAMPLES', '0']])
          measured.push(['MEMORY', 'USAGE', key, ...samples]);
      out.push(...(await replies(client, measured)));
      return out;
    } finally {
      client.close();
    }
  }

  for (const protocol of [2, 3] as const) {
    it(`USAGE matches redis-server's for strings and compact collections in RESP${protocol}`, async () => {
      const redis = await usages(ports.redis, protocol);
      expect(await usages(ports.ours, protocol)).toEqual(redis);
      // A few of Redis's own figures, so that a change on both sides
      // cannot pass unseen: `SET shared 123` takes 48 bytes, the 3-element
      // list 144, the stream of one entry 1664 (its node preallocates
      // stream-node-max-bytes, 1000, rounded up to 1024).
      expect(redis).toContain('MEMORY USAGE shared -> ":48\\r\\n"');
      expect(redis).toContain('MEMORY USAGE list-3 -> ":144\\r\\n"');
      expect(redis).toContain('MEMORY USAGE stream-1 -> ":1664\\r\\n"');
    }, 60_000);
  }

  it("estimates a skiplist's size within its random node levels", async () => {
    const sizes: number[] = [];
    for (const port of [ports.redis, ports.ours]) {
      const client = await RawClient.connect(port);
      try {
        const commands: string[][] = [['DEL', 'skiplist']];
        for (let i = 0; i < 1000; i++)
          commands.push(['ZADD', 'skiplist', String(i), padded('member:', i)]);
        for (let i = 0; i < 2000; i++) commands.push(['ZSCORE', 'skiplist', 'x']);
        await load(client, commands);
        client.send([['MEMORY', 'USAGE', 'skiplist', 'SAMPLES', '0']]);
        sizes.push(Number((await client.read(1)).slice(1)));
      } finally {
        client.close();
      }
    }
    const [redis, ours] = sizes as [number, number];
    // Node levels add 16 bytes each past the first, one node in four; the
    // rest (members, table, header) is the same arithmetic.
    expect(redis).toBeGreaterThan(90_000);
    expect(Math.abs(ours - redis) / redis).toBeLessThan(0.03);
  });

  it('answers the errors and HELP as Redis does', async () => {
    const commands = [
      ['SET', 'k', 'v'],
      ['MEMORY', 'USAGE', 'k', 'SAMPLES', '-1'],
      ['MEMORY', 'USAGE', 'k', 'SAMPLES', 'x'],
      ['MEMORY', 'USAGE', 'k', 'SAMPLES'],
      ['MEMORY', 'USAGE', 'k', 'FOO'],
      ['MEMORY', 'USAGE', 'k', 'samples', '0', 'SAMPLES', '3'],
      ['MEMORY', 'USAGE', 'k', 'SAMPLES', '99999999999999999999'],
      ['MEMORY', 'USAGE', 'nokey', 'SAMPLES', 'x'],
      ['MEMORY', 'USAGE', 'nokey'],
      ['MEMORY'],
      ['MEMORY', 'USAGE'],
      ['MEMORY', 'FOO'],
      ['MEMORY', 'STATS', 'x'],
      ['MEMORY', 'DOCTOR', 'x'],
      ['MEMORY', 'PURGE'],
      ['MEMORY', 'HELP'],
      ['memory', 'help'],
    ];
    const [redis, ours] = await Promise.all(
      [ports.redis, ports.ours].map(async (port) => {
        const client = await RawClient.connect(port);
        try {
          return await replies(client, commands);
        } finally {
          client.close();
        }
      }),
    );
    expect(ours).toEqual(redis);
  });

  it('lays MEMORY STATS out as Redis does, with the same keyspace overheads', async () => {
    const layouts: string[][] = [];
    const overheads: string[][] = [];
    for (const port of [ports.redis, ports.ours]) {
      const client = await RawClient.connect(port);
      try {
        const commands: string[][] = [['FLUSHALL'], ['HELLO', '3']];
        for (let i = 0; i < 20; i++) commands.push(['SET', `key:${i}`, 'v']);
        for (let i = 0; i < 5; i++) commands.push(['EXPIRE', `key:${i}`, '1000']);
        commands.push(['SELECT', '3'], ['SET', 'other', 'v'], ['SELECT', '0']);
        await load(client, commands);
        // Redis's cron finishes rehashing the tables that grew.
        await new Promise((resolve) => setTimeout(resolve, 300));
        client.send([['MEMORY', 'STATS']]);
        const reply = await client.read(1);
        // The names and the types of their values, in order.
        layouts.push(
          [...reply.matchAll(/\$\d+\r\n([a-z0-9.-]+)\r\n([:,%])/g)].map(
            ([, name, type]) => `${name}${type}`,
          ),
        );
        overheads.push(
          [
            ...reply.matchAll(/\$\d+\r\n((?:overhead\.hashtable|keys\.count)[a-z.-]*)\r\n(:\d+)/g),
          ].map(([, name, value]) => `${name}${value}`),
        );
      } finally {
        client.close();
      }
    }
    expect(layouts[1]).toEqual(layouts[0]);
    expect(layouts[0]).toContain('db.3%');
    expect(layouts[0]).toContain('peak.percentage,');
    expect(overheads[1]).toEqual(overheads[0]);
    // 20 keys in a table of 32 slots: 20 * (24 + 16) + 32 * 8.
    expect(overheads[0]).toContain('overhead.hashtable.main:1056');
  });

  it('replies to DOCTOR with a verbatim text in RESP3 and MALLOC-STATS as a Redis without jemalloc', async () => {
    const client = await RawClient.connect(ports.ours);
    try {
      client.send([
        ['HELLO', '3'],
        ['MEMORY', 'DOCTOR'],
        ['MEMORY', 'MALLOC-STATS'],
      ]);
      const reply = await client.read(3);
      expect(reply).toMatch(/=\d+\r\ntxt:(Hi Sam|Sam, I detected)/);
      expect(reply).toContain('$45\r\nStats not supported for the current allocator\r\n');
    } finally {
      client.close();
    }
  });
});
