// ZREMRANGEBYLEX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZREMRANGEBYLEX', () => {
  it('removes the members in a member range', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '0', 'a', '0', 'b', '0', 'c');
    expect(h.run('ZREMRANGEBYLEX', 'z', '(a', '[b')).toBe(int(1));
    expect(h.run('ZRANGE', 'z', '0', '-1')).toBe(bulks('a', 'c'));
    expect(h.run('ZREMRANGEBYLEX', 'z', 'a', '+')).toBe(
      err('ERR min or max not valid string range item'),
    );
  });
});
