// Redis 7's functions (FUNCTION LOAD/LIST/DELETE/FLUSH/STATS/DUMP/RESTORE,
// FCALL, FCALL_RO) against a real redis-server, every reply byte for byte,
// in RESP2 and RESP3: the library metadata, what loading code may touch,
// redis.register_function's arguments and their errors, what functions
// see when they run, their flags, and the payloads of DUMP and RESTORE
// (each server restores the other's).
//
// Redis lists libraries, and a library's functions, in the order of its
// hash tables, whose seed is random per process: a LIST here shows one
// library with one function, or a pattern that matches one.
import { describe, expect, it } from 'vitest';
import { crc64 } from '../src/rdb/crc64.js';
import { hasRedis, RawClient, seededRandom, useDifferentialServers } from './helpers.js';

type Step = readonly string[];

const load = (code: string, ...options: string[]): Step => [
  'FUNCTION',
  'LOAD',
  ...options,
  `#!lua name=lib\n${code}`,
];

// Each is loaded into an empty set of libraries, then listed with its code.
const LIBRARIES: readonly string[] = [
  // Metadata.
  '#!lua name=m1\nredis.register_function("f", function() end)',
  '#!LUA NAME=m2\nredis.register_function("f", function() end)',
  '#!lua name="quoted"\nredis.register_function("f", function() end)',
  '#!lua name=m3 \nredis.register_function("f", function() end)',
  '#!lua\nredis.register_function("f", function() end)',
  '#!lua name=\nredis.register_function("f", function() end)',
  '#!lua name=a-b\nredis.register_function("f", function() end)',
  '#!luax name=a-b\nredis.register_function("f", function() end)',
  '#!luax name=ab\nredis.register_function("f", function() end)',
  '#!lua name=ab foo=1\nredis.register_function("f", function() end)',
  '#!lua name=ab name=c\nredis.register_function("f", function() end)',
  '#!lua name="ab\nredis.register_function("f", function() end)',
  '#!\nredis.register_function("f", function() end)',
  '#! lua name=x\nredis.register_function("f", function() end)',
  'redis.register_function("f", function() end)',
  '#!lua name=x',
  '',
  // What loading code sees: `redis` with register_function, log and the version.
  '#!lua name=l1\nlocal s = string.format("%d", 5)',
  '#!lua name=l1\nredis.call("set", "x", "1")',
  '#!lua name=l1\nx = 1',
  '#!lua name=l1\nlocal t = {} t.x.y = 1',
  '#!lua name=l1\nlocal x = nil + 1',
  '#!lua name=l1\nreturn 1 +',
  '#!lua name=l1\nlocal x = 1',
  '#!lua name=l1\nredis.log(1)',
  '#!lua name=l1\nredis.log("a", "b")',
  '#!lua name=l1\nredis.foo()',
  '#!lua name=l1\nreturn _G',
  '#!lua name=l1\nredis.log(redis.LOG_WARNING, "loading", redis.REDIS_VERSION)\nredis.register_function("f", function() end)',
  // register_function's arguments.
  '#!lua name=r\nredis.register_function()',
  '#!lua name=r\nredis.register_function(1, 2, 3)',
  '#!lua name=r\nredis.register_function(1)',
  '#!lua name=r\nredis.register_function({})',
  '#!lua name=r\nredis.register_function({function_name="a"})',
  '#!lua name=r\nredis.register_function({callback=function() end})',
  '#!lua name=r\nredis.register_function({function_name=1, callback=function() end})',
  '#!lua name=r\nredis.register_function({function_name={}, callback=function() end})',
  '#!lua name=r\nredis.register_function({function_name="a", callback=1})',
  '#!lua name=r\nredis.register_function({function_name="a", callback=function() end, flags=1})',
  '#!lua name=r\nredis.register_function({function_name="a", callback=function() end, flags={"bad"}})',
  '#!lua name=r\nredis.register_function({function_name="a", callback=function() end, flags={1}})',
  '#!lua name=r\nredis.register_function({function_name="a", callback=function() end, flags={"NO-WRITES", "allow-stale"}})',
  '#!lua name=r\nredis.register_function{function_name="a", callback=function() end, flags={"allow-cross-slot-keys", "no-cluster", "allow-oom", "allow-stale", "no-writes"}, description="all of them"}',
  '#!lua name=r\nredis.register_function({function_name="a", callback=function() end, description=1.5})',
  '#!lua name=r\nredis.register_function({function_name="a", callback=function() end, description={}})',
  '#!lua name=r\nredis.register_function({function_name="a", callback=function() end, bogus=1})',
  '#!lua name=r\nredis.register_function({FUNCTION_NAME="a", CALLBACK=function() end})',
  '#!lua name=r\nredis.register_function({[1]=2})',
  '#!lua name=r\nredis.register_function("a", 1)',
  '#!lua name=r\nredis.register_function("a", nil)',
  '#!lua name=r\nredis.register_function({}, function() end)',
  '#!lua name=r\nredis.register_function(12, function() end)',
  '#!lua name=r\nredis.register_function("a-b", function() end)',
  '#!lua name=r\nredis.register_function("", function() end)',
  '#!lua name=r\nredis.register_function("a", function() end)\nredis.register_function("a", function() end)',
  '#!lua name=r\nlocal f = redis.register_function\nf("a", function() end)',
  '#!lua name=r\nwhile true do end',
];

// One library of functions, called with FCALL after it loads.
const LIBRARY = `#!lua name=calls
local calls = 0
local function count() calls = calls + 1 return calls end
redis.register_function('count', count)
redis.register_function('echo', function(keys, args) return {#keys, #args, keys, args} end)
redis.register_function('types', function() return {1, 2.5, 'x', true, false, {ok='fine'}, {double=1.5}} end)
redis.register_function('fail', function() error('boom') end)
redis.register_function('failtable', function() error({err='MY own error'}) end)
redis.register_function('noglobal', function() return KEYS end)
redis.register_function('setglobal', function() x = 1 end)
redis.register_function('nocommand', function() return redis.call('nosuch') end)
redis.register_function('write', function(keys, args) return redis.call('set', keys[1], args[1]) end)
redis.register_function{function_name='read', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}
redis.register_function{function_name='badwrite', callback=function(keys) return redis.call('set', keys[1], 'x') end, flags={'no-writes'}}
redis.register_function('resp3', function() redis.setresp(3) return redis.call('hgetall', '{f}h') end)
redis.register_function('random', function() return {math.random(1000), math.random(1000)} end)
redis.register_function('seed', function(keys, args) math.randomseed(tonumber(args[1])) return math.random(1000) end)
redis.register_function('late', function() return redis.register_function('x', function() end) end)
local register = redis.register_function
redis.register_function('kept', function() return register('x', function() end) end)
redis.register_function('globals', function() return {type(rawget(_G, 'redis')), type(rawget(_G, 'KEYS')), type(rawget(_G, 'ARGV')), type(rawget(_G, '__redis__err__handler')), type(redis.call), type(redis.register_function)} end)
redis.register_function('nested', function() return redis.pcall('fcall', 'count', '0') end)
redis.register_function('functioncmd', function() return redis.pcall('function', 'list') end)
redis.register_function('evalcmd', function() return redis.pcall('eval', 'return 1', '0') end)
redis.register_function('select', function() redis.call('select', 5) return redis.call('set', '{f}sel', '1') end)
`;

const CALLS: readonly Step[] = [
  ['FCALL', 'count', '0'],
  ['FCALL', 'COUNT', '0'],
  ['FCALL_RO', 'count', '0'],
  ['FCALL', 'echo', '2', '{f}a', '{f}b', 'x', 'y', 'z'],
  ['FCALL', 'echo', '0'],
  ['FCALL', 'types', '0'],
  ['FCALL', 'fail', '0'],
  ['FCALL', 'failtable', '0'],
  ['FCALL', 'noglobal', '0'],
  ['FCALL', 'setglobal', '0'],
  ['FCALL', 'nocommand', '0'],
  ['FCALL', 'write', '1', '{f}k', 'v1'],
  ['FCALL_RO', 'write', '1', '{f}k', 'v2'],
  ['FCALL', 'read', '1', '{f}k'],
  ['FCALL_RO', 'read', '1', '{f}k'],
  ['FCALL_RO', 'badwrite', '1', '{f}k'],
  ['HSET', '{f}h', 'a', '1'],
  ['FCALL', 'resp3', '0'],
  ['EVAL', 'return math.random(1000)', '0'],
  ['FCALL', 'random', '0'],
  ['FCALL', 'random', '0'],
  ['FCALL', 'seed', '0', '7'],
  ['EVAL', 'return math.random(1000)', '0'],
  ['FCALL', 'late', '0'],
  ['FCALL', 'kept', '0'],
  ['FCALL', 'globals', '0'],
  ['FCALL', 'nested', '0'],
  ['FCALL', 'functioncmd', '0'],
  ['FCALL', 'evalcmd', '0'],
  ['FCALL', 'select', '0'],
  ['EXISTS', '{f}sel'],
  ['FCALL', 'count', '0'],
  // FCALL's own checks: the function first, then numkeys.
  ['FCALL'],
  ['FCALL', 'count'],
  ['FCALL', 'nosuch', 'x'],
  ['FCALL', 'count', 'x'],
  ['FCALL', 'count', '-1'],
  ['FCALL', 'count', '01'],
  ['FCALL', 'count', '1.5'],
  ['FCALL', 'count', '2', 'k'],
  ['FCALL', 'count', '99999999999999999999'],
  ['EVAL', 'return redis.pcall("fcall", "count", "0")', '0'],
  ['MULTI'],
  ['FCALL', 'count', '0'],
  ['FCALL', 'nosuch', '0'],
  ['EXEC'],
  // The library again, replaced: its state starts over.
  ['FUNCTION', 'LOAD', LIBRARY],
  ['FUNCTION', 'LOAD', 'REPLACE', LIBRARY],
  ['FCALL', 'count', '0'],
  ['FUNCTION', 'STATS'],
];

// FUNCTION's subcommands and their errors; at most one library matches a LIST.
const ADMIN: readonly Step[] = [
  ['FUNCTION', 'FLUSH'],
  ['FUNCTION', 'LIST'],
  ['FUNCTION', 'STATS'],
  load('redis.register_function("f1", function() return 1 end)'),
  load('redis.register_function("f2", function() return 2 end)'),
  load('redis.register_function("f2", function() return 2 end)', 'REPLACE'),
  load('redis.register_function("f2", function() return 2 end)', 'replace', 'REPLACE'),
  ['FCALL', 'f1', '0'],
  ['FCALL', 'f2', '0'],
  ['FUNCTION', 'LOAD', '#!lua name=other\nredis.register_function("F2", function() end)'],
  ['FUNCTION', 'LOAD', '#!lua name=other\nredis.register_function("f3", function() return 3 end)'],
  ['FUNCTION', 'LIST', 'LIBRARYNAME', 'oth*'],
  ['FUNCTION', 'LIST', 'libraryname', 'OTHER', 'withcode'],
  ['FUNCTION', 'LIST', 'WITHCODE', 'LIBRARYNAME', 'l?b'],
  ['FUNCTION', 'LIST', 'LIBRARYNAME', 'nomatch'],
  ['FUNCTION', 'LIST', 'LIBRARYNAME'],
  ['FUNCTION', 'LIST', 'WITHCODE', 'WITHCODE'],
  ['FUNCTION', 'LIST', 'LIBRARYNAME', 'a', 'LIBRARYNAME', 'b'],
  ['FUNCTION', 'LIST', 'bogus'],
  ['FUNCTION', 'STATS'],
  ['FUNCTION', 'STATS', 'x'],
  ['INFO', 'nosuchsection'],
  ['FUNCTION', 'DELETE', 'other'],
  ['FUNCTION', 'DELETE', 'other'],
  ['FUNCTION', 'DELETE', 'LIB'],
  ['FUNCTION', 'DELETE'],
  ['FUNCTION', 'DELETE', 'a', 'b'],
  ['FCALL', 'f3', '0'],
  ['FUNCTION', 'LOAD'],
  ['FUNCTION', 'LOAD', 'REPLACE'],
  ['FUNCTION', 'LOAD', 'foo', 'bar'],
  ['FUNCTION', 'LOAD', 'REPLACE', 'REPLACE', 'x'],
  ['FUNCTION'],
  ['FUNCTION', 'BOGUS'],
  ['FUNCTION', 'KILL'],
  ['FUNCTION', 'KILL', 'x'],
  ['FUNCTION', 'HELP'],
  ['FUNCTION', 'HELP', 'x'],
  ['FUNCTION', 'FLUSH', 'x'],
  ['FUNCTION', 'FLUSH', 'SYNC', 'x'],
  ['FUNCTION', 'FLUSH', 'async'],
  ['FUNCTION', 'FLUSH', 'SYNC'],
  ['FCALL', 'f1', '0'],
  ['FUNCTION', 'STATS'],
  // Scripts cannot manage functions; FLUSHALL and SCRIPT FLUSH leave them.
  load('redis.register_function("kept", function() return "kept" end)'),
  ['EVAL', 'return redis.pcall("function", "flush")', '0'],
  ['FLUSHALL'],
  ['SCRIPT', 'FLUSH'],
  ['FCALL', 'kept', '0'],
];

// FUNCTION RESTORE's checks on a payload (a valid one is built in the test).
const RESTORE_ERRORS: readonly Step[] = [
  ['FUNCTION', 'RESTORE'],
  ['FUNCTION', 'RESTORE', 'x'],
  ['FUNCTION', 'RESTORE', 'x', 'bogus'],
  ['FUNCTION', 'RESTORE', 'x', 'APPEND', 'extra'],
  ['FUNCTION', 'RESTORE', '0123456789'],
];

// Sends each step to both servers and compares the replies; PAYLOAD in a
// step is replaced by `payloads` (for Redis, then for us).
async function exchange(
  clients: readonly [RawClient, RawClient],
  steps: readonly Step[],
  payloads?: readonly [Buffer, Buffer],
): Promise<void> {
  const [theirs, mine] = clients;
  const fill = (step: Step, payload: Buffer | undefined): (string | Buffer)[] =>
    step.map((word) => (word === 'PAYLOAD' && payload !== undefined ? payload : word));
  for (const step of steps) {
    theirs.send([fill(step, payloads?.[0])]);
    mine.send([fill(step, payloads?.[1])]);
    const [expected, actual] = [await theirs.read(1), await mine.read(1)];
    expect(actual, JSON.stringify(step)).toBe(expected);
  }
}

// Replies to `step` from one client, as the raw bytes of a bulk string.
async function bulkReply(client: RawClient, step: Step): Promise<Buffer> {
  client.send([[...step]]);
  const text = await client.read(1);
  const match = /^\$(\d+)\r\n/.exec(text);
  if (match === null) throw new Error(`not a bulk string: ${JSON.stringify(text)}`);
  const start = match[0].length;
  return Buffer.from(text.slice(start, start + Number(match[1])), 'latin1');
}

describe.skipIf(!hasRedis())('differential: functions', () => {
  const ports = useDifferentialServers();

  async function withClients(
    protocol: string,
    body: (clients: readonly [RawClient, RawClient]) => Promise<void>,
  ): Promise<void> {
    const clients = [
      await RawClient.connect(ports.redis),
      await RawClient.connect(ports.ours),
    ] as const;
    try {
      // HELLO's reply names the connection's id, which differs.
      for (const client of clients) {
        client.send([['HELLO', protocol]]);
        await client.read(1);
      }
      await exchange(clients, [['FUNCTION', 'FLUSH'], ['FLUSHALL']]);
      await body(clients);
    } finally {
      for (const client of clients) client.close();
    }
  }

  for (const protocol of ['2', '3']) {
    it(`loads libraries as Redis does: metadata, the load-time API, register_function (RESP${protocol})`, async () => {
      await withClients(protocol, async (clients) => {
        for (const code of LIBRARIES) {
          await exchange(clients, [
            ['FUNCTION', 'FLUSH'],
            ['FUNCTION', 'LOAD', code],
            ['FUNCTION', 'LIST', 'WITHCODE'],
          ]);
        }
      });
    });

    it(`runs functions as Redis does: arguments, replies, errors, flags, state (RESP${protocol})`, async () => {
      await withClients(protocol, async (clients) => {
        await exchange(clients, [['FUNCTION', 'LOAD', LIBRARY], ...CALLS]);
      });
    });

    it(`FUNCTION's subcommands and their errors (RESP${protocol})`, async () => {
      await withClients(protocol, async (clients) => {
        await exchange(clients, ADMIN);
        const info = async (client: RawClient) => {
          client.send([['INFO', 'memory']]);
          return /number_of_functions:\d+/.exec(await client.read(1))?.[0];
        };
        expect(await info(clients[1])).toBe(await info(clients[0]));
      });
    });
  }

  it('FUNCTION DUMP writes what Redis writes, and each server restores the other’s payload', async () => {
    await withClients('2', async (clients) => {
      const [theirs, mine] = clients;
      // An empty dump, then one library without compression and one with.
      const short = '#!lua name=short\nredis.register_function("s", function() return 1 end)';
      const long = `#!lua name=long\nredis.register_function("l", function() return "${'abc'.repeat(40)}" end) -- ${'x'.repeat(100)}`;
      const dumps = async () => [
        await bulkReply(theirs, ['FUNCTION', 'DUMP']),
        await bulkReply(mine, ['FUNCTION', 'DUMP']),
      ];
      for (const code of [undefined, short, long]) {
        if (code !== undefined)
          await exchange(clients, [
            ['FUNCTION', 'FLUSH'],
            ['FUNCTION', 'LOAD', code],
          ]);
        const [expected, actual] = await dumps();
        expect(actual!.toString('hex')).toBe(expected!.toString('hex'));
      }
      // Code of every redundancy, compressed by each (LZF as liblzf does it).
      const seeds = Number(process.env.LZF_SEEDS ?? 20);
      for (let seed = 1; seed <= seeds; seed++) {
        const random = seededRandom(seed);
        const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 '.slice(
          0,
          2 + Math.floor(random() * 35),
        );
        let comment = '';
        const length = Math.floor(random() * 3000);
        while (comment.length < length) {
          // Runs of new text and copies of earlier text, as code has.
          if (comment.length > 10 && random() < 0.3) {
            const from = Math.floor(random() * comment.length);
            comment += comment.slice(from, from + 3 + Math.floor(random() * 300));
          } else comment += alphabet[Math.floor(random() * alphabet.length)];
        }
        const code = `#!lua name=r${seed}\nredis.register_function("r", function() end) -- ${comment}`;
        await exchange(clients, [
          ['FUNCTION', 'FLUSH'],
          ['FUNCTION', 'LOAD', code],
        ]);
        const [expected, actual] = await dumps();
        expect(actual!.toString('hex'), `seed ${seed}`).toBe(expected!.toString('hex'));
      }
      await exchange(clients, [
        ['FUNCTION', 'FLUSH'],
        ['FUNCTION', 'LOAD', long],
      ]);
      await exchange(clients, [['FUNCTION', 'LOAD', short]]);
      const [redisPayload, ourPayload] = await dumps();
      // PAYLOAD is the other server's dump, then each its own.
      // Redis meets a payload's libraries in its hash table's order: only
      // one may collide for the error to name a known one.
      const steps: Step[] = [
        ['FUNCTION', 'DELETE', 'long'],
        ['FUNCTION', 'RESTORE', 'PAYLOAD'],
        ['FUNCTION', 'FLUSH'],
        ['FUNCTION', 'RESTORE', 'PAYLOAD', 'APPEND'],
        ['FUNCTION', 'RESTORE', 'PAYLOAD', 'REPLACE'],
        ['FCALL', 's', '0'],
        ['FCALL', 'l', '0'],
        ['FUNCTION', 'DELETE', 'short'],
        ['FUNCTION', 'RESTORE', 'PAYLOAD', 'replace'],
        ['FUNCTION', 'LOAD', '#!lua name=clash\nredis.register_function("S", function() end)'],
        ['FUNCTION', 'RESTORE', 'PAYLOAD', 'Flush'],
        ['FUNCTION', 'LIST', 'LIBRARYNAME', 'short', 'WITHCODE'],
        ['FUNCTION', 'LIST', 'LIBRARYNAME', 'clash'],
        ['FUNCTION', 'LOAD', '#!lua name=clash\nredis.register_function("S", function() end)'],
        ['FUNCTION', 'STATS'],
      ];
      for (const [forRedis, forUs] of [
        [ourPayload!, redisPayload!],
        [redisPayload!, ourPayload!],
      ]) {
        await exchange(clients, steps, [forRedis!, forUs!]);
        // The other server's payload did restore (not failed on both alike).
        mine.send([
          ['FCALL', 's', '0'],
          ['FCALL', 'l', '0'],
        ]);
        expect(await mine.read(2)).toBe(`:1\r\n$120\r\n${'abc'.repeat(40)}\r\n`);
      }
      // Payloads that do not restore: a wrong checksum, a later RDB
      // version, an opcode that is not a function's, a truncated string,
      // corrupt LZF data.
      const resealed = (body: Buffer) => {
        const footer = Buffer.alloc(8);
        footer.writeBigUInt64LE(crc64(body));
        return Buffer.concat([body, footer]);
      };
      const body = redisPayload!.subarray(0, redisPayload!.length - 8);
      const version = body.length - 2;
      const corrupt = [
        Buffer.concat([body, Buffer.alloc(8)]),
        resealed(Buffer.concat([body.subarray(0, version), Buffer.of(11, 0)])),
        resealed(Buffer.concat([Buffer.of(0), body])),
        resealed(Buffer.concat([Buffer.of(245, 60, 35, 33), body.subarray(version)])),
        resealed(
          Buffer.concat([Buffer.of(245, 0xc3, 5, 30, 1, 2, 3, 4, 5), body.subarray(version)]),
        ),
        resealed(Buffer.concat([Buffer.of(245, 0xc0, 7), body.subarray(version)])),
        resealed(Buffer.concat([Buffer.of(246, 3), Buffer.from('abc'), body.subarray(version)])),
      ];
      await exchange(clients, RESTORE_ERRORS);
      for (const payload of corrupt) {
        await exchange(clients, [['FUNCTION', 'RESTORE', 'PAYLOAD']], [payload, payload]);
      }
    });
  });
});
