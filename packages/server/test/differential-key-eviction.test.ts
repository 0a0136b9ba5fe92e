// maxmemory's replies against a real redis-server, byte for byte: with
// the data over the limit and noeviction, which commands are refused
// with OOM (those that may grow the data, any but EXEC, DISCARD, QUIT and
// RESET in a transaction, an EXEC that queued one before the memory ran
// out, a script's first write but not one after a write, a script whose
// shebang lets it write without allow-oom, a function without flags) and
// which run; then an LFU policy: OBJECT FREQ from 5, its first access,
// OBJECT IDLETIME's refusal, RESTORE's FREQ; and the settings' forms.
// Which keys each policy evicts is checked in key-eviction.test.ts.
import { describe, expect, it } from 'vitest';
import { compareEach, hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const RESET = [
  ['CONFIG', 'SET', 'maxmemory', '0'],
  ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
  ['CONFIG', 'SET', 'lfu-log-factor', '10', 'lfu-decay-time', '1'],
  ['FUNCTION', 'FLUSH'],
  ['FLUSHALL'],
];

const LIBRARY = "#!lua name=lib\nredis.register_function('f', function() return 1 end)";

describe.skipIf(!hasRedis())('differential: maxmemory', () => {
  const ports = useDifferentialServers();

  it('refuses what Redis refuses with OOM, and runs the rest', async () => {
    await compareEach(
      ports,
      [
        ['FLUSHALL'],
        ['FUNCTION', 'LOAD', LIBRARY],
        // Keys, so that this server's count, which is of the data, is over 1 byte.
        ['SET', 'k', 'v'],
        ['SET', 'k2', 'v2'],
        ['CONFIG', 'SET', 'maxmemory', '1'],
        ['SET', 'a', 'b'],
        ['INCR', 'n'],
        ['RPUSH', 'l', 'x'],
        ['GET', 'k'],
        ['EXPIRE', 'k', '100'],
        ['PERSIST', 'k'],
        ['DEL', 'missing'],
        ['PUBLISH', 'channel', 'message'],
        ['PING'],
        ['MULTI'],
        ['GET', 'k'],
        ['PING'],
        ['EXEC'],
        ['MULTI'],
        ['DISCARD'],
        ['EVAL', "return redis.call('set', 'x', 'y')", '0'],
        ['EVAL', "redis.call('get', 'k') return redis.call('set', 'x', 'y')", '0'],
        // After a write, the script may go on: stopping it would leave it half done.
        ['EVAL', "redis.call('del', 'missing') return redis.call('set', 'x', 'y')", '0'],
        ['DEL', 'x'],
        ['EVAL', "return redis.pcall('set', 'x', 'y')['err']", '0'],
        ['EVAL', '#!lua flags=no-writes\nreturn 1', '0'],
        ['EVAL', '#!lua\nreturn 1', '0'],
        ['EVAL', "#!lua flags=allow-oom\nreturn redis.call('set', 'x', 'y')", '0'],
        ['DEL', 'x'],
        ['FCALL', 'f', '0'],
        ['FUNCTION', 'LOAD', LIBRARY.replace('lib', 'other')],
        ['DBSIZE'],
        ['CONFIG', 'SET', 'maxmemory', '0'],
        ['SET', 'a', 'b'],
      ],
      { reset: RESET },
    );
  });

  it('aborts an EXEC whose queued write the memory ran out under, naming OOM', async () => {
    const clients = await Promise.all(
      [ports.redis, ports.ours, ports.redis, ports.ours].map((port) => RawClient.connect(port)),
    );
    const [theirs, mine, theirAdmin, myAdmin] = clients as [
      RawClient,
      RawClient,
      RawClient,
      RawClient,
    ];
    try {
      const both = async (
        a: RawClient,
        b: RawClient,
        commands: string[][],
      ): Promise<[string, string]> => {
        a.send(commands);
        b.send(commands);
        return Promise.all([a.read(commands.length), b.read(commands.length)]);
      };
      await both(theirAdmin, myAdmin, [['FLUSHALL'], ['SET', 'k', 'v']]);
      const queued = await both(theirs, mine, [['MULTI'], ['SET', 'a', '1'], ['GET', 'k']]);
      expect(queued[1]).toBe(queued[0]);
      await both(theirAdmin, myAdmin, [['CONFIG', 'SET', 'maxmemory', '1']]);
      const [expected, actual] = await both(theirs, mine, [['EXEC'], ['EXISTS', 'a']]);
      expect(actual).toBe(expected);
      expect(actual).toBe(
        "-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n:0\r\n",
      );
    } finally {
      for (const admin of [theirAdmin, myAdmin]) {
        admin.send(RESET);
        await admin.read(RESET.length);
      }
      for (const client of clients) client.close();
    }
  });

  it('counts accesses under an LFU policy as Redis does', async () => {
    // The payload of the string "v", as DUMP gives it.
    const dumper = await RawClient.connect(ports.redis);
    dumper.send([
      ['SET', 'dumped', 'v'],
      ['DUMP', 'dumped'],
      ['DEL', 'dumped'],
    ]);
    const dumped = await dumper.read(3);
    dumper.close();
    const start = dumped.indexOf('$', 5);
    const length = Number(dumped.slice(start + 1, dumped.indexOf('\r\n', start)));
    const body = dumped.indexOf('\r\n', start) + 2;
    const payload = Buffer.from(dumped.slice(body, body + length), 'latin1');
    await compareEach(
      ports,
      [
        ['OBJECT', 'FREQ', 'f'],
        ['CONFIG', 'SET', 'maxmemory-policy', 'ALLKEYS-LFU'],
        ['CONFIG', 'GET', 'maxmemory-policy'],
        ['SET', 'f', 'v'],
        ['OBJECT', 'FREQ', 'f'],
        ['GET', 'f'],
        ['OBJECT', 'FREQ', 'f'],
        ['OBJECT', 'FREQ', 'missing'],
        ['OBJECT', 'IDLETIME', 'f'],
        ['RESTORE', 'r', '0', payload, 'FREQ', '100'],
        ['OBJECT', 'FREQ', 'r'],
        ['RESTORE', 'r2', '0', payload, 'IDLETIME', '1000'],
        ['OBJECT', 'FREQ', 'r2'],
        ['RESTORE', 'r3', '0', payload, 'FREQ', '256'],
        ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-lfu'],
        ['OBJECT', 'FREQ', 'r'],
        ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru'],
        ['OBJECT', 'FREQ', 'r'],
        ['RESTORE', 'r4', '0', payload, 'IDLETIME', '1000'],
        ['OBJECT', 'IDLETIME', 'r4'],
      ],
      { reset: RESET },
    );
  });

  it("takes the settings' values and reports them as Redis does", async () => {
    await compareEach(
      ports,
      [
        ['CONFIG', 'GET', 'lfu-log-factor'],
        ['CONFIG', 'GET', 'lfu-decay-time'],
        ['CONFIG', 'SET', 'lfu-log-factor', '-1'],
        ['CONFIG', 'SET', 'lfu-decay-time', 'soon'],
        ['CONFIG', 'SET', 'lfu-log-factor', '20', 'lfu-decay-time', '0'],
        // One at a time: Redis lists a pattern's matches in its table's order.
        ['CONFIG', 'GET', 'lfu-log-factor'],
        ['CONFIG', 'GET', 'lfu-decay-time'],
        ['CONFIG', 'SET', 'maxmemory', '100mb'],
        ['CONFIG', 'GET', 'maxmemory'],
        ['CONFIG', 'SET', 'maxmemory', '1gb'],
        ['CONFIG', 'GET', 'maxmemory'],
        ['CONFIG', 'SET', 'maxmemory', '3000000000'],
        ['CONFIG', 'GET', 'maxmemory'],
      ],
      { reset: RESET },
    );
    const [theirs, mine] = await Promise.all([
      RawClient.connect(ports.redis),
      RawClient.connect(ports.ours),
    ]);
    const limitLines = (info: string) =>
      info.split('\r\n').filter((line) => line.startsWith('maxmemory'));
    try {
      // Past 2^53 (kept exact), past 2^60 (in full bytes), and 2^64 - 1 (-1).
      for (const limit of [
        '100mb',
        '1500k',
        '9007199254740993',
        '1152921504606846977',
        '18446744073709551615',
        '0',
      ]) {
        const commands = [
          ['CONFIG', 'SET', 'maxmemory', limit],
          ['INFO', 'memory'],
        ];
        theirs.send(commands);
        mine.send(commands);
        const [expected, actual] = await Promise.all([theirs.read(2), mine.read(2)]);
        expect(limitLines(actual)).toEqual(limitLines(expected));
      }
    } finally {
      theirs.send(RESET);
      await theirs.read(RESET.length);
      theirs.close();
      mine.close();
    }
  });
});
