// DUMP and RESTORE against a real redis-server. A DUMP payload is Redis
// 7.0's byte for byte wherever Redis's own bytes do not depend on its hash
// tables' order (strings, lists built by RPUSH, intsets, listpack hashes
// and sorted sets, skip lists, streams and their groups); every value, in
// every encoding, restores on the other server to the same content and
// encoding; RESTORE's options and errors are Redis's; and payloads in the
// formats of Redis 6 and earlier (ziplists, a quicklist of ziplists, a
// linked list, scores as text), built here, load as Redis loads them.
import { describe, expect, it } from 'vitest';
import { crc64 } from '../src/rdb/crc64.js';
import { compareEach, hasRedis, RawClient, useDifferentialServers } from './helpers.js';

type Command = readonly (string | Buffer)[];

const long = (n: number, unit = 'x') => unit.repeat(n);
const numbers = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

// Each builds key `k`; the DUMP of the result must be Redis's bytes.
const SAME_BYTES: Readonly<Record<string, readonly Command[]>> = {
  'a short string': [['SET', 'k', 'hello']],
  'an empty string': [['SET', 'k', '']],
  'an integer': [['SET', 'k', '12345']],
  'a large integer': [['SET', 'k', '-123456789012']],
  'an integer after INCR': [
    ['SET', 'k', '9'],
    ['INCRBY', 'k', '70000'],
  ],
  'a string LZF compresses': [['SET', 'k', long(200, 'ab')]],
  'a string LZF cannot shorten': [['SET', 'k', 'abcdefghijklmnopqrstuvwxyz0123']],
  'binary bytes': [['SET', 'k', Buffer.from([0, 255, 13, 10, 128, 1])]],
  'a small list': [['RPUSH', 'k', 'a', 'b', '1', '-7', '300', '70000', '5000000000', long(70)]],
  'a list of several nodes': [['RPUSH', 'k', ...numbers(1, 3000)]],
  'a list of long elements': [['RPUSH', 'k', ...numbers(1, 40).map((n) => long(300) + n)]],
  'a list after pops': [
    ['RPUSH', 'k', ...numbers(1, 50)],
    ['LPOP', 'k', '3'],
    ['RPOP', 'k'],
  ],
  'an intset of 16 bits': [['SADD', 'k', '3', '-5', '1', '300']],
  'an intset of 32 bits': [['SADD', 'k', '1', '70000', '-2']],
  'an intset of 64 bits': [['SADD', 'k', '5000000000', '1']],
  'a listpack hash': [['HSET', 'k', 'f', 'v', 'n', '12', 'm', '-1', 'long', long(60)]],
  'a listpack hash after deletes': [
    ['HSET', 'k', 'a', '1', 'b', '2', 'c', '3'],
    ['HDEL', 'k', 'b'],
  ],
  'a listpack sorted set': [
    [
      'ZADD',
      'k',
      '1',
      'a',
      '2.5',
      'b',
      '-3',
      'c',
      '1e20',
      'd',
      'inf',
      'e',
      '-inf',
      'f',
      '0.1',
      'g',
    ],
  ],
  'a skip list': [['ZADD', 'k', ...numbers(1, 200).flatMap((n) => [`${n}.5`, `m${n}`])]],
  'a skip list with a long member': [['ZADD', 'k', '1', long(100), '2', 'b']],
  'a stream': [
    ['XADD', 'k', '1-1', 'a', '1', 'b', '2'],
    ['XADD', 'k', '1-2', 'a', '3', 'b', '4'],
    ['XADD', 'k', '2-0', 'c', '5'],
  ],
  'a stream with tombstones': [
    ['XADD', 'k', '1-1', 'a', '1'],
    ['XADD', 'k', '1-2', 'a', '2'],
    ['XADD', 'k', '1-3', 'a', '3'],
    ['XDEL', 'k', '1-2'],
  ],
  'an emptied stream': [
    ['XADD', 'k', '1-1', 'a', '1'],
    ['XDEL', 'k', '1-1'],
  ],
  'a stream of several nodes': numbers(1, 250).map((n) => [
    'XADD',
    'k',
    `${n}-1`,
    'f',
    n,
    'g',
    'x',
  ]),
  'a trimmed stream': [
    ...numbers(1, 250).map((n) => ['XADD', 'k', `${n}-1`, 'f', n]),
    ['XTRIM', 'k', 'MAXLEN', '=', '120'],
  ],
  'a stream with XSETID': [
    ['XADD', 'k', '1-1', 'a', '1'],
    ['XSETID', 'k', '5-5', 'ENTRIESADDED', '9', 'MAXDELETEDID', '3-3'],
  ],
  'a stream with groups': [
    ['XADD', 'k', '1-1', 'a', '1'],
    ['XADD', 'k', '2-1', 'a', '2'],
    ['XGROUP', 'CREATE', 'k', 'g2', '$'],
    ['XGROUP', 'CREATE', 'k', 'g1', '0', 'ENTRIESREAD', '1'],
  ],
  'a stream with many fields': [
    ['XADD', 'k', '1-1', ...numbers(1, 300).flatMap((n) => [`f${n}`, `v${n}`])],
  ],
};

// Their payloads differ from Redis's (hash-table order, node boundaries,
// times), but each restores on the other server to the same content.
const SAME_CONTENT: Readonly<Record<string, readonly Command[]>> = {
  'a hash-table set': [['SADD', 'k', 'a', 'b', '1', long(70)]],
  'a large intset set': [['SADD', 'k', ...numbers(1, 600)]],
  'a hash-table hash': [['HSET', 'k', ...numbers(1, 200).flatMap((n) => [`f${n}`, n])]],
  'a hash with a long value': [['HSET', 'k', 'f', long(100), 'g', '1']],
  'a list built by LPUSH': [['LPUSH', 'k', ...numbers(1, 3000)]],
  'a stream with consumers and pending entries': [
    ['XADD', 'k', '1-1', 'a', '1'],
    ['XADD', 'k', '2-1', 'a', '2'],
    ['XADD', 'k', '3-1', 'a', '3'],
    ['XGROUP', 'CREATE', 'k', 'g', '0'],
    ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '2', 'STREAMS', 'k', '>'],
    ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 'k', '>'],
    ['XACK', 'k', 'g', '1-1'],
    ['XGROUP', 'CREATECONSUMER', 'k', 'g', 'carol'],
  ],
  ...SAME_BYTES,
};

// What a restored value must read as, per type.
function views(type: string): Command[] {
  switch (type) {
    case 'string':
      return [['GET', 'k']];
    case 'list':
      return [['LRANGE', 'k', '0', '-1']];
    case 'set':
      return [['SORT', 'k', 'ALPHA']];
    case 'zset':
      return [['ZRANGE', 'k', '0', '-1', 'WITHSCORES']];
    case 'hash':
      return [
        ['HLEN', 'k'],
        ['SORT', 'k', 'BY', 'nosort'],
      ];
    default:
      return [
        ['XRANGE', 'k', '-', '+'],
        ['XLEN', 'k'],
        ['XINFO', 'GROUPS', 'k'],
        ['XPENDING', 'k', 'g'],
      ];
  }
}

// Hand-built payloads in the formats of Redis 6 and before.
function payload(type: number, body: Buffer): Buffer {
  const withVersion = Buffer.concat([Buffer.of(type), body, Buffer.of(9, 0)]);
  const footer = Buffer.alloc(8);
  footer.writeBigUInt64LE(crc64(withVersion));
  return Buffer.concat([withVersion, footer]);
}
const rdbString = (text: string) => Buffer.concat([Buffer.of(text.length), Buffer.from(text)]);
// A ziplist of short strings and small integers.
function ziplist(items: readonly (string | number)[]): Buffer {
  const entries: Buffer[] = [];
  let previous = 0;
  let tail = 10;
  let offset = 10;
  for (const item of items) {
    const encoded =
      typeof item === 'number'
        ? item >= 0 && item <= 12
          ? Buffer.of(0xf1 + item)
          : Buffer.concat([Buffer.of(0xc0), Buffer.from(new Int16Array([item]).buffer)])
        : Buffer.concat([Buffer.of(item.length), Buffer.from(item)]);
    const entry = Buffer.concat([Buffer.of(previous), encoded]);
    entries.push(entry);
    tail = offset;
    offset += entry.length;
    previous = entry.length;
  }
  const header = Buffer.alloc(10);
  header.writeUInt32LE(offset + 1, 0);
  header.writeUInt32LE(tail, 4);
  header.writeUInt16LE(items.length, 8);
  return Buffer.concat([header, ...entries, Buffer.of(0xff)]);
}
const withLength = (blob: Buffer) =>
  Buffer.concat([Buffer.of(0x40 | (blob.length >> 8), blob.length & 0xff), blob]);

const OLD_FORMATS: Readonly<Record<string, Buffer>> = {
  'a linked list': payload(
    1,
    Buffer.concat([Buffer.of(3), rdbString('a'), rdbString('bb'), rdbString('7')]),
  ),
  'a set': payload(2, Buffer.concat([Buffer.of(2), rdbString('x'), rdbString('9')])),
  'a sorted set with text scores': payload(
    3,
    Buffer.concat([
      Buffer.of(3),
      rdbString('a'),
      rdbString('1.5'),
      rdbString('b'),
      Buffer.of(254),
      rdbString('c'),
      Buffer.of(255),
    ]),
  ),
  'a hash': payload(4, Buffer.concat([Buffer.of(1), rdbString('f'), rdbString('v')])),
  'a ziplist list': payload(10, withLength(ziplist(['a', 5, 'bcd', 300, -2]))),
  'a ziplist sorted set': payload(12, withLength(ziplist(['m', 2, 'n', '3.25']))),
  'a ziplist hash': payload(13, withLength(ziplist(['f', 'v', 'g', 11]))),
  'a quicklist of ziplists': payload(
    14,
    Buffer.concat([Buffer.of(2), withLength(ziplist(['a', 'b'])), withLength(ziplist([1, 2, 3]))]),
  ),
};

// RESTORE's options, checks and errors, on both servers in turn.
function restoreSteps(valid: Buffer): Command[] {
  const corrupt = Buffer.from(valid);
  corrupt[1] = corrupt[1]! ^ 0xff;
  const truncated = payload(18, Buffer.of(1, 2, 5, 1, 2));
  return [
    ['DEL', 'k', 'r'],
    ['RESTORE', 'r', '0', valid],
    ['RESTORE', 'r', '0', valid],
    ['RESTORE', 'r', '0', valid, 'REPLACE'],
    ['RESTORE', 'r', '-1', valid, 'REPLACE'],
    ['RESTORE', 'r', 'x', valid, 'REPLACE'],
    ['RESTORE', 'r', '0', valid, 'BOGUS'],
    ['RESTORE', 'r', '0', valid, 'REPLACE', 'IDLETIME', '-1'],
    ['RESTORE', 'r', '0', valid, 'REPLACE', 'IDLETIME', 'x'],
    ['RESTORE', 'r', '0', valid, 'REPLACE', 'FREQ', '256'],
    ['RESTORE', 'r', '0', valid, 'REPLACE', 'IDLETIME', '5', 'FREQ', '3'],
    ['RESTORE', 'r', '0', valid, 'REPLACE', 'IDLETIME'],
    ['RESTORE', 'r', '0', valid, 'REPLACE', 'FREQ', '3'],
    ['RESTORE', 'r', '0', valid, 'REPLACE', 'IDLETIME', '100'],
    ['OBJECT', 'IDLETIME', 'r'],
    ['RESTORE', 'r', '100000', valid, 'REPLACE'],
    ['TTL', 'r'],
    ['RESTORE', 'r', '1000', valid, 'REPLACE', 'ABSTTL'],
    ['EXISTS', 'r'],
    ['RESTORE', 'r', '99999999999999', valid, 'REPLACE', 'ABSTTL'],
    ['PEXPIRETIME', 'r'],
    ['RESTORE', 'k', '0', corrupt],
    ['RESTORE', 'k', '0', Buffer.from('short')],
    ['RESTORE', 'k', '0', payload(18, Buffer.of(0))],
    ['RESTORE', 'k', '0', truncated],
    ['RESTORE', 'k', '0', payload(200, Buffer.of(0))],
    ['RESTORE', 'k', '0', payload(2, Buffer.of(0))],
    [
      'RESTORE',
      'k',
      '0',
      payload(2, Buffer.concat([Buffer.of(2), rdbString('x'), rdbString('x')])),
    ],
    [
      'RESTORE',
      'k',
      '0',
      Buffer.concat([valid.subarray(0, -10), Buffer.of(11, 0), valid.subarray(-8)]),
    ],
    ['EXISTS', 'k'],
    ['DUMP', 'nosuchkey'],
    ['DUMP'],
    ['RESTORE', 'k', '0'],
  ];
}

describe.skipIf(!hasRedis())('differential: DUMP and RESTORE', () => {
  const ports = useDifferentialServers({ enableDebugCommand: 'yes' });

  async function withClients(
    body: (theirs: RawClient, mine: RawClient) => Promise<void>,
  ): Promise<void> {
    const theirs = await RawClient.connect(ports.redis);
    const mine = await RawClient.connect(ports.ours);
    try {
      await body(theirs, mine);
    } finally {
      theirs.close();
      mine.close();
    }
  }

  const run = async (client: RawClient, commands: readonly Command[]) => {
    client.send(commands.map((command) => [...command]));
    return client.read(commands.length);
  };
  // DUMP's reply: the payload's bytes.
  const dumpOf = async (client: RawClient, key: string): Promise<Buffer> => {
    const text = await run(client, [['DUMP', key]]);
    const header = /^\$(\d+)\r\n/.exec(text);
    if (header === null) throw new Error(`DUMP gave ${JSON.stringify(text)}`);
    return Buffer.from(
      text.slice(header[0].length, header[0].length + Number(header[1])),
      'latin1',
    );
  };

  it('dumps each value as Redis does, byte for byte', async () => {
    await withClients(async (theirs, mine) => {
      for (const [name, setup] of Object.entries(SAME_BYTES)) {
        for (const client of [theirs, mine]) await run(client, [['FLUSHALL'], ...setup]);
        const [expected, actual] = [await dumpOf(theirs, 'k'), await dumpOf(mine, 'k')];
        expect(actual.toString('hex'), name).toBe(expected.toString('hex'));
      }
    });
  });

  it('dumps without compression under rdbcompression no, byte for byte, and restores it', async () => {
    await withClients(async (theirs, mine) => {
      try {
        for (const client of [theirs, mine])
          await run(client, [['CONFIG', 'SET', 'rdbcompression', 'no']]);
        for (const [name, setup] of Object.entries(SAME_BYTES)) {
          for (const client of [theirs, mine]) await run(client, [['FLUSHALL'], ...setup]);
          const [expected, actual] = [await dumpOf(theirs, 'k'), await dumpOf(mine, 'k')];
          expect(actual.toString('hex'), name).toBe(expected.toString('hex'));
        }
        // A payload with nothing compressed restores, and DEBUG OBJECT
        // counts the value's bytes uncompressed.
        const setup: Command[] = [
          ['FLUSHALL'],
          ['SET', 'long', 'x'.repeat(200)],
          ['RPUSH', 'list', 'y'.repeat(100), 'z'.repeat(100)],
        ];
        for (const client of [theirs, mine]) await run(client, setup);
        for (const key of ['long', 'list']) {
          const payload = await dumpOf(theirs, key);
          expect(payload.includes(Buffer.from('x'.repeat(200))) || key !== 'long').toBe(true);
          const restore: Command[] = [
            ['RESTORE', `${key}:copy`, '0', payload],
            ['DEBUG', 'OBJECT', key],
            ['CONFIG', 'SET', 'rdbcompression', 'yes'],
            ['DEBUG', 'OBJECT', key],
            ['CONFIG', 'SET', 'rdbcompression', 'no'],
          ];
          const lengths = (reply: string) =>
            reply
              .replace(/ lru:\d+ lru_seconds_idle:\d+/g, '')
              .replace(/Value at:[0-9a-fx]+/g, 'Value');
          expect(lengths(await run(mine, restore)), key).toBe(lengths(await run(theirs, restore)));
        }
        await compareEach(ports, [
          ['FUNCTION', 'FLUSH'],
          [
            'FUNCTION',
            'LOAD',
            `#!lua name=plain\nredis.register_function('f', function() return '${'w'.repeat(80)}' end)`,
          ],
          ['FUNCTION', 'DUMP'],
          ['FUNCTION', 'FLUSH'],
          ['CONFIG', 'GET', 'rdbcompression'],
          ['CONFIG', 'GET', 'rdbchecksum'],
          ['CONFIG', 'SET', 'rdbcompression', 'maybe'],
          ['CONFIG', 'SET', 'rdbchecksum', 'no'],
        ]);
      } finally {
        for (const client of [theirs, mine])
          await run(client, [['CONFIG', 'SET', 'rdbcompression', 'yes']]);
      }
    });
  });

  it("restores each server's payloads on the other, to the same content and encoding", async () => {
    await withClients(async (theirs, mine) => {
      for (const [name, setup] of Object.entries(SAME_CONTENT)) {
        for (const client of [theirs, mine]) await run(client, [['FLUSHALL'], ...setup]);
        const type = (await run(theirs, [['TYPE', 'k']])).slice(1, -2);
        const checks: Command[] = [['TYPE', 'k'], ['OBJECT', 'ENCODING', 'k'], ...views(type)];
        const original = [await run(theirs, checks), await run(mine, checks)];
        expect(original[1], `${name}, as built`).toBe(original[0]);
        // With the times a payload carries (a stream's delivery and seen
        // times): each restored copy must show its origin's.
        const timed: Command[] =
          type === 'stream' ? [...checks, ['XINFO', 'STREAM', 'k', 'FULL']] : checks;
        const before = [await run(theirs, timed), await run(mine, timed)];
        const payloads = [await dumpOf(theirs, 'k'), await dumpOf(mine, 'k')];
        // Each server gets the other's payload.
        await run(theirs, [['RESTORE', 'k', '0', payloads[1]!, 'REPLACE']]);
        await run(mine, [['RESTORE', 'k', '0', payloads[0]!, 'REPLACE']]);
        const restored = [await run(theirs, timed), await run(mine, timed)];
        expect(restored[0], `${name}: our payload in Redis`).toBe(before[1]);
        expect(restored[1], `${name}: Redis's payload here`).toBe(before[0]);
      }
    });
  });

  it('reads the formats of Redis 6 and earlier as Redis does', async () => {
    await withClients(async (theirs, mine) => {
      for (const [name, bytes] of Object.entries(OLD_FORMATS)) {
        const steps: Command[] = [['FLUSHALL'], ['RESTORE', 'k', '0', bytes]];
        const [expected, actual] = [await run(theirs, steps), await run(mine, steps)];
        expect(actual, name).toBe(expected);
        const type = (await run(theirs, [['TYPE', 'k']])).slice(1, -2);
        const checks: Command[] = [['TYPE', 'k'], ['OBJECT', 'ENCODING', 'k'], ...views(type)];
        expect(await run(mine, checks), name).toBe(await run(theirs, checks));
      }
    });
  });

  it("RESTORE's options and errors, in Redis's order", async () => {
    await withClients(async (theirs, mine) => {
      for (const client of [theirs, mine])
        await run(client, [['FLUSHALL'], ['RPUSH', 'src', 'a', 'b'], ['SET', 'k', 'old']]);
      const valid = await dumpOf(theirs, 'src');
      for (const step of restoreSteps(valid)) {
        const [expected, actual] = [await run(theirs, [step]), await run(mine, [step])];
        expect(
          actual,
          step.slice(0, 2).join(' ') +
            ' ' +
            step
              .slice(3)
              .filter((x) => typeof x === 'string')
              .join(' '),
        ).toBe(expected);
      }
    });
  });
});
