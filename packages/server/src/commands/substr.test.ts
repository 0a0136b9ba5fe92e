// SUBSTR: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err } from '../../test/command-harness.js';

describe('SUBSTR', () => {
  it('is GETRANGE under its old name', () => {
    const h = new CommandHarness();
    h.run('SET', 'k', 'This is a string');
    expect(h.run('SUBSTR', 'k', '0', '3')).toBe(bulk('This'));
    expect(h.run('SUBSTR', 'k', '-3', '-1')).toBe(bulk('ing'));
    expect(h.run('SUBSTR', 'k', '0')).toBe(
      err("ERR wrong number of arguments for 'substr' command"),
    );
  });
});
