// Arguments of random bytes, sent to our server and to a real redis-server
// side by side: every reply must be byte-for-byte the same.
//
// Redis writes arguments back in its error replies through C's printf:
// `%s` stops at a NUL byte, `%.128s` at 128 bytes, and addReplyErrorFormat
// trims CR and LF off the ends of the message before it turns the rest
// into spaces. These commands put random bytes (NUL, CR, LF, quotes,
// backslashes, bytes above 0x7f) where a name, a key, a value, an option
// or a subcommand goes. Each is followed by a PING, so a reply that broke
// the framing would show.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, seededRandom, useDifferentialServers } from './helpers.js';

type Pick = <T>(list: readonly T[]) => T;

const SEEDS = [1, 2, 3];
const COMMANDS_PER_SEED = 500;
// Bytes with a meaning somewhere: NUL, LF, CR, space, quotes, backslash,
// DEL, 0x80, 0xff, tab, BEL.
const MEANINGFUL = [0, 10, 13, 32, 34, 39, 92, 127, 128, 255, 9, 7];

function generator(seed: number): () => Buffer[] {
  const next = seededRandom(seed);
  const pick: Pick = (list) => list[Math.floor(next() * list.length)]!;
  const text = (value: string) => Buffer.from(value, 'latin1');
  const bytes = (max: number) => {
    const out = Buffer.alloc(Math.floor(next() * max));
    for (let i = 0; i < out.length; i++)
      out[i] = next() < 0.5 ? pick(MEANINGFUL) : Math.floor(next() * 256);
    return out;
  };
  const arg = () =>
    next() < 0.5 ? bytes(next() < 0.1 ? 300 : 12) : text(pick(['k', 'v', '0', '1', 'x']));
  const args = (max: number) => Array.from({ length: Math.floor(next() * (max + 1)) }, arg);
  const builders: (() => Buffer[])[] = [
    // A random name: an unknown command (arguments quoted up to 128 bytes).
    () => [bytes(10), ...args(4)],
    () => [
      text(pick(['GET', 'SET', 'ECHO', 'PING', 'INCR', 'EXISTS', 'APPEND', 'GETRANGE', 'STRLEN'])),
      ...args(3),
    ],
    () => [text(pick(['MGET', 'SETNX', 'RENAME', 'COPY', 'TYPE', 'DEL'])), ...args(3)],
    () => [text('CLIENT'), text(pick(['SETNAME', 'setname', 'GETNAME'])), ...args(2)],
    () => [text('CONFIG'), text('GET'), ...args(3)],
    () => [text('CONFIG'), text('SET'), text(pick(['nope', 'NOPE'])), ...args(2)],
    () => [text('SELECT'), arg()],
    () => [
      text('HELLO'),
      text(pick(['2', '3', 'x', '4'])),
      ...(next() < 0.5 ? [text('SETNAME'), arg()] : []),
    ],
    () => [text(pick(['CLIENT', 'CONFIG', 'COMMAND', 'PUBSUB'])), bytes(8)],
    () => [text('SET'), text('k'), text('v'), arg(), arg()],
    () => [text(pick(['EXPIRE', 'PEXPIRE'])), text('k'), arg(), arg()],
  ];
  return () => pick(builders)();
}

// HELLO's map holds the connection's id: compared without it.
function withoutId(reply: string): string {
  return reply.replace(/(\$2\r\nid\r\n:)\d+/g, '$1<id>');
}

const enabled = hasRedis();

describe.skipIf(!enabled)('differential: random bytes in arguments', () => {
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
        const nextCommand = generator(seed);
        for (let n = 0; n < COMMANDS_PER_SEED; n++) {
          const command = nextCommand();
          // Back to RESP2 and database 0 after each, whatever it did.
          const exchange = [command, ['PING'], ['HELLO', '2'], ['SELECT', '0']];
          theirs.send(exchange);
          mine.send(exchange);
          const [expected, actual] = [await theirs.read(4), await mine.read(4)];
          const shown = JSON.stringify(command.map((arg) => arg.toString('latin1')));
          expect(withoutId(actual), `command ${n}: ${shown}`).toBe(withoutId(expected));
        }
      } finally {
        theirs.close();
        mine.close();
      }
    });
  }
});
