// ZREVRANGEBYSCORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness } from '../../test/command-harness.js';

describe('ZREVRANGEBYSCORE', () => {
  it('takes max then min and replies highest first', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(h.run('ZREVRANGEBYSCORE', 'z', '(3', '-inf')).toBe(bulks('b', 'a'));
    expect(h.run('ZREVRANGEBYSCORE', 'z', '1', '3')).toBe('*0\r\n');
  });
});
