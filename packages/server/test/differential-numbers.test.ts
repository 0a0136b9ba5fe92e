// Random numeric arguments, sent to our server and to a real redis-server
// side by side: every reply must be byte-for-byte the same.
//
// Redis reads numbers in several ways (string2ll for integers, strtold
// for floats, strtoul for SCAN's cursor, each with its own checks), and a
// command's error depends on which it uses and in what order it checks.
// differential-random.test.ts picks numbers from short lists; this makes
// them up: signs, leading zeros, dots, exponents, 64-bit edges, infinities,
// whitespace, NUL bytes, digits from other scripts. Each command runs
// right after a SET that gives its key a known value. SCAN with a cursor
// other than 0 walks each server's own hash table, so only its errors are
// compared.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, seededRandom, useDifferentialServers } from './helpers.js';

type Pick = <T>(list: readonly T[]) => T;

const SEEDS = [1, 2, 3, 4, 5];
const CASES_PER_SEED = 600;

// Texts on the edges of Redis's parsers.
const SPECIAL = [
  'inf',
  '-inf',
  '+inf',
  'infinity',
  '-Infinity',
  'nan',
  'NaN',
  'INF',
  '1e400',
  '-1e400',
  '1e-400',
  '0x10',
  '0X1p3',
  '0b1',
  '  5',
  '5  ',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '18446744073709551615',
  '18446744073709551616',
  '4611686018427387904',
  '-4611686018427387904',
  '1.7976931348623157e308',
  '2.2250738585072014e-308',
  '4.9e-324',
  '0.1',
  '.5',
  '5.',
  '-.5',
  '+.5',
  '1e',
  '1e+',
  'e5',
  '--1',
  '1-',
  '00',
  '-0',
  '+0',
  '0.0',
  '-0.0',
  '1_000',
  '\u0661',
  '\uff15',
  '',
  ' ',
  '1\u0000',
  '\u00001',
  '\t1',
  '1\n',
  '1e5',
  '100000000000000000000',
  '3.0',
  '1E2',
  '9007199254740993',
  '-9007199254740993',
  '1099511627776',
];

function numbers(next: () => number, pick: Pick): () => string {
  const digits = (count: number) => {
    let text = '';
    for (let i = 0; i < count; i++) text += String(Math.floor(next() * 10));
    return text;
  };
  return () => {
    if (next() < 0.35) return pick(SPECIAL);
    let text = pick(['', '', '', '-', '+', ' ']);
    text += pick(['', '0', '00']) + digits(Math.floor(next() * (next() < 0.2 ? 25 : 6)));
    if (next() < 0.3) text += `.${digits(Math.floor(next() * 5))}`;
    if (next() < 0.2)
      text += pick(['e', 'E']) + pick(['', '-', '+']) + digits(Math.floor(next() * 4));
    if (next() < 0.1) text += pick([' ', 'x', '\t', '\u0000', '.']);
    return text;
  };
}

/** Case `seed`'s generator: each call gives a SET (or PING) and the command under test. */
function generator(seed: number): () => string[][] {
  const next = seededRandom(seed);
  const pick: Pick = (list) => list[Math.floor(next() * list.length)]!;
  const num = numbers(next, pick);
  const text = 'hello world';
  const builders: (() => string[][])[] = [
    () => [
      ['SET', 'k', '10'],
      [pick(['INCRBY', 'DECRBY']), 'k', num()],
    ],
    () => [
      ['SET', 'k', pick(['10', '10.5', '-3', '1e3', '0'])],
      ['INCRBYFLOAT', 'k', num()],
    ],
    () => [
      ['SET', 'k', num()],
      ['INCRBYFLOAT', 'k', '1'],
    ],
    () => [
      ['SET', 'k', num()],
      [pick(['INCR', 'DECR']), 'k'],
    ],
    () => [
      ['SET', 'k', 'v'],
      ['SET', 'k', 'v', pick(['EX', 'PX', 'EXAT', 'PXAT']), num()],
    ],
    () => [
      ['SET', 'k', 'v'],
      ['GETEX', 'k', pick(['EX', 'PX', 'EXAT', 'PXAT']), num()],
    ],
    () => [
      ['SET', 'k', 'v'],
      [pick(['SETEX', 'PSETEX']), 'k', num(), 'v'],
    ],
    () => [
      ['SET', 'k', 'v'],
      [pick(['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']), 'k', num()],
    ],
    () => [
      ['SET', 'k', text],
      ['GETRANGE', 'k', num(), num()],
    ],
    () => [
      ['SET', 'k', text],
      ['GETBIT', 'k', num()],
    ],
    () => [
      ['SET', 'k', text],
      ['BITCOUNT', 'k', num(), num(), ...(next() < 0.3 ? [pick(['BIT', 'BYTE'])] : [])],
    ],
    () => [
      ['SET', 'k', text],
      ['BITPOS', 'k', pick(['0', '1', num()]), num(), num()],
    ],
    // Offsets past the string would make both servers allocate: only the
    // refused ones and those inside it are sent.
    () => [
      ['SET', 'k', text],
      ['SETRANGE', 'k', pick(['-1', 'x', '3', ...SPECIAL]), ''],
    ],
    () => [
      ['SET', 'k', text],
      ['SETBIT', 'k', pick(['-1', 'x', '7', ...SPECIAL]), pick(['0', '1', num()])],
    ],
    () => [['PING'], ['SELECT', num()]],
    () => [
      ['SELECT', '0'],
      ['SCAN', num(), 'COUNT', num()],
    ],
    () => [
      ['SET', 'k', 'v'],
      ['MOVE', 'k', num()],
    ],
    () => [
      ['SET', 'k', 'v'],
      ['COPY', 'k', 'k2', 'DB', num(), 'REPLACE'],
    ],
    () => [
      ['SET', 'k', text],
      ['BITFIELD', 'k', 'GET', pick(['i8', 'u8', 'i64', 'u63']), num()],
    ],
    () => [
      ['SET', 'k', text],
      [
        'BITFIELD',
        'k',
        'OVERFLOW',
        pick(['WRAP', 'SAT', 'FAIL']),
        'INCRBY',
        pick(['i8', 'u8', 'i64', 'u63', 'i5']),
        '0',
        num(),
      ],
    ],
    () => [
      ['SET', 'k', text],
      ['BITFIELD', 'k', 'SET', pick(['i8', 'u8', 'i64', 'u63']), '0', num()],
    ],
    () => [['PING'], ['CLIENT', 'KILL', 'ID', num()]],
    () => [['PING'], ['HELLO', num()]],
  ];
  return () => pick(builders)();
}

// SCAN with a cursor other than 0 returns what each server's own table
// holds there: only whether it was refused, and how, is compared. `reply`
// holds the set-up's reply too (SELECT's +OK) ahead of SCAN's.
function normalize(command: string[], reply: string): string {
  if (command[0] === 'SCAN' && reply.startsWith('+OK\r\n*')) return '+OK\r\n<scan batch>';
  return reply;
}

const enabled = hasRedis();

describe.skipIf(!enabled)('differential: random numeric arguments', () => {
  const ports = useDifferentialServers();

  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const theirs = await RawClient.connect(ports.redis);
      const mine = await RawClient.connect(ports.ours);
      try {
        for (const client of [theirs, mine]) {
          client.send([['FLUSHALL']]);
          await client.read(1);
        }
        const nextCase = generator(seed);
        for (let n = 0; n < CASES_PER_SEED; n++) {
          const [setup, command] = nextCase() as [string[], string[]];
          theirs.send([setup, command]);
          mine.send([setup, command]);
          const [expected, actual] = [await theirs.read(2), await mine.read(2)];
          expect(normalize(command, actual), `case ${n}: ${JSON.stringify(command)}`).toBe(
            normalize(command, expected),
          );
        }
      } finally {
        theirs.close();
        mine.close();
      }
    });
  }
});
