// MONITOR against a real redis-server: one connection monitors while
// another runs a script, and both see the same bytes from our server as
// from Redis, in RESP2 and RESP3, once each line's timestamp and client
// address are masked (they differ between any two runs). The monitor's own
// commands run too, so what a monitor may run, and where its own lines
// fall among its replies, are compared as well.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const MONITOR_END = 'monitor-end';
const OTHER_END = 'other-end';

// Every byte value, so the escaping of arguments is compared whole.
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

interface Scenario {
  /** What the monitoring connection sends after MONITOR, before the script. */
  readonly monitor: (string | Buffer)[][];
  /** What the other connection runs. */
  readonly script: (string | Buffer)[][];
  /** The monitor's part ends monitoring (RESET): it sees nothing of the script. */
  readonly stops?: boolean;
}

const SCENARIOS: Record<string, Scenario> = {
  'commands, arguments and refusals': {
    monitor: [],
    script: [
      ['PING'],
      ['SET', 'k', ALL_BYTES],
      ['SET', ALL_BYTES, 'v'],
      ['GET', 'k'],
      ['APPEND', 'k', 'tail "quoted" \\ back'],
      ['SET', 'n', '12345'],
      ['SET', 'neg', '-1'],
      ['INCR', 'n'],
      ['INCR', 'k'],
      ['ECHO', ''],
      ['MSET', 'a', '1', 'b', '2'],
      ['DEL', 'a', 'b', 'missing'],
      ['EXPIRE', 'n', '100'],
      // Refused before running: not shown.
      ['GET'],
      ['FOO', 'bar'],
      ['CLIENT', 'NOPE'],
      // Administrative: not shown.
      ['CONFIG', 'GET', 'maxclients'],
      ['CLIENT', 'LIST', 'ID', '999999'],
      ['CLIENT', 'KILL', 'ID', '999999'],
      // Shown.
      ['CLIENT', 'SETNAME', 'app'],
      ['CLIENT', 'GETNAME'],
      ['INFO', 'keyspace'],
      ['DBSIZE'],
      ['SELECT', '3'],
      ['SET', 'in3', 'x'],
      ['SELECT', '0'],
      ['PUBLISH', 'ch', 'msg'],
      ['SETBIT', 'bits', '7', '1'],
      ['BITFIELD', 'bf', 'SET', 'u8', '0', '255'],
    ],
  },
  'passwords redacted': {
    monitor: [],
    script: [
      ['AUTH', 'secret'],
      ['AUTH', 'user', 'secret'],
      ['AUTH', 'a', 'b', 'c'],
      ['HELLO', '2', 'AUTH', 'default', 'secret'],
      ['HELLO', '2', 'AUTH', 'nobody', 'secret'],
      ['HELLO', '2', 'SETNAME', 'x', 'AUTH', 'default', 'secret'],
      ['HELLO', '2', 'FOO', 'AUTH', 'default', 'secret'],
      ['HELLO', '2', 'AUTH', 'default'],
      ['HELLO', '4', 'AUTH', 'default', 'secret'],
      ['HELLO', 'x', 'AUTH', 'default', 'secret'],
      ['hello', '2', 'auth', 'default', 'secret', 'setname', 'n'],
    ],
  },
  transactions: {
    monitor: [],
    script: [
      ['MULTI'],
      ['SET', 'a', 'b'],
      ['GET', 'a'],
      ['EXEC'],
      ['MULTI'],
      ['INCR', 'x'],
      ['DISCARD'],
      ['MULTI'],
      ['FOO'],
      ['EXEC'],
      ['EXEC', 'extra'],
      ['EXEC'],
      ['WATCH', 'w'],
      ['SET', 'w', '1'],
      ['MULTI'],
      ['GET', 'w'],
      ['EXEC'],
      ['MULTI'],
      ['SELECT', '2'],
      ['SET', 'two', '2'],
      ['SELECT', '0'],
      ['EXEC'],
      ['MULTI'],
      ['MONITOR'],
      ['EXEC'],
    ],
  },
  'subscribed connection': {
    monitor: [],
    script: [['SUBSCRIBE', 'c1'], ['PSUBSCRIBE', 'p*'], ['GET', 'k'], ['PING'], ['UNSUBSCRIBE']],
  },
  "the monitor's own commands": {
    monitor: [
      ['PING'],
      ['ECHO', 'mine'],
      ['GET', 'k'],
      ['SET', 'k', 'v'],
      ['PUBLISH', 'c', 'm'],
      ['MONITOR'],
      ['CLIENT', 'GETNAME'],
      ['MULTI'],
      ['GET', 'k'],
      ['PING'],
      ['EXEC'],
      ['MULTI'],
      ['PING'],
      ['ECHO', 'in exec'],
      ['EXEC'],
      // May replicate, though COMMAND INFO does not say it: refused, as
      // are scripts that declare they may write; one that declares
      // no-writes, and EVAL_RO, run.
      ['EVAL', 'return 1', '0'],
      ['EVAL', '#!lua\nreturn 2', '0'],
      ['EVAL', '#!lua flags=no-writes\nreturn 3', '0'],
      ['EVAL_RO', 'return 4', '0'],
      ['EVAL_RO', '#!lua\nreturn 5', '0'],
      ['EVALSHA', '0123456789012345678901234567890123456789', '0'],
      ['FCALL', 'nosuch', '0'],
      ['PFCOUNT', 'h'],
      // A container's subcommand has flags of its own.
      ['FUNCTION', 'DELETE', 'nosuch'],
      ['FUNCTION', 'LIST', 'LIBRARYNAME', 'nosuch'],
      ['OBJECT', 'HELP'],
      ['OBJECT', 'ENCODING', 'h'],
      ['SUBSCRIBE', 'mon'],
      ['GET', 'k'],
      ['PING'],
    ],
    script: [
      ['SET', 'from', 'other'],
      ['PUBLISH', 'mon', 'hello'],
    ],
  },
  'scripts: EVAL first, then its commands as the lua client': {
    monitor: [],
    script: [
      [
        'EVAL',
        'redis.call("set", KEYS[1], ARGV[1]) return redis.call("get", KEYS[1])',
        '1',
        'k',
        'v',
      ],
      ['EVAL', 'redis.call("select", 2) return redis.call("incr", "n")', '0'],
      ['EVAL_RO', 'return redis.call("get", "k")', '0'],
      ['EVAL', 'return (', '0'],
      ['EVAL', 'return 1', 'x'],
      ['EVALSHA', '0123456789012345678901234567890123456789', '0'],
      ['SCRIPT', 'LOAD', 'return redis.call("ping")'],
      ['EVALSHA', 'd1ba26e3351afe31c9d0b4f786e9dd5a661e6997', '0'],
    ],
  },
  'functions: FUNCTION LOAD, then FCALL first and its commands as the lua client': {
    monitor: [],
    script: [
      ['FUNCTION', 'FLUSH'],
      [
        'FUNCTION',
        'LOAD',
        '#!lua name=mon\nredis.register_function("w", function(keys, args) return redis.call("set", keys[1], args[1]) end)',
      ],
      ['FCALL', 'w', '1', 'fk', 'v'],
      ['FCALL_RO', 'w', '1', 'fk', 'v'],
      ['FCALL', 'nosuch', '0'],
      ['FCALL', 'w', 'x'],
      ['FUNCTION', 'DELETE', 'mon'],
    ],
  },
  'a monitor that resets': {
    monitor: [['RESET'], ['GET', 'k'], ['SET', 'k', 'v']],
    script: [['SET', 'unseen', 'x']],
    stops: true,
  },
};

// `+1764000000.123456 [0 127.0.0.1:51234]` → `+T [0 ADDR]`; a script's
// commands (`[0 lua]`) keep their source.
function mask(text: string): string {
  return text
    .replace(/^\+\d+\.\d{6} \[(\d+) 127\.0\.0\.1:\d+\]/gm, '+T [$1 ADDR]')
    .replace(/^\+\d+\.\d{6} \[(\d+) lua\]/gm, '+T [$1 lua]');
}

// The ids in HELLO's reply differ between servers too.
function maskIds(text: string): string {
  return text.replace(/\$2\r\nid\r\n:\d+\r\n/g, '$2\r\nid\r\n:ID\r\n');
}

describe.skipIf(!hasRedis())('differential: MONITOR against redis-server', () => {
  const ports = useDifferentialServers();

  async function readUntil(client: RawClient, done: (text: string) => boolean): Promise<string> {
    let text = '';
    while (!done(text)) text += await client.read(1);
    // A monitor's line follows its own command's reply in the same write;
    // give anything still on its way a moment, so both servers are read alike.
    await new Promise((resolve) => setTimeout(resolve, 30));
    return text + client.drain();
  }

  async function run(port: number, protocol: 2 | 3, scenario: Scenario) {
    const setup = await RawClient.connect(port);
    setup.send([['FLUSHALL']]);
    await setup.read(1);
    setup.close();
    const monitor = await RawClient.connect(port);
    const other = await RawClient.connect(port);
    try {
      for (const client of [monitor, other]) {
        if (protocol === 3) {
          client.send([['HELLO', '3']]);
          await client.read(1);
        }
      }
      // The monitor's part runs to its marker before the other connection
      // starts, so the two never interleave.
      monitor.send([['MONITOR'], ...scenario.monitor, ['PING', MONITOR_END]]);
      let monitorText = await readUntil(monitor, (text) => text.includes(MONITOR_END));
      other.send([...scenario.script, ['PING', OTHER_END]]);
      const otherText = await readUntil(other, (text) => text.endsWith(`${OTHER_END}\r\n`));
      // The other connection's last line, unless the monitor stopped (RESET).
      monitorText += scenario.stops
        ? await readUntil(monitor, () => true)
        : await readUntil(monitor, (text) => text.includes(`"PING" "${OTHER_END}"`));
      return { monitor: maskIds(mask(monitorText)), other: maskIds(otherText) };
    } finally {
      monitor.close();
      other.close();
    }
  }

  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    for (const protocol of [2, 3] as const) {
      it(`${name} in RESP${protocol}`, async () => {
        const expected = await run(ports.redis, protocol, scenario);
        const actual = await run(ports.ours, protocol, scenario);
        expect(actual.other.split('\r\n')).toEqual(expected.other.split('\r\n'));
        expect(actual.monitor.split('\r\n')).toEqual(expected.monitor.split('\r\n'));
      });
    }
  }
});
