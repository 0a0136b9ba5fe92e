// ZRANDMEMBER: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, bulks, CommandHarness, err } from '../../test/command-harness.js';

describe('ZRANDMEMBER', () => {
  it('picks one, distinct ones, or drawn ones with repeats', () => {
    const h = new CommandHarness();
    h.run('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c');
    expect(['a', 'b', 'c'].map(bulk)).toContain(h.run('ZRANDMEMBER', 'z'));
    // The whole set, highest score first, as Redis's iterator walks it.
    expect(h.run('ZRANDMEMBER', 'z', '5', 'WITHSCORES')).toBe(bulks('c', '3', 'b', '2', 'a', '1'));
    expect(h.run('ZRANDMEMBER', 'z', '-5').startsWith('*5\r\n')).toBe(true);
    expect(h.run('ZRANDMEMBER', 'missing')).toBe(bulk(null));
    expect(h.run('ZRANDMEMBER', 'missing', '3')).toBe('*0\r\n');
    expect(h.run('ZRANDMEMBER', 'z', '1', 'x')).toBe(err('ERR syntax error'));
    expect(h.run('ZRANDMEMBER', 'z', '-4611686018427387904', 'WITHSCORES')).toBe(
      err('ERR value is out of range'),
    );
  });
});
