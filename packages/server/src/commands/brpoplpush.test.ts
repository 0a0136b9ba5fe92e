// BRPOPLPUSH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness } from '../../test/command-harness.js';

describe('BRPOPLPUSH', () => {
  it('moves the tail to the head of the destination at once when it can', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'src', 'a', 'b');
    expect(h.run('BRPOPLPUSH', 'src', 'dst', '0')).toBe(bulk('b'));
    expect(h.run('LINDEX', 'dst', '0')).toBe(bulk('b'));
  });
});
