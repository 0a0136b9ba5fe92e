// FLUSHALL: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('FLUSHALL', () => {
  it('empties every database', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1');
    h.run('SELECT', '5');
    h.run('SET', 'b', '2');
    expect(h.run('FLUSHALL', 'ASYNC')).toBe(OK);
    expect(h.run('DBSIZE')).toBe(int(0));
    h.run('SELECT', '0');
    expect(h.run('DBSIZE')).toBe(int(0));
    expect(h.run('FLUSHALL', 'later')).toBe(err('ERR syntax error'));
  });
});
