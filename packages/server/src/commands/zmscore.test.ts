// ZMSCORE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulks, CommandHarness } from '../../test/command-harness.js';

describe('ZMSCORE', () => {
  it('replies a score or a null for each member', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2.5', 'b');
    expect(h.run('ZMSCORE', 'z', 'b', 'nope', 'a')).toBe(bulks('2.5', null, '1'));
    expect(h.run('ZMSCORE', 'missing', 'a')).toBe(bulks(null));
  });
});
