// The same command scripts against our server and a real redis-server: the
// reply bytes must be identical, in RESP2 and in RESP3.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const SCRIPTS: Record<string, string[][]> = {
  connection: [
    ['PING'],
    ['PING', 'hello'],
    ['ECHO', 'x y'],
    ['PING', 'a', 'b'],
    ['ECHO'],
    ['SELECT', '1'],
    ['SELECT', '16'],
    ['SELECT', 'x'],
    ['SELECT', '0'],
    ['DBSIZE'],
    ['FOO', 'hello', 'world'],
    ['FOO'],
    ['AUTH', 'pw'],
    ['AUTH', 'a', 'b', 'c'],
    ['CLIENT', 'SETNAME', 'my name'],
    ['CLIENT', 'SETNAME', 'app'],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'NOPE'],
    ['CONFIG', 'GET', 'maxclients'],
    // Every name before any value; Redis's bounds and memory units.
    ['CONFIG', 'SET', 'timeout', '-1'],
    ['CONFIG', 'SET', 'maxclients', '0'],
    ['CONFIG', 'SET', 'proto-max-bulk-len', 'kb'],
    ['CONFIG', 'SET', 'proto-max-bulk-len', '1.5mb'],
    ['CONFIG', 'SET', 'timeout', 'x', 'nope', '2'],
    ['CONFIG', 'SET', 'timeout', '1', 'timeout', '2'],
    ['CONFIG', 'SET', 'timeout', '0', 'x'],
    ['CONFIG', 'SET', 'proto-max-bulk-len', '512mb'],
    ['CONFIG', 'GET', 'proto-max-bulk-len'],
    ['CLIENT', 'KILL', 'TYPE', 'nope'],
    ['CLIENT', 'KILL', 'ID', 'x', 'y'],
    ['CLIENT', 'KILL', 'ID', '99999', 'SKIPME'],
    ['CLIENT', 'LIST', 'TYPE', 'normal', 'ID', '1'],
    ['HELLO', '4'],
    ['HELLO', 'x'],
    // Quoted arguments come back as the bytes sent, up to a NUL (C's %s).
    ['FOO\u00ff', 'a\u0000b', '\u00e9\r\n'],
    ['CLIENT', 'NOPE\u00ff\u0000x'],
    ['HELLO', '3', 'F\u00ffO'],
    ['EXPIRE', 'k', '1', '\u00ff'],
  ],
  strings: [
    ['SET', 'k', 'v'],
    ['GET', 'k'],
    ['GET', 'missing'],
    ['SET', 'k', 'v2', 'NX'],
    ['SET', 'k', 'v3', 'XX', 'GET'],
    ['SET', 'n', 'v', 'XX'],
    ['SET', 'k', 'v', 'EX', '0'],
    ['SET', 'k', 'v', 'EX', 'abc'],
    ['SET', 'k', 'v', 'PX', '-5'],
    ['SET', 'k', 'v', 'NX', 'XX'],
    ['SET', 'k', 'v', 'EX', '10', 'PX', '5'],
    ['SET', 'k', 'v', 'FOO'],
    ['SET', 'k', 'v', 'KEEPTTL'],
    // Options as Redis parses them: all before any value, repeats allowed
    // where its flags allow them, the last expiration winning.
    ['SET', 'k', 'v', 'NX', 'NX'],
    ['SET', 'k', 'v', 'GET', 'GET', 'KEEPTTL', 'KEEPTTL'],
    ['SET', 'k', 'v', 'EX', '10', 'EX', '20'],
    ['TTL', 'k'],
    ['SET', 'k', 'v', 'EX', 'x', 'PX', '5'],
    ['SET', 'k', 'v', 'EX', 'x', 'FOO'],
    ['SET', 'k', 'v', 'EX', '10', 'KEEPTTL'],
    ['GETEX', 'missing', 'EX', 'x'],
    ['GETEX', 'missing', 'EX', '1', 'PX', '1'],
    ['GETEX', 'k', 'PERSIST', 'PERSIST'],
    ['GETEX', 'k', 'EX', '1', 'EX', 'x'],
    ['GETEX', 'k', 'SET'],
    ['SETNX', 'k', 'x'],
    ['SETNX', 'k2', 'x'],
    ['SETEX', 'k3', '100', 'v'],
    ['SETEX', 'k3', '0', 'v'],
    ['PSETEX', 'k4', '100000', 'v'],
    ['GETSET', 'k', 'new'],
    ['GETDEL', 'k'],
    ['GETDEL', 'k'],
    ['MSET', 'a', '1', 'b', '2'],
    ['MSET', 'a'],
    ['MGET', 'a', 'b', 'c'],
    ['MSETNX', 'a', '1', 'z', '2'],
    ['MSETNX', 'y', '1', 'z', '2'],
    ['APPEND', 'a', 'xyz'],
    ['APPEND', 'new', 'abc'],
    ['STRLEN', 'a'],
    ['STRLEN', 'nope'],
    ['SET', 's', 'Hello World'],
    ['GETRANGE', 's', '0', '4'],
    ['GETRANGE', 's', '-5', '-1'],
    ['GETRANGE', 's', '5', '2'],
    ['GETRANGE', 's', '0', '100'],
    ['GETRANGE', 's', '-100', '-50'],
    ['GETRANGE', 'nope', '0', '1'],
    ['GETRANGE', 's', 'a', '1'],
    ['SETRANGE', 's', '6', 'Redis'],
    ['GET', 's'],
    ['SETRANGE', 'pad', '5', 'x'],
    ['GET', 'pad'],
    ['SETRANGE', 's', '-1', 'x'],
    ['SETRANGE', 'empty', '3', ''],
    ['SET', 'c', '10'],
    ['INCR', 'c'],
    ['DECR', 'c'],
    ['INCRBY', 'c', '5'],
    ['DECRBY', 'c', '3'],
    ['INCRBY', 'c', 'x'],
    ['INCR', 's'],
    ['INCR', 'fresh'],
    ['SET', 'big', '9223372036854775807'],
    ['INCR', 'big'],
    ['SET', 'small', '-9223372036854775808'],
    ['DECR', 'small'],
    ['INCRBY', 'c', '9223372036854775808'],
    ['SET', 'lz', '007'],
    ['INCR', 'lz'],
    ['SET', 'sp', ' 1'],
    ['INCR', 'sp'],
    ['SET', 'f', '10.5'],
    ['INCRBYFLOAT', 'f', '0.1'],
    ['INCRBYFLOAT', 'f', '-5'],
    ['INCRBYFLOAT', 'f', 'abc'],
    ['INCRBYFLOAT', 's', '1'],
    ['INCRBYFLOAT', 'ff', '3.0e3'],
    ['INCRBYFLOAT', 'ff', 'inf'],
    ['GETEX', 'c'],
    ['GETEX', 'c', 'EX', '100'],
    ['TTL', 'c'],
    ['GETEX', 'c', 'PERSIST'],
    ['TTL', 'c'],
    ['GETEX', 'c', 'EX', '0'],
    ['GETEX', 'c', 'FOO'],
    ['GETEX', 'nope', 'EX', '10'],
    ['GET'],
    ['SET', 'k'],
    ['INCR'],
    ['MGET'],
  ],
  keys: [
    ['SET', 'a', '1'],
    ['SET', 'b', '2'],
    ['DEL', 'a', 'b', 'c'],
    ['DEL', 'a'],
    ['SET', 'a', '1'],
    ['UNLINK', 'a', 'a'],
    ['SET', 'a', '1'],
    ['EXISTS', 'a', 'a', 'x'],
    ['TYPE', 'a'],
    ['TYPE', 'x'],
    ['KEYS', 'a*'],
    ['KEYS', 'z*'],
    ['RENAME', 'a', 'b'],
    ['GET', 'b'],
    ['RENAME', 'a', 'c'],
    ['RENAME', 'b', 'b'],
    ['SET', 'c', '3'],
    ['RENAMENX', 'b', 'c'],
    ['RENAMENX', 'b', 'd'],
    ['RENAMENX', 'zz', 'd'],
    ['EXPIRE', 'd', '100'],
    ['TTL', 'd'],
    ['PTTL', 'x'],
    ['TTL', 'c'],
    ['EXPIRE', 'd', '50', 'GT'],
    ['EXPIRE', 'd', '500', 'GT'],
    ['EXPIRE', 'd', '50', 'LT'],
    ['TTL', 'd'],
    ['EXPIRE', 'c', '10', 'XX'],
    ['EXPIRE', 'c', '10', 'GT'],
    ['EXPIRE', 'c', '10', 'LT'],
    ['TTL', 'c'],
    ['EXPIRE', 'c', '10', 'NX'],
    ['EXPIRE', 'c', '10', 'NX', 'XX'],
    ['EXPIRE', 'c', '10', 'GT', 'LT'],
    ['EXPIRE', 'c', '10', 'FOO'],
    ['EXPIRE', 'c', 'x'],
    ['EXPIRE', 'c', '99999999999999999'],
    ['EXPIRE', 'nokey', '10'],
    ['PERSIST', 'c'],
    ['PERSIST', 'c'],
    ['TTL', 'c'],
    ['EXPIRE', 'c', '-1'],
    ['EXISTS', 'c'],
    ['PEXPIREAT', 'd', '1'],
    ['EXISTS', 'd'],
    ['SET', 'e', '1'],
    ['EXPIREAT', 'e', '4102444800'],
    ['EXPIRETIME', 'e'],
    ['PEXPIRETIME', 'e'],
    ['EXPIRETIME', 'nope'],
    ['SET', 'far', 'v', 'PXAT', '9223372036854775807'],
    ['PEXPIRETIME', 'far'],
    ['EXPIRETIME', 'far'],
    ['SET', 'g', '1'],
    ['EXPIRETIME', 'g'],
    ['PEXPIRE', 'g', '100000'],
    ['PERSIST', 'g'],
    ['DBSIZE'],
    ['FLUSHDB'],
    ['DBSIZE'],
    ['RANDOMKEY'],
    ['SCAN', '0'],
    ['SCAN', 'x'],
    ['SCAN', '0', 'COUNT', '0'],
    ['FLUSHALL'],
    ['FLUSHDB', 'FOO'],
  ],
  pubsub: [
    ['PUBLISH', 'ch', 'msg'],
    ['PUBSUB', 'NUMSUB', 'ch'],
    ['PUBSUB', 'NUMPAT'],
    ['PUBSUB', 'CHANNELS'],
    ['PUBSUB', 'FOO'],
    ['PUBSUB', 'channels', 'a', 'b'],
    ['PUBSUB', 'NUMPAT', 'x'],
    ['UNSUBSCRIBE'],
    ['PUNSUBSCRIBE'],
    ['SUBSCRIBE', 'a', 'b'],
    ['PSUBSCRIBE', 'n*'],
    ['PING'],
    ['PING', 'x'],
    ['GET', 'k'],
    // Subscribed (RESP2): a subcommand's arity and existence come first,
    // and the refusal names the full command.
    ['PUBSUB', 'NUMPAT'],
    ['PUBSUB', 'NUMPAT', 'x'],
    ['PUBSUB', 'NOPE'],
    ['CONFIG', 'GET'],
    ['UNSUBSCRIBE', 'a'],
    ['UNSUBSCRIBE'],
    ['PUNSUBSCRIBE'],
    ['GET', 'k'],
  ],
  // Redis's own docs and descriptions (containers excluded: this server
  // lists only its subcommands).
  commandReference: [
    ['COMMAND', 'DOCS', 'get', 'set', 'getex', 'scan', 'expire', 'hello', 'incrbyfloat'],
    ['COMMAND', 'DOCS', 'SUBSCRIBE', 'nope', 'msetnx'],
    ['COMMAND', 'DOCS', 'nope'],
    ['COMMAND', 'INFO', 'get', 'set', 'echo', 'ping', 'quit', 'reset', 'nope', 'mset', 'auth'],
    ['COMMAND', 'INFO', 'getex', 'scan', 'hello', 'publish', 'subscribe', 'time', 'info'],
  ],
  // A connection publishing to its own subscriptions (RESP3; RESP2 refuses
  // PUBLISH while subscribed): the messages come before PUBLISH's reply,
  // the channel's before the pattern's.
  selfPublish: [
    ['SUBSCRIBE', 'me'],
    ['PUBLISH', 'me', 'first'],
    ['PSUBSCRIBE', 'm*'],
    ['PUBLISH', 'me', 'second'],
    ['PUBLISH', 'other', 'x'],
    ['PUBLISH', 'mine', 'third'],
    ['UNSUBSCRIBE', 'me'],
    ['PUBLISH', 'me', 'fourth'],
    ['PUNSUBSCRIBE'],
    ['PUBLISH', 'me', 'fifth'],
  ],
};

// INCRBYFLOAT in long double: sums a double would print differently (0.1 +
// 0.2), hex and odd spellings, subnormals, huge values printed in full,
// %.17Lf ties, range errors; then a seeded random walk of increments.
function floatScript(): string[][] {
  const script: string[][] = [
    ['SET', 'f', '0.1'],
    ['INCRBYFLOAT', 'f', '0.2'],
    ['INCRBYFLOAT', 'f', '1.1'],
    ['SET', 'g', '5.0e3'],
    ['INCRBYFLOAT', 'g', '0.0001'],
    ['SET', 'h', '1e300'],
    ['INCRBYFLOAT', 'h', '1e300'],
    ['SET', 'i', '123456789012345678'],
    ['INCRBYFLOAT', 'i', '1'],
    ['SET', 'j', '0.000003814697265625'],
    ['INCRBYFLOAT', 'j', '0'],
    ['SET', 'j', '0.000011444091796875'],
    ['INCRBYFLOAT', 'j', '0'],
    ['SET', 'm', '-1'],
    ['INCRBYFLOAT', 'm', '1'],
    ['INCRBYFLOAT', 'm', '-0.5'],
    ['SET', 'y', '1e4000'],
    ['INCRBYFLOAT', 'y', '1'],
  ];
  for (const increment of [
    '0x10',
    '0x1.8p1',
    '-0X.8P-3',
    '.5',
    '5.',
    '+1',
    '00012',
    '-0',
    '1E2',
    '1e+2',
    '1e-4940',
    '1e-4950',
    '1.7976931348623157e308',
    '1e4932',
    '1.18973149535723176502e+4932',
    '1e5000',
    '1e-5000',
    '1e',
    ' 1',
    '1 ',
    '',
    'Infinity',
    '-inf',
    'nan',
    '1_0',
    '0x',
    '0x1p',
  ]) {
    script.push(['DEL', 't'], ['INCRBYFLOAT', 't', increment]);
  }
  // A seeded random walk (xorshift), so a failure reproduces.
  let state = 0x9e3779b9;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  script.push(['DEL', 'walk']);
  for (let n = 0; n < 300; n++) {
    const digits = String(Math.floor(next() * 10 ** (1 + Math.floor(next() * 15))));
    const point = Math.floor(next() * (digits.length + 1));
    const exponent = next() < 0.3 ? `e${Math.floor(next() * 60) - 30}` : '';
    const sign = next() < 0.4 ? '-' : '';
    script.push([
      'INCRBYFLOAT',
      'walk',
      `${sign}${digits.slice(0, point)}.${digits.slice(point)}${exponent}`,
    ]);
  }
  return script;
}
SCRIPTS.floats = floatScript();

const enabled = hasRedis();
const END_OF_SCRIPT = 'end-of-script';

describe.skipIf(!enabled)('differential: our server and redis-server reply the same bytes', () => {
  const ports = useDifferentialServers();

  async function run(port: number, protocol: 2 | 3, script: string[][]): Promise<string> {
    const client = await RawClient.connect(port);
    try {
      client.send([['FLUSHALL']]);
      await client.read(1);
      if (protocol === 3) {
        client.send([['HELLO', '3']]);
        await client.read(1);
      }
      // A script's replies can be more frames than commands (SUBSCRIBE,
      // messages): read through the reply to a last PING, or to the close.
      client.send([...script, ['PING', END_OF_SCRIPT]]);
      let text = '';
      while (!text.endsWith(`${END_OF_SCRIPT}\r\n`)) {
        text += await client.read(1);
        if (client.closed) return text + client.drain();
      }
      return text;
    } finally {
      client.close();
    }
  }

  for (const [name, script] of Object.entries(SCRIPTS)) {
    for (const protocol of [2, 3] as const) {
      it(`${name} in RESP${protocol}`, async () => {
        const expected = await run(ports.redis, protocol, script);
        const actual = await run(ports.ours, protocol, script);
        // Compare reply by reply, so a failure names the command.
        expect(actual.split('\r\n')).toEqual(expected.split('\r\n'));
      });
    }
  }
});
