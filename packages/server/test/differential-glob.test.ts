// Random glob patterns, matched by our server and by a real redis-server
// against the same keys: KEYS and SCAN MATCH must find the same ones.
//
// Redis's stringmatchlen has rules no glob manual states: a class the
// pattern ends inside closes there (`[a` is [a]), a range may end with the
// `]` that would have closed its class (`[a-]` is a..']'), `\` escapes
// inside a class only when something follows it, and the empty text
// matches only the empty pattern (so `**` does not match the key "", and
// PSUBSCRIBE `*` does not receive messages on the channel ""). Patterns
// here are made of pieces that reach those rules; the keys include the
// pattern characters themselves, NUL, a byte above 0x7f and the empty key.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, seededRandom, useDifferentialServers } from './helpers.js';

const SEEDS = [1, 2, 3, 4, 5];
const PATTERNS_PER_SEED = 400;

const KEYS = [
  'a',
  'b',
  'ab',
  'abc',
  'a-b',
  'a]b',
  'a[b',
  'a\\b',
  'a*b',
  'a?b',
  'A',
  'aB',
  '',
  '^',
  '-',
  ']',
  '[',
  '\\',
  '*',
  '?',
  'x\u00ff',
  '\u0000',
  'a\u0000b',
  'hello',
  'hallo',
  'heeeello',
  'k:1',
  'k:22',
];

const PIECES = [
  'a',
  'b',
  'A',
  '*',
  '?',
  '[',
  ']',
  '^',
  '-',
  '\\',
  '[a-c]',
  '[^a]',
  '[a-]',
  '[-a]',
  '[]',
  '[]]',
  '[\\]]',
  '[z-a]',
  '[!a]',
  'h',
  'llo',
  'e',
  '\u0000',
  '\u00ff',
  ':',
  '1',
  '\\*',
  '\\?',
  '\\[',
  '[[]',
  '[\\',
  '[a',
  '**',
  '[*]',
];

function patterns(seed: number): () => string {
  const next = seededRandom(seed);
  return () => {
    let pattern = '';
    const count = 1 + Math.floor(next() * 5);
    for (let i = 0; i < count; i++) pattern += PIECES[Math.floor(next() * PIECES.length)];
    return pattern;
  };
}

// A reply listing keys, with the keys sorted: each server lists them in
// its own table's order.
function sorted(reply: string): string {
  const lines = reply.split('\r\n');
  // KEYS: *n, then $len/name pairs. SCAN: *2, $1, 0, *n, then pairs.
  const at = lines[0] === '*2' && lines[2] === '0' ? 3 : 0;
  const names: string[] = [];
  for (let i = at + 2; i < lines.length - 1; i += 2) names.push(lines[i]!);
  return `${lines.slice(0, at + 1).join(' ')} ${JSON.stringify(names.sort())}`;
}

const enabled = hasRedis();

describe.skipIf(!enabled)('differential: random glob patterns', () => {
  const ports = useDifferentialServers();

  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const theirs = await RawClient.connect(ports.redis);
      const mine = await RawClient.connect(ports.ours);
      try {
        for (const client of [theirs, mine]) {
          client.send([['FLUSHALL'], ['MSET', ...KEYS.flatMap((key) => [key, 'v'])]]);
          await client.read(2);
        }
        const nextPattern = patterns(seed);
        for (let n = 0; n < PATTERNS_PER_SEED; n++) {
          const pattern = nextPattern();
          // A lone `*` is special-cased by both commands, so it is sent too.
          const command =
            n % 2 === 0
              ? ['KEYS', n % 50 === 0 ? '*' : pattern]
              : ['SCAN', '0', 'MATCH', n % 50 === 1 ? '*' : pattern, 'COUNT', '1000'];
          theirs.send([command]);
          mine.send([command]);
          const [expected, actual] = [await theirs.read(1), await mine.read(1)];
          expect(sorted(actual), JSON.stringify(command)).toBe(sorted(expected));
        }
      } finally {
        theirs.close();
        mine.close();
      }
    });
  }

  it('PSUBSCRIBE * receives nothing published to the channel ""', async () => {
    const replies: string[][] = [];
    for (const port of [ports.redis, ports.ours]) {
      const subscriber = await RawClient.connect(port);
      const publisher = await RawClient.connect(port);
      try {
        // One pattern: Redis delivers to several in its hash table's order.
        subscriber.send([['PSUBSCRIBE', '*']]);
        await subscriber.read(1);
        publisher.send([
          ['PUBLISH', '', 'm'],
          ['PUBLISH', 'x', 'n'],
          ['PUBSUB', 'NUMPAT'],
        ]);
        const published = await publisher.read(3);
        replies.push([published, await subscriber.read(1)]);
      } finally {
        subscriber.close();
        publisher.close();
      }
    }
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[0]![0]).toBe(':0\r\n:1\r\n:1\r\n');
  });
});
