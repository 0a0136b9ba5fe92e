// SELECT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, OK } from '../../test/command-harness.js';

describe('SELECT', () => {
  it('switches this connection to another database', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'zero');
    expect(h.run('SELECT', '15')).toBe(OK);
    expect(h.run('GET', 'k')).toBe('$-1\r\n');
    h.run('SET', 'k', 'fifteen');
    // Another connection still reads database 0.
    expect(h.connect().run('GET', 'k')).toBe(bulk('zero'));
  });

  it('rejects an index out of range or not an integer', () => {
    const h = new CommandHarness();
    expect(h.run('SELECT', '16')).toBe(err('ERR DB index is out of range'));
    expect(h.run('SELECT', '-1')).toBe(err('ERR DB index is out of range'));
    expect(h.run('SELECT', 'x')).toBe(err('ERR value is not an integer or out of range'));
  });
});
