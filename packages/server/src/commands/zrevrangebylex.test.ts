// ZREVRANGEBYLEX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness } from '../../test/command-harness.js';

describe('ZREVRANGEBYLEX', () => {
  it('takes max then min and replies highest first', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '0', 'a', '0', 'b', '0', 'c');
    expect(h.run('ZREVRANGEBYLEX', 'z', '[b', '-')).toBe(bulks('b', 'a'));
    expect(h.run('ZREVRANGEBYLEX', 'z', '-', '+')).toBe('*0\r\n');
  });
});
