// INFO's statistics, SLOWLOG and LATENCY against a real redis-server:
// the same commands on both, then what each reports compared. Times and
// durations differ between the two (and between runs), so they are left
// out or reduced to their shape; everything else must be equal.
import { describe, expect, it } from 'vitest';
import { session, type Value } from './decoded-session.js';
import { hasRedis, useDifferentialServers } from './helpers.js';

type Call = (...command: string[]) => Promise<Value>;

// Runs `commands` on both servers, then `read` on both, and returns what
// each read (Redis's first).
async function onBoth<T>(
  ports: { redis: number; ours: number },
  commands: readonly (readonly string[])[],
  read: (call: Call) => Promise<T>,
  protocol: 2 | 3 = 2,
): Promise<[T, T]> {
  const results: T[] = [];
  for (const port of [ports.redis, ports.ours]) {
    const client = await session(port, protocol);
    try {
      await client.call('CONFIG', 'RESETSTAT');
      for (const command of commands) await client.call(...command);
      results.push(await read(client.call));
    } finally {
      client.close();
    }
  }
  return [results[0]!, results[1]!];
}

// INFO's `section` as its lines, without times and with sorted lines
// (Redis lists commands in hash-table order).
async function infoLines(call: Call, ...sections: string[]): Promise<string[]> {
  const text = (await call('INFO', ...sections)) as string;
  return text
    .split('\r\n')
    .filter((line) => line !== '' && !line.startsWith('cmdstat_info:'))
    .map((line) => line.replace(/usec=\d+,usec_per_call=[\d.]+,/, ''))
    .sort();
}

const enabled = hasRedis();

describe.skipIf(!enabled)('differential: INFO commandstats and errorstats', () => {
  const ports = useDifferentialServers();

  const cases: [string, string[][]][] = [
    [
      'transactions: queued refusals, EXECABORT, errors inside EXEC',
      [
        ['SET', 's', 'x'],
        ['MULTI'],
        ['SET', 'a', '1'],
        ['GET'],
        ['EXEC'],
        ['MULTI'],
        ['INCR', 's'],
        ['LPUSH', 's', 'x'],
        ['GET', 's'],
        ['EXEC'],
        ['MULTI'],
        ['DISCARD'],
        ['EXEC'],
      ],
    ],
    [
      'scripts: redis.call and pcall errors, error_reply, runtime errors',
      [
        ['SET', 's', 'x'],
        ['EVAL', "return redis.call('lpush', 's', 1)", '0'],
        ['EVAL', "return redis.pcall('lpush', 's', 1)", '0'],
        ['EVAL', "local r = redis.pcall('lpush', 's', 1) return 'ok'", '0'],
        ['EVAL', "return redis.error_reply('MYERR custom')", '0'],
        ['EVAL', "return redis.error_reply('nospace')", '0'],
        ['EVAL', "error('boom')", '0'],
        ['EVAL', "return redis.call('nosuch')", '0'],
        ['EVAL', "return redis.call('get')", '0'],
        ['EVAL', 'return {err="OWN table"}', '0'],
        ['EVAL', "return redis.call('get', 's')", '0'],
        ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0'],
        ['FCALL', 'nosuch', '0'],
      ],
    ],
    [
      'refusals: unknown commands and subcommands, arity, subscribe mode',
      [
        ['NOSUCH', 'x'],
        ['CONFIG', 'NOSUCH'],
        ['CONFIG', 'GET'],
        ['CONFIG'],
        ['OBJECT', 'ENCODING'],
        ['GET', 'a', 'b'],
        ['CLIENT', 'ID'],
        ['SUBSCRIBE', 'ch'],
        ['GET', 'a'],
        ['PING'],
        ['UNSUBSCRIBE'],
      ],
    ],
    [
      'blocking commands: served, timed out, and not blocking in MULTI',
      [
        ['BLPOP', 'nolist', '0.01'],
        ['RPUSH', 'list', 'a'],
        ['BLPOP', 'list', '0'],
        ['SET', 's', 'x'],
        ['BLPOP', 's', '0'],
        ['MULTI'],
        ['BLPOP', 'nolist', '0'],
        ['EXEC'],
        ['XREAD', 'BLOCK', '10', 'STREAMS', 'nostream', '$'],
      ],
    ],
  ];

  for (const [name, commands] of cases) {
    it(name, async () => {
      const [expected, actual] = await onBoth(ports, commands, (call) =>
        infoLines(call, 'commandstats', 'errorstats'),
      );
      expect(actual).toEqual(expected);
    });
  }

  it("lists error kinds in the codes' byte order (Redis's radix tree), not first-seen order", async () => {
    const commands = [
      ['SET', 's', 'x'],
      ['LPUSH', 's', 'x'],
      ['EVALSHA', 'nosuch', '0'],
      ['EVAL', "return redis.error_reply('MYERR custom')", '0'],
      ['EVAL', "return {err = 'CUSTOM other'}", '0'],
      ['GET'],
    ];
    const [expected, actual] = await onBoth(
      ports,
      commands,
      async (call) => (await call('INFO', 'errorstats')) as string,
    );
    expect(actual).toBe(expected);
  });

  it('counts keyspace hits and misses, and error replies, in INFO stats', async () => {
    const commands = [
      ['SET', 'a', '1'],
      ['GET', 'a'],
      ['GET', 'b'],
      ['MGET', 'a', 'b', 'c'],
      ['OBJECT', 'ENCODING', 'a'],
      ['OBJECT', 'ENCODING', 'b'],
      ['LPUSH', 'a', 'x'],
      ['EVAL', "return redis.call('get', 'a')", '0'],
    ];
    const [expected, actual] = await onBoth(ports, commands, async (call) =>
      (await infoLines(call, 'stats')).filter((line) =>
        /^(keyspace_hits|keyspace_misses|total_error_replies|expired_keys):/.test(line),
      ),
    );
    expect(actual).toEqual(expected);
    expect(actual).toEqual([
      'expired_keys:0',
      'keyspace_hits:4',
      'keyspace_misses:4',
      'total_error_replies:1',
    ]);
  });

  it('lists the same sections and fields as Redis 7.0', async () => {
    const shape = async (call: Call, ...sections: string[]) =>
      ((await call('INFO', ...sections)) as string)
        .split('\r\n')
        .filter((line) => line.startsWith('#') || /^[a-z_]+:/.test(line))
        .map((line) => (line.startsWith('#') ? line : line.slice(0, line.indexOf(':'))));
    for (const sections of [
      ['stats'],
      ['persistence'],
      ['replication'],
      ['cpu'],
      ['modules', 'cluster'],
      ['errorstats', 'module_list'],
      ['nonsense'],
    ]) {
      const [expected, actual] = await onBoth(ports, [], (call) => shape(call, ...sections));
      expect(actual, sections.join(' ')).toEqual(expected);
    }
    // Server and clients: Redis's fields, but for those of its C build
    // and hz (this server has the 7.4 fields pubsub_clients,
    // watching_clients and total_watched_keys, and names its
    // implementation).
    for (const [section, ours, theirs] of [
      [
        'server',
        /^implementation$/,
        /^(redis_build_id|atomicvar_api|gcc_version|hz|configured_hz)$/,
      ],
      ['clients', /^(pubsub_clients|watching_clients|total_watched_keys)$/, /^$/],
    ] as const) {
      const [expected, actual] = await onBoth(ports, [], (call) => shape(call, section));
      expect(
        actual.filter((name) => !ours.test(name)),
        section,
      ).toEqual(expected.filter((name) => !theirs.test(name)));
    }
    // A master without replicas says the same, but for its replication ID.
    const [replication, ourReplication] = await onBoth(ports, [], async (call) =>
      ((await call('INFO', 'replication')) as string).replace(
        /master_replid:[0-9a-f]{40}/,
        'master_replid:<id>',
      ),
    );
    expect(replication).toContain('master_replid:<id>');
    expect(ourReplication).toBe(replication);
    // Memory: all of Redis's but the Lua VM's own figures, which this
    // server's interpreter does not measure.
    const [expected, actual] = await onBoth(ports, [], (call) => shape(call, 'memory'));
    expect(actual).toEqual(expected.filter((name) => !/^used_memory_(lua|vm_)/.test(name)));
    for (const sections of [
      [],
      ['default'],
      ['all'],
      ['everything'],
      ['commandstats', 'default'],
    ]) {
      const [expected, actual] = await onBoth(ports, [], async (call) =>
        (await shape(call, ...sections)).filter((line) => line.startsWith('#')),
      );
      expect(actual, sections.join(' ')).toEqual(expected);
    }
  });

  it('reports latency percentiles as configured, and none with latency-tracking no', async () => {
    const commands = [
      ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 99.9 100 0.00001 1e1'],
      ['SET', 'a', '1'],
      ['GET', 'a'],
    ];
    const names = async (call: Call) => [
      await call('CONFIG', 'GET', 'latency-tracking-info-percentiles'),
      ((await call('INFO', 'latencystats')) as string)
        .split('\r\n')
        .filter((line) => /^latency_percentiles_usec_(get|set):/.test(line))
        .map((line) => line.replace(/=[\d.]+/g, '=N'))
        .sort(),
    ];
    const [expected, actual] = await onBoth(ports, commands, names);
    expect(actual).toEqual(expected);
    expect(actual[1]).toEqual([
      'latency_percentiles_usec_get:p50=N,p99.9=N,p100=N,p0.00001=N,p10=N',
      'latency_percentiles_usec_set:p50=N,p99.9=N,p100=N,p0.00001=N,p10=N',
    ]);
    const off = [
      ['CONFIG', 'SET', 'latency-tracking', 'no'],
      ['CONFIG', 'RESETSTAT'],
      ['GET', 'a'],
    ];
    const [offExpected, offActual] = await onBoth(ports, off, async (call) => {
      const lines = ((await call('INFO', 'latencystats')) as string).split('\r\n');
      await call('CONFIG', 'SET', 'latency-tracking', 'yes');
      await call('CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 99 99.9');
      return lines.filter((line) => line.includes('_get:'));
    });
    expect(offActual).toEqual(offExpected);
    expect(offActual).toEqual([]);
  });

  it('checks the statistics settings as Redis does', async () => {
    const settings = [
      ['slowlog-log-slower-than', '-2'],
      ['slowlog-log-slower-than', 'x'],
      ['slowlog-max-len', '-1'],
      ['latency-monitor-threshold', '-1'],
      ['latency-tracking', 'maybe'],
      ['latency-tracking-info-percentiles', '101'],
      ['latency-tracking-info-percentiles', '-1'],
      ['latency-tracking-info-percentiles', 'x'],
      ['latency-tracking-info-percentiles', '50 nan'],
      ['latency-tracking-info-percentiles', ''],
      ['latency-tracking-info-percentiles', '50 99 99.9'],
      ['latency-tracking', 'YES'],
    ];
    const [expected, actual] = await onBoth(ports, [], async (call) => {
      const replies: Value[] = [];
      for (const [name, value] of settings) {
        replies.push(await call('CONFIG', 'SET', name!, value!));
        replies.push(await call('CONFIG', 'GET', name!));
      }
      // One name at a time: a pattern lists in Redis's hash-table order.
      replies.push(await call('CONFIG', 'GET', 'slowlog-max-len'));
      replies.push(await call('CONFIG', 'GET', 'latency-monitor-threshold'));
      return replies;
    });
    expect(actual).toEqual(expected);
  });
});

// A slow log entry with its time and duration left out, and a client's
// address reduced to its form (the two servers see different ports).
function entryShape(entry: Value): Value {
  const [id, , , args, client, name] = entry as Value[];
  const address = String(client).replace(/^127\.0\.0\.1:\d+$/, '127.0.0.1:<port>');
  return [id, args, address, name] as Value;
}

describe.skipIf(!enabled)('differential: SLOWLOG', () => {
  const ports = useDifferentialServers();

  it('logs every command at threshold 0: bounded, redacted, with client and name', async () => {
    const many = Array.from({ length: 40 }, (_, i) => `m${i}`);
    const commands = [
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '0'],
      ['SLOWLOG', 'RESET'],
      ['CLIENT', 'SETNAME', 'logger'],
      ['SET', 'k', 'x'.repeat(200)],
      ['RPUSH', 'list', ...many],
      ['AUTH', 'secret'],
      ['AUTH', 'user', 'secret'],
      ['HELLO', '2', 'AUTH', 'default', 'wrong', 'SETNAME', 'n2'],
      ['CONFIG', 'SET', 'requirepass', ''],
      ['MULTI'],
      ['SET', 'a', '1'],
      ['EXEC'],
      ['EVAL', "return redis.call('set', 'b', 2)", '0'],
      ['BLPOP', 'nolist', '0.01'],
      ['GET', 'a'],
    ];
    const [expected, actual] = await onBoth(ports, commands, async (call) => {
      const entries = (await call('SLOWLOG', 'GET', '-1')) as Value[];
      const length = await call('SLOWLOG', 'LEN');
      await call('CONFIG', 'SET', 'slowlog-log-slower-than', '10000');
      return [length, entries.map(entryShape)];
    });
    expect(actual).toEqual(expected);
    // The newest first; EXEC is never logged; a script's command has no client.
    const shapes = (actual as Value[])[1] as Value[][];
    expect(shapes[0]![1]).toEqual(['GET', 'a']);
    expect(shapes.find((entry) => (entry[1] as string[])[0] === 'set')).toEqual([
      expect.any(Number),
      ['set', 'b', '2'],
      '?:0',
      '',
    ]);
  });

  it('answers GET, LEN, RESET and HELP, and their errors, as Redis does', async () => {
    const commands = [
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '0'],
      ['SLOWLOG', 'RESET'],
      ['PING'],
      ['ECHO', 'a'],
      ['ECHO', 'b'],
      ['CONFIG', 'SET', 'slowlog-max-len', '2'],
      ['ECHO', 'c'],
    ];
    const [expected, actual] = await onBoth(ports, commands, async (call) => {
      const replies: Value[] = [];
      for (const command of [
        ['SLOWLOG', 'LEN'],
        ['SLOWLOG', 'GET', '0'],
        ['SLOWLOG', 'GET', '1'],
        ['SLOWLOG', 'GET', '-1'],
        ['SLOWLOG', 'GET', '-2'],
        ['SLOWLOG', 'GET', 'x'],
        ['SLOWLOG', 'GET', '99999999999999999999'],
        ['SLOWLOG', 'GET', '1', '2'],
        ['SLOWLOG', 'LEN', 'x'],
        ['SLOWLOG', 'RESET', 'x'],
        ['SLOWLOG', 'NOSUCH'],
        ['SLOWLOG'],
        ['SLOWLOG', 'HELP'],
        ['SLOWLOG', 'RESET'],
        ['SLOWLOG', 'LEN'],
      ]) {
        const reply = await call(...command);
        replies.push(Array.isArray(reply) && command[1] === 'GET' ? reply.map(entryShape) : reply);
      }
      await call('CONFIG', 'SET', 'slowlog-log-slower-than', '10000');
      await call('CONFIG', 'SET', 'slowlog-max-len', '128');
      return replies;
    });
    // Entry ids count from each server's start; both ran the same commands.
    expect(actual).toEqual(expected);
  });
});

describe.skipIf(!enabled)('differential: LATENCY', () => {
  const ports = useDifferentialServers();

  it('reports histograms of the commands run, by name, container or all', async () => {
    const commands = [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['GET', 'a'],
      ['CONFIG', 'GET', 'timeout'],
      ['CONFIG', 'GET', 'port'],
    ];
    const [expected, actual] = await onBoth(
      ports,
      commands,
      async (call) => {
        const shapes: Value[] = [];
        for (const names of [
          ['set', 'GET'],
          ['config'],
          ['CONFIG|get'],
          ['nosuch', 'get|x', 'set|x', 'config|nosuch', 'a|b|c'],
          ['get', 'get'],
          [],
        ]) {
          const reply = (await call('LATENCY', 'HISTOGRAM', ...names)) as [Value, Value][];
          // Each command's calls, and that its cumulative counts grow to them.
          shapes.push(
            reply
              .map(([name, data]) => {
                const [[, calls], [, buckets]] = data as [[Value, Value], [Value, Value]];
                const counts = (buckets as [Value, Value][]).map(([, count]) => Number(count));
                const grows = counts.every((count, i) => i === 0 || count > counts[i - 1]!);
                return [name, calls, grows && counts.at(-1) === calls ? 'cumulative' : 'wrong'];
              })
              .filter(([name]) => name !== 'config|resetstat' && name !== 'hello')
              .sort(),
          );
        }
        return shapes;
      },
      3,
    );
    expect(actual).toEqual(expected);
    expect((actual as Value[])[0]).toEqual([
      ['get', 1, 'cumulative'],
      ['set', 2, 'cumulative'],
    ]);
  });

  it('samples slow commands over the threshold: LATEST, HISTORY, GRAPH, DOCTOR, RESET', async () => {
    // A script that runs for 150 ms by the server's clock, on both
    // servers; the threshold, 100 ms, is past anything a loaded machine
    // makes of the commands around it. (At 1 ms, with a script of a few
    // ms, a CONFIG SET stalled by a busy CI machine into the next second
    // added a second sample to HISTORY and GRAPH: seen twice in CI.)
    const slow = [
      'EVAL',
      "local function now() local t = redis.call('TIME') return t[1] * 1000000 + t[2] end local start = now() while now() - start < 150000 do end return 1",
      '0',
    ];
    const commands = [
      ['LATENCY', 'RESET'],
      ['CONFIG', 'SET', 'latency-monitor-threshold', '100'],
      slow,
      ['CONFIG', 'SET', 'latency-monitor-threshold', '10000'],
    ];
    const [expected, actual] = await onBoth(ports, commands, async (call) => {
      const digits = (text: Value) => String(text).replace(/\d+/g, 'N');
      const latest = (await call('LATENCY', 'LATEST')) as Value[][];
      const history = (await call('LATENCY', 'HISTORY', 'command')) as Value[][];
      const replies: Value[] = [
        latest.map(([event, , latency, max]) => [event!, latency === max ? 'max' : 'below']),
        history.length,
        await call('LATENCY', 'HISTORY', 'COMMAND'),
        await call('LATENCY', 'HISTORY', 'nosuch'),
        digits(await call('LATENCY', 'GRAPH', 'command')),
        await call('LATENCY', 'GRAPH', 'nosuch'),
        digits(await call('LATENCY', 'DOCTOR')),
        await call('CONFIG', 'SET', 'slowlog-log-slower-than', '-1'),
        digits(await call('LATENCY', 'DOCTOR')),
        await call('CONFIG', 'SET', 'slowlog-log-slower-than', '10000'),
        // Monitoring on, but past anything a loaded machine makes of a
        // command: a redis-server stalled for a millisecond would sample
        // a spike after the RESET (seen once in CI).
        await call('CONFIG', 'SET', 'latency-monitor-threshold', '10000'),
        await call('LATENCY', 'RESET', 'nosuch', 'COMMAND'),
        await call('LATENCY', 'LATEST'),
        await call('LATENCY', 'DOCTOR'),
        await call('CONFIG', 'SET', 'latency-monitor-threshold', '0'),
        await call('LATENCY', 'DOCTOR'),
        await call('LATENCY', 'RESET'),
        await call('LATENCY', 'HISTORY'),
        await call('LATENCY', 'GRAPH', 'a', 'b'),
        await call('LATENCY', 'DOCTOR', 'x'),
        await call('LATENCY', 'NOSUCH'),
        await call('LATENCY', 'HELP'),
      ];
      return replies;
    });
    expect(actual).toEqual(expected);
  });
});
