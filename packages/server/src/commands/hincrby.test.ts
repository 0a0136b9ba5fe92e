// HINCRBY: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('HINCRBY', () => {
  it('adds to a field, an absent one counting as 0', () => {
    const h = new CommandHarness();
    expect(h.run('HINCRBY', 'h', 'n', '5')).toBe(int(5));
    expect(h.run('HINCRBY', 'h', 'n', '-7')).toBe(int(-2));
    expect(h.run('HGET', 'h', 'n')).toBe(bulk('-2'));
  });

  it("refuses a value that is not Redis's integer, and overflow, changing nothing", () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'lead', '01', 'max', '9223372036854775807');
    expect(h.run('HINCRBY', 'h', 'lead', '1')).toBe(err('ERR hash value is not an integer'));
    expect(h.run('HINCRBY', 'h', 'max', '1')).toBe(
      err('ERR increment or decrement would overflow'),
    );
    expect(h.run('HGET', 'h', 'max')).toBe(bulk('9223372036854775807'));
    expect(h.run('HINCRBY', 'h', 'max', 'x')).toBe(
      err('ERR value is not an integer or out of range'),
    );
    expect(h.run('HINCRBY', 'new', 'f', 'x')).toBe(
      err('ERR value is not an integer or out of range'),
    );
    expect(h.run('EXISTS', 'new')).toBe(int(0));
    h.run('SET', 's', 'v');
    expect(h.run('HINCRBY', 's', 'a', '1')).toBe(
      err('WRONGTYPE Operation against a key holding the wrong kind of value'),
    );
  });

  it('counts past 2^53 exactly', () => {
    const h = new CommandHarness();
    h.run('HSET', 'h', 'n', '9007199254740992');
    expect(h.run('HINCRBY', 'h', 'n', '1')).toBe(':9007199254740993\r\n');
  });
});
