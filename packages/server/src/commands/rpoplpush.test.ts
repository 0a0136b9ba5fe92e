// RPOPLPUSH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, int } from '../../test/command-harness.js';

describe('RPOPLPUSH', () => {
  it('moves the tail of one list to the head of another', () => {
    const h = new CommandHarness();
    h.run('RPUSH', 'src', 'a', 'b');
    h.run('RPUSH', 'dst', 'x');
    expect(h.run('RPOPLPUSH', 'src', 'dst')).toBe(bulk('b'));
    expect(h.run('RPOPLPUSH', 'src', 'dst')).toBe(bulk('a'));
    expect(h.run('EXISTS', 'src')).toBe(int(0));
    expect(h.run('LRANGE', 'dst', '0', '-1')).toBe(bulks('a', 'b', 'x'));
  });
});
