// GETRANGE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('GETRANGE', () => {
  it('replies with the inclusive range, negative offsets counting from the end', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'This is a string');
    expect(h.run('GETRANGE', 'k', '0', '3')).toBe(bulk('This'));
    expect(h.run('GETRANGE', 'k', '-3', '-1')).toBe(bulk('ing'));
    expect(h.run('GETRANGE', 'k', '0', '-1')).toBe(bulk('This is a string'));
    expect(h.run('GETRANGE', 'k', '10', '100')).toBe(bulk('string'));
  });

  it('replies with an empty string for empty ranges and missing keys', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'abc');
    expect(h.run('GETRANGE', 'k', '2', '1')).toBe(bulk(''));
    expect(h.run('GETRANGE', 'k', '5', '9')).toBe(bulk(''));
    expect(h.run('GETRANGE', 'missing', '0', '-1')).toBe(bulk(''));
  });

  it('clamps an end before the start of the string to the first byte, as Redis 7.0 does', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'abc');
    expect(h.run('GETRANGE', 'k', '0', '-100')).toBe(bulk('a'));
  });

  it('rejects non-integer offsets', () => {
    expect(new CommandHarness().run('GETRANGE', 'k', 'a', '1')).toBe(
      err('ERR value is not an integer or out of range'),
    );
  });
});
