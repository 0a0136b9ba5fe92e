// ZREMRANGEBYRANK: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness, err, int } from '../../test/command-harness.js';

describe('ZREMRANGEBYRANK', () => {
  it('removes the members in a rank range, negative ranks from the end', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd');
    expect(h.run('ZREMRANGEBYRANK', 'z', '-2', '-1')).toBe(int(2));
    expect(h.run('ZREMRANGEBYRANK', 'z', '5', '9')).toBe(int(0));
    expect(h.run('ZRANGE', 'z', '0', '-1')).toBe(bulks('a', 'b'));
    expect(h.run('ZREMRANGEBYRANK', 'z', 'x', '1')).toBe(
      err('ERR value is not an integer or out of range'),
    );
  });
});
