// MOVE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('MOVE', () => {
  it('moves a key with its deadline, unless it exists in the target', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'v', 'PX', '5000');
    expect(h.run('MOVE', 'k', '1')).toBe(int(1));
    expect(h.run('EXISTS', 'k')).toBe(int(0));
    expect(h.run('MOVE', 'k', '1')).toBe(int(0));
    h.run('SET', 'k', 'here');
    expect(h.run('MOVE', 'k', '1')).toBe(int(0));
    expect(h.run('GET', 'k')).toBe(bulk('here'));
    h.run('SELECT', '1');
    expect(h.run('GET', 'k')).toBe(bulk('v'));
    expect(h.run('PTTL', 'k')).toBe(int(5000));
  });

  it('checks the database before the key, as Redis does', () => {
    const h = new CommandHarness();
    expect(h.run('MOVE', 'none', '0')).toBe(err('ERR source and destination objects are the same'));
    expect(h.run('MOVE', 'none', '16')).toBe(err('ERR DB index is out of range'));
    expect(h.run('MOVE', 'none', 'x')).toBe(err('ERR value is not an integer or out of range'));
    expect(h.run('MOVE', 'none', '2147483648')).toBe(
      err('ERR value is out of range, value must between -2147483648 and 2147483647'),
    );
  });
});
