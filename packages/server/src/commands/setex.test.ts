// SETEX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, OK } from '../../test/command-harness.js';

describe('SETEX', () => {
  it('stores a value that expires after the given seconds', () => {
    const h = new CommandHarness();
    expect(h.run('SETEX', 'k', '2', 'v')).toBe(OK);
    h.advance(1999);
    expect(h.run('GET', 'k')).toBe(bulk('v'));
    h.advance(1);
    expect(h.run('GET', 'k')).toBe('$-1\r\n');
  });

  it('rejects a non-integer or non-positive time', () => {
    const h = new CommandHarness();
    expect(h.run('SETEX', 'k', '1.5', 'v')).toBe(
      err('ERR value is not an integer or out of range'),
    );
    expect(h.run('SETEX', 'k', '0', 'v')).toBe(err("ERR invalid expire time in 'setex' command"));
    expect(h.run('SETEX', 'k', '-1', 'v')).toBe(err("ERR invalid expire time in 'setex' command"));
    expect(h.run('GET', 'k')).toBe('$-1\r\n');
  });
});
