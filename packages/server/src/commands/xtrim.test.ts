// XTRIM: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('XTRIM', () => {
  it('trims exactly by MAXLEN and MINID', () => {
    const h = new CommandHarness();
    for (let i = 1; i <= 10; i++) h.run('XADD', 's', `${i}-0`, 'f', 'v');
    expect(h.run('XTRIM', 's', 'MAXLEN', '7')).toBe(int(3));
    expect(h.run('XTRIM', 's', 'MINID', '6')).toBe(int(2));
    expect(h.run('XLEN', 's')).toBe(int(5));
    expect(h.run('XTRIM', 'missing', 'MAXLEN', '0')).toBe(int(0));
  });

  it('with ~, removes whole nodes of 100 entries only', () => {
    const h = new CommandHarness();
    for (let i = 1; i <= 250; i++) h.run('XADD', 's', `${i}-0`, 'f', 'v');
    expect(h.run('XTRIM', 's', 'MAXLEN', '~', '180')).toBe(int(0));
    expect(h.run('XTRIM', 's', 'MAXLEN', '~', '150')).toBe(int(100));
    expect(h.run('XTRIM', 's', 'MAXLEN', '~', '0', 'LIMIT', '50')).toBe(int(0));
    expect(h.run('XLEN', 's')).toBe(int(150));
  });

  it('needs a strategy; LIMIT needs ~', () => {
    const h = new CommandHarness();
    expect(h.run('XTRIM', 's', 'LIMIT', '0')).toBe(
      err('ERR syntax error, XTRIM must be called with a trimming strategy'),
    );
    expect(h.run('XTRIM', 's', 'LIMIT', '5')).toBe(
      err('ERR syntax error, LIMIT cannot be used without specifying a trimming strategy'),
    );
    expect(h.run('XTRIM', 's', 'MAXLEN', '1', 'LIMIT', '5')).toBe(
      err('ERR syntax error, LIMIT cannot be used without the special ~ option'),
    );
    expect(h.run('XTRIM', 's', 'MAXLEN', 'x')).toBe(
      err('ERR value is not an integer or out of range'),
    );
  });
});
