// PSETEX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('PSETEX', () => {
  it('stores a value that expires after the given milliseconds', () => {
    const h = new CommandHarness();
    expect(h.run('PSETEX', 'k', '250', 'v')).toBe(OK);
    expect(h.run('PTTL', 'k')).toBe(int(250));
    h.advance(249);
    expect(h.run('GET', 'k')).toBe(bulk('v'));
    h.advance(1);
    expect(h.run('GET', 'k')).toBe('$-1\r\n');
  });

  it('rejects a non-positive time', () => {
    expect(new CommandHarness().run('PSETEX', 'k', '0', 'v')).toBe(
      err("ERR invalid expire time in 'psetex' command"),
    );
  });
});
