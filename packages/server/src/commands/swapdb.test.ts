// SWAPDB: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('SWAPDB', () => {
  it('exchanges two databases for every connection, deadlines and SCAN included', () => {
    const h = new CommandHarness();
    const other = h.connect();
    h.run('SET', 'zero', '0', 'PX', '100');
    other.run('SELECT', '1');
    other.run('MSET', 'one', '1', 'uno', '1');
    expect(h.run('SWAPDB', '0', '1')).toBe(OK);
    expect(h.run('SCAN', '0')).toBe(`*2\r\n${bulk('0')}*2\r\n${bulk('one')}${bulk('uno')}`);
    expect(other.run('PTTL', 'zero')).toBe(int(100));
    h.advance(100);
    // The purge task finds the deadline in its new database.
    h.db.databases[1]!.purgeExpired(h.now);
    expect(other.run('DBSIZE')).toBe(int(0));
    expect(h.run('SWAPDB', '1', '1')).toBe(OK);
    expect(h.run('DBSIZE')).toBe(int(2));
  });

  it('replies Redis’s errors for bad indexes', () => {
    const h = new CommandHarness();
    expect(h.run('SWAPDB', 'x', '0')).toBe(err('ERR invalid first DB index'));
    expect(h.run('SWAPDB', '0', '2147483648')).toBe(err('ERR invalid second DB index'));
    expect(h.run('SWAPDB', '0', '16')).toBe(err('ERR DB index is out of range'));
  });
});
