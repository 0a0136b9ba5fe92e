// ZRANGEBYLEX: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('ZRANGEBYLEX', () => {
  it('replies with a member range, paged by LIMIT', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '0', 'a', '0', 'b', '0', 'c');
    expect(h.run('ZRANGEBYLEX', 'z', '(a', '+')).toBe(bulks('b', 'c'));
    expect(h.run('ZRANGEBYLEX', 'z', '-', '+', 'LIMIT', '0', '1')).toBe(bulks('a'));
    expect(h.run('ZRANGEBYLEX', 'z', 'a', '+')).toBe(
      err('ERR min or max not valid string range item'),
    );
  });
});
