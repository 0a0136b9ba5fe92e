// FLUSHDB: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('FLUSHDB', () => {
  it('empties the selected database only', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1');
    h.run('SELECT', '1');
    h.run('SET', 'b', '2', 'EX', '10');
    expect(h.run('FLUSHDB')).toBe(OK);
    expect(h.run('DBSIZE')).toBe(int(0));
    h.run('SELECT', '0');
    expect(h.run('DBSIZE')).toBe(int(1));
  });

  it('accepts ASYNC and SYNC and rejects anything else', () => {
    const h = new CommandHarness();
    expect(h.run('FLUSHDB', 'ASYNC')).toBe(OK);
    expect(h.run('FLUSHDB', 'sync')).toBe(OK);
    expect(h.run('FLUSHDB', 'foo')).toBe(err('ERR syntax error'));
  });
});
