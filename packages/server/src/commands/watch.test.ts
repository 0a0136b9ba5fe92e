// WATCH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, OK } from '../../test/command-harness.js';
import { RdbWriter } from '../rdb/format.js';
import { writeObject } from '../rdb/objects.js';
import { commandTable } from './index.js';

const NULL_ARRAY = '*-1\r\n';
const RAN = '*1\r\n+PONG\r\n';

// Watches `key` on the harness's first client, lets `change` run (on
// another client unless told otherwise), then runs MULTI PING EXEC:
// returns EXEC's reply.
function execAfter(h: CommandHarness, change: () => void, key = 'k'): string {
  expect(h.run('WATCH', key)).toBe(OK);
  change();
  h.run('MULTI');
  h.run('PING');
  return h.run('EXEC');
}

// One invocation of every command Redis flags `write`, each of which
// changes key `k` from the state `setup` leaves (default: k = "10" with a
// deadline). A new write command must add a line here: the test below
// checks the list against the command table.
// RESTORE's payload: the string "v" as DUMP gives it.
const DUMPED_V = (() => {
  const writer = new RdbWriter();
  writeObject(writer, Buffer.from('v'));
  return writer.payload();
})();

// Write commands whose change case needs a network: MIGRATE, which needs
// a target (test/differential-migrate.test.ts watches a key it moves).
const ELSEWHERE = ['migrate'];

const CHANGES: Record<string, { args: (string | Buffer)[]; setup?: string[][] }> = {
  append: { args: ['APPEND', 'k', 'x'] },
  bitfield: { args: ['BITFIELD', 'k', 'SET', 'u8', '0', '0'] },
  bitop: { args: ['BITOP', 'NOT', 'k', 'k'] },
  copy: {
    args: ['COPY', 'src', 'k', 'REPLACE'],
    setup: [
      ['SET', 'src', 'v'],
      ['SET', 'k', '10'],
    ],
  },
  restore: { args: ['RESTORE', 'k', '0', DUMPED_V, 'REPLACE'] },
  'restore-asking': { args: ['RESTORE-ASKING', 'k', '0', DUMPED_V, 'REPLACE'] },
  decr: { args: ['DECR', 'k'] },
  decrby: { args: ['DECRBY', 'k', '2'] },
  del: { args: ['DEL', 'k'] },
  expire: { args: ['EXPIRE', 'k', '50'] },
  expireat: { args: ['EXPIREAT', 'k', '4102444800'] },
  flushall: { args: ['FLUSHALL'] },
  flushdb: { args: ['FLUSHDB'] },
  getdel: { args: ['GETDEL', 'k'] },
  getex: { args: ['GETEX', 'k', 'PERSIST'] },
  getset: { args: ['GETSET', 'k', 'v'] },
  // Hashes: a change even when the value stays the same, as in Redis.
  hdel: { args: ['HDEL', 'k', 'a'], setup: [['HSET', 'k', 'a', '1', 'n', '5']] },
  hincrby: { args: ['HINCRBY', 'k', 'n', '0'], setup: [['HSET', 'k', 'a', '1', 'n', '5']] },
  hincrbyfloat: {
    args: ['HINCRBYFLOAT', 'k', 'n', '0'],
    setup: [['HSET', 'k', 'a', '1', 'n', '5']],
  },
  hmset: { args: ['HMSET', 'k', 'a', '1'], setup: [['HSET', 'k', 'a', '1', 'n', '5']] },
  hset: { args: ['HSET', 'k', 'a', '1'], setup: [['HSET', 'k', 'a', '1', 'n', '5']] },
  hsetnx: { args: ['HSETNX', 'k', 'b', '1'], setup: [['HSET', 'k', 'a', '1', 'n', '5']] },
  // Lists: LTRIM and a rotating LMOVE count as changes even when the
  // list reads the same, as in Redis.
  lpush: { args: ['LPUSH', 'k', 'c'], setup: [['RPUSH', 'k', 'a', 'b']] },
  rpush: { args: ['RPUSH', 'k', 'c'], setup: [['RPUSH', 'k', 'a', 'b']] },
  lpushx: { args: ['LPUSHX', 'k', 'c'], setup: [['RPUSH', 'k', 'a', 'b']] },
  rpushx: { args: ['RPUSHX', 'k', 'c'], setup: [['RPUSH', 'k', 'a', 'b']] },
  lpop: { args: ['LPOP', 'k'], setup: [['RPUSH', 'k', 'a', 'b']] },
  rpop: { args: ['RPOP', 'k'], setup: [['RPUSH', 'k', 'a', 'b']] },
  lset: { args: ['LSET', 'k', '0', 'a'], setup: [['RPUSH', 'k', 'a', 'b']] },
  lrem: { args: ['LREM', 'k', '0', 'a'], setup: [['RPUSH', 'k', 'a', 'b']] },
  linsert: { args: ['LINSERT', 'k', 'BEFORE', 'a', 'x'], setup: [['RPUSH', 'k', 'a', 'b']] },
  ltrim: { args: ['LTRIM', 'k', '0', '-1'], setup: [['RPUSH', 'k', 'a', 'b']] },
  lmove: { args: ['LMOVE', 'k', 'k', 'LEFT', 'LEFT'], setup: [['RPUSH', 'k', 'a', 'b']] },
  rpoplpush: {
    args: ['RPOPLPUSH', 'src', 'k'],
    setup: [
      ['RPUSH', 'k', 'a'],
      ['RPUSH', 'src', 'x'],
    ],
  },
  lmpop: { args: ['LMPOP', '1', 'k', 'LEFT'], setup: [['RPUSH', 'k', 'a', 'b']] },
  // The blocking pops, on a list that has elements: they pop at once.
  blpop: { args: ['BLPOP', 'k', '0'], setup: [['RPUSH', 'k', 'a', 'b']] },
  brpop: { args: ['BRPOP', 'k', '0'], setup: [['RPUSH', 'k', 'a', 'b']] },
  blmove: { args: ['BLMOVE', 'k', 'k', 'LEFT', 'RIGHT', '0'], setup: [['RPUSH', 'k', 'a', 'b']] },
  brpoplpush: { args: ['BRPOPLPUSH', 'k', 'other', '0'], setup: [['RPUSH', 'k', 'a', 'b']] },
  blmpop: { args: ['BLMPOP', '0', '1', 'k', 'LEFT'], setup: [['RPUSH', 'k', 'a', 'b']] },
  // Sets.
  sadd: { args: ['SADD', 'k', 'c'], setup: [['SADD', 'k', 'a', 'b']] },
  srem: { args: ['SREM', 'k', 'a'], setup: [['SADD', 'k', 'a', 'b']] },
  spop: { args: ['SPOP', 'k'], setup: [['SADD', 'k', 'a', 'b']] },
  smove: { args: ['SMOVE', 'k', 'other', 'a'], setup: [['SADD', 'k', 'a', 'b']] },
  sinterstore: { args: ['SINTERSTORE', 'k', 'src'], setup: [['SADD', 'src', 'x']] },
  sunionstore: { args: ['SUNIONSTORE', 'k', 'src'], setup: [['SADD', 'src', 'x']] },
  sdiffstore: { args: ['SDIFFSTORE', 'k', 'src'], setup: [['SADD', 'src', 'x']] },
  // Sorted sets.
  zadd: { args: ['ZADD', 'k', '3', 'c'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  zincrby: { args: ['ZINCRBY', 'k', '1', 'a'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  zrem: { args: ['ZREM', 'k', 'a'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  zpopmin: { args: ['ZPOPMIN', 'k'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  zpopmax: { args: ['ZPOPMAX', 'k'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  zmpop: { args: ['ZMPOP', '1', 'k', 'MIN'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  bzpopmin: { args: ['BZPOPMIN', 'k', '0'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  bzpopmax: { args: ['BZPOPMAX', 'k', '0'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  bzmpop: { args: ['BZMPOP', '0', '1', 'k', 'MIN'], setup: [['ZADD', 'k', '1', 'a', '2', 'b']] },
  zremrangebyrank: {
    args: ['ZREMRANGEBYRANK', 'k', '0', '0'],
    setup: [['ZADD', 'k', '1', 'a', '2', 'b']],
  },
  zremrangebyscore: {
    args: ['ZREMRANGEBYSCORE', 'k', '1', '1'],
    setup: [['ZADD', 'k', '1', 'a', '2', 'b']],
  },
  zremrangebylex: {
    args: ['ZREMRANGEBYLEX', 'k', '[a', '[a'],
    setup: [['ZADD', 'k', '0', 'a', '0', 'b']],
  },
  zrangestore: { args: ['ZRANGESTORE', 'k', 'src', '0', '-1'], setup: [['ZADD', 'src', '1', 'x']] },
  sort: { args: ['SORT', 'src', 'STORE', 'k'], setup: [['RPUSH', 'src', '2', '1']] },
  pfadd: { args: ['PFADD', 'k', 'new'], setup: [['PFADD', 'k', 'old']] },
  pfmerge: { args: ['PFMERGE', 'k', 'src'], setup: [['PFADD', 'src', 'x']] },
  geoadd: { args: ['GEOADD', 'k', '1', '2', 'new'], setup: [['GEOADD', 'k', '1', '2', 'old']] },
  georadius: {
    args: ['GEORADIUS', 'src', '1', '2', '1', 'km', 'STORE', 'k'],
    setup: [['GEOADD', 'src', '1', '2', 'x']],
  },
  georadiusbymember: {
    args: ['GEORADIUSBYMEMBER', 'src', 'x', '1', 'km', 'STOREDIST', 'k'],
    setup: [['GEOADD', 'src', '1', '2', 'x']],
  },
  geosearchstore: {
    args: ['GEOSEARCHSTORE', 'k', 'src', 'FROMMEMBER', 'x', 'BYRADIUS', '1', 'km'],
    setup: [['GEOADD', 'src', '1', '2', 'x']],
  },
  zunionstore: { args: ['ZUNIONSTORE', 'k', '1', 'src'], setup: [['ZADD', 'src', '1', 'x']] },
  zinterstore: { args: ['ZINTERSTORE', 'k', '1', 'src'], setup: [['ZADD', 'src', '1', 'x']] },
  zdiffstore: { args: ['ZDIFFSTORE', 'k', '1', 'src'], setup: [['ZADD', 'src', '1', 'x']] },
  // 10 -> 11 keeps the width: the digits are overwritten in place.
  incr: { args: ['INCR', 'k'] },
  incrby: { args: ['INCRBY', 'k', '0'] },
  incrbyfloat: { args: ['INCRBYFLOAT', 'k', '1.5'] },
  move: { args: ['MOVE', 'k', '1'] },
  mset: { args: ['MSET', 'k', 'v'] },
  msetnx: { args: ['MSETNX', 'k', 'v'], setup: [] },
  persist: { args: ['PERSIST', 'k'] },
  pexpire: { args: ['PEXPIRE', 'k', '5000'] },
  pexpireat: { args: ['PEXPIREAT', 'k', '4102444800000'] },
  psetex: { args: ['PSETEX', 'k', '1000', 'v'] },
  rename: { args: ['RENAME', 'src', 'k'], setup: [['SET', 'src', 'v']] },
  renamenx: { args: ['RENAMENX', 'src', 'k'], setup: [['SET', 'src', 'v']] },
  set: { args: ['SET', 'k', '10'] },
  setbit: { args: ['SETBIT', 'k', '0', '1'] },
  setex: { args: ['SETEX', 'k', '100', 'v'] },
  setnx: { args: ['SETNX', 'k', 'v'], setup: [] },
  setrange: { args: ['SETRANGE', 'k', '0', 'x'] },
  // k exists in database 0, the one watched: what it names changes.
  swapdb: { args: ['SWAPDB', '0', '1'] },
  unlink: { args: ['UNLINK', 'k'] },
  xadd: { args: ['XADD', 'k', '2-0', 'f', 'v'], setup: [['XADD', 'k', '1-0', 'f', 'v']] },
  xdel: { args: ['XDEL', 'k', '1-0'], setup: [['XADD', 'k', '1-0', 'f', 'v']] },
  xtrim: { args: ['XTRIM', 'k', 'MAXLEN', '0'], setup: [['XADD', 'k', '1-0', 'f', 'v']] },
};

// Write commands that change a key's consumer groups or counters but,
// in Redis 7.0 (measured), signal no watcher: a transaction watching the
// key still runs.
const UNSIGNALLED: Record<string, { args: string[]; setup: string[][]; key?: string }> = {
  xack: { args: ['XACK', 'k', 'g', '1-0'], setup: [] },
  xautoclaim: { args: ['XAUTOCLAIM', 'k', 'g', 'c', '0', '0'], setup: [] },
  xclaim: { args: ['XCLAIM', 'k', 'g', 'c', '0', '1-0'], setup: [] },
  xreadgroup: { args: ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'k', '>'], setup: [] },
  xsetid: { args: ['XSETID', 'k', '5-0'], setup: [] },
  // PFDEBUG TODENSE rewrites the sketch's bytes and signals no one.
  pfdebug: { args: ['PFDEBUG', 'TODENSE', 'h'], setup: [['PFADD', 'h', 'x']], key: 'h' },
};

describe('WATCH', () => {
  it('has a change case for every write command', () => {
    const writes = [...commandTable().values()]
      .filter((command) => command.flags.includes('write'))
      .map((command) => command.name)
      .sort();
    expect([...Object.keys(CHANGES), ...Object.keys(UNSIGNALLED), ...ELSEWHERE].sort()).toEqual(
      writes,
    );
  });

  for (const [name, { args, setup, key = 'k' }] of Object.entries(UNSIGNALLED)) {
    it(`lets EXEC run after ${args.join(' ')} on another connection, as Redis 7.0 does`, () => {
      const h = new CommandHarness();
      h.run('XADD', 'k', '1-0', 'f', 'v');
      h.run('XGROUP', 'CREATE', 'k', 'g', '0');
      for (const command of setup) h.run(...command);
      const other = h.connect();
      expect(
        execAfter(h, () => expect(other.run(...args)).not.toMatch(/^-/), key),
        name,
      ).toBe(RAN);
    });
  }

  for (const [name, { args, setup = [['SET', 'k', '10', 'EX', '100']] }] of Object.entries(
    CHANGES,
  )) {
    it(`makes EXEC fail after ${args.join(' ')} on another connection`, () => {
      // The same steps without the change: EXEC runs.
      const control = new CommandHarness();
      for (const command of setup) control.run(...command);
      expect(execAfter(control, () => {})).toBe(RAN);

      const h = new CommandHarness();
      for (const command of setup) h.run(...command);
      const other = h.connect();
      expect(execAfter(h, () => expect(other.run(...args)).not.toMatch(/^-/))).toBe(NULL_ARRAY);
      // EXEC unwatched everything: the next transaction runs.
      h.run('MULTI');
      h.run('PING');
      expect(h.run('EXEC'), name).toBe(RAN);
    });
  }

  it('ignores writes that change nothing, reads, and other keys', () => {
    const unchanged = [
      ['SET', 'k', 'x', 'NX'],
      ['SETNX', 'k', 'x'],
      ['MSETNX', 'k', 'x', 'other', 'y'],
      ['DEL', 'missing'],
      ['EXPIRE', 'missing', '10'],
      ['EXPIRE', 'k', '500', 'NX'],
      ['GETEX', 'k'],
      ['GETEX', 'nottl', 'PERSIST'],
      ['PERSIST', 'nottl'],
      ['RENAME', 'k', 'k'],
      ['SETRANGE', 'k', '0', ''],
      ['GET', 'k'],
      ['TTL', 'k'],
      ['SET', 'other', 'v'],
      ['TOUCH', 'k'],
      // "10" is 0x31 0x30: bit 2 is already set.
      ['SETBIT', 'k', '2', '1'],
      ['BITCOUNT', 'k'],
      // "1" is 0x31, 49: the same value; then an increment that fails.
      ['BITFIELD', 'k', 'SET', 'u8', '0', '49', 'GET', 'i4', '#1'],
      ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '100'],
      ['COPY', 'k', 'other'],
      ['MOVE', 'missing', '1'],
      ['SWAPDB', '1', '2'],
      // The hash hk: a field that exists, one that does not, a failed increment.
      ['HSETNX', 'hk', 'a', 'x'],
      ['HDEL', 'hk', 'missing'],
      ['HINCRBY', 'hk', 'a', '9223372036854775807'],
      ['HINCRBYFLOAT', 'hk', 'a', 'inf'],
      ['HGETALL', 'hk'],
      ['HSET', 'k', 'a', '1'],
      ['SADD', 'k', 'a'],
      // The set sk: members it has, members it has not.
      ['SADD', 'sk', 'a'],
      ['SREM', 'sk', 'missing'],
      ['SMOVE', 'sk', 'elsewhere', 'missing'],
      ['SMOVE', 'sk', 'sk', 'a'],
      ['SPOP', 'sk', '0'],
      ['SINTERSTORE', 'elsewhere', 'sk'],
      // The list lk.
      ['LPUSHX', 'nokey', 'a'],
      ['LREM', 'lk', '0', 'missing'],
      ['LINSERT', 'lk', 'BEFORE', 'missing', 'x'],
      ['LPOP', 'lk', '0'],
      ['LSET', 'lk', '5', 'x'],
      ['LMPOP', '1', 'nokey', 'LEFT'],
      ['LRANGE', 'lk', '0', '-1'],
    ];
    for (const command of unchanged) {
      const h = new CommandHarness();
      h.run('SET', 'k', '10', 'EX', '100');
      h.run('HSET', 'hk', 'a', '1');
      h.run('SADD', 'sk', 'a');
      h.run('RPUSH', 'lk', 'a');
      h.run('SET', 'nottl', 'v');
      const other = h.connect();
      const watched = ['hk', 'sk', 'lk'].includes(command[1]!) ? command[1]! : 'k';
      expect(
        execAfter(h, () => other.run(...command), watched),
        command.join(' '),
      ).toBe(RAN);
    }
  });

  it('counts the connection’s own changes before MULTI, but not those inside the transaction', () => {
    const h = new CommandHarness();
    expect(execAfter(h, () => h.run('SET', 'k', 'mine'))).toBe(NULL_ARRAY);
    h.run('WATCH', 'k');
    h.run('MULTI');
    h.run('SET', 'k', 'inside');
    expect(h.run('EXEC')).toBe(`*1\r\n${OK}`);
  });

  it('watches the key in the selected database only', () => {
    const h = new CommandHarness();
    const other = h.connect();
    other.run('SELECT', '1');
    expect(execAfter(h, () => other.run('SET', 'k', 'db1'))).toBe(RAN);
    expect(execAfter(h, () => other.run('FLUSHDB'))).toBe(RAN);
    h.run('SELECT', '1');
    expect(execAfter(h, () => other.run('SET', 'k', 'again'))).toBe(NULL_ARRAY);
  });

  it('counts a flush only for watched keys that existed', () => {
    const h = new CommandHarness();
    h.run('SET', 'present', 'v');
    const other = h.connect();
    expect(execAfter(h, () => other.run('FLUSHALL'), 'absent')).toBe(RAN);
    h.run('SET', 'present', 'v');
    expect(execAfter(h, () => other.run('FLUSHALL'), 'present')).toBe(NULL_ARRAY);
  });

  it('makes EXEC fail when a watched key expires, whether or not it was deleted yet', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '100');
    // Not touched by anyone: only the clock moves.
    expect(execAfter(h, () => h.advance(100))).toBe(NULL_ARRAY);
    h.run('SET', 'k', 'v', 'PX', '100');
    const other = h.connect();
    // Deleted on access by another connection.
    expect(
      execAfter(h, () => {
        h.advance(150);
        expect(other.run('GET', 'k')).toBe('$-1\r\n');
      }),
    ).toBe(NULL_ARRAY);
  });

  it('does not count the expiry of a key that had expired before WATCH, but does count its return', () => {
    const h = new CommandHarness();
    const other = h.connect();
    h.run('SET', 'k', 'v', 'PX', '100');
    h.advance(200);
    expect(execAfter(h, () => other.run('GET', 'k'))).toBe(RAN);
    h.run('SET', 'k', 'v', 'PX', '100');
    h.advance(200);
    expect(execAfter(h, () => other.run('SET', 'k', 'back'))).toBe(NULL_ARRAY);
  });

  it('is refused inside MULTI without harming the transaction', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    expect(h.run('WATCH', 'k')).toBe(err('ERR WATCH inside MULTI is not allowed'));
    h.run('SET', 'k', 'v');
    expect(h.run('EXEC')).toBe(`*1\r\n${OK}`);
  });

  it('shows a changed watched key in CLIENT LIST as flag d', () => {
    const h = new CommandHarness();
    const other = h.connect();
    h.run('WATCH', 'k');
    expect(other.run('CLIENT', 'LIST', 'ID', '1')).toContain(' flags=N ');
    other.run('SET', 'k', 'v');
    expect(other.run('CLIENT', 'LIST', 'ID', '1')).toContain(' flags=d ');
    h.run('MULTI');
    expect(other.run('CLIENT', 'LIST', 'ID', '1')).toContain(' flags=xd ');
    expect(h.run('EXEC')).toBe(NULL_ARRAY);
    expect(other.run('CLIENT', 'LIST', 'ID', '1')).toContain(' flags=N ');
  });

  it('replies with RESP3 null when EXEC fails on a RESP3 connection', () => {
    const h = new CommandHarness();
    h.run('HELLO', '3');
    expect(execAfter(h, () => h.connect().run('SET', 'k', 'v'))).toBe('_\r\n');
  });

  it('is undone by RESET, which also ends the transaction', () => {
    const h = new CommandHarness();
    h.run('WATCH', 'k');
    h.run('MULTI');
    h.run('SET', 'k', 'queued');
    expect(h.run('RESET')).toBe('+RESET\r\n');
    expect(h.run('EXEC')).toBe(err('ERR EXEC without MULTI'));
    expect(execAfter(h, () => {}, 'k')).toBe(RAN);
    h.run('WATCH', 'k');
    h.run('RESET');
    h.connect().run('SET', 'k', 'changed');
    h.run('MULTI');
    h.run('PING');
    expect(h.run('EXEC')).toBe(RAN);
  });
});
