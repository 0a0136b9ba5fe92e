// SET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('SET', () => {
  it('stores a value and replaces an existing one', () => {
    const h = new CommandHarness();
    expect(h.run('SET', 'k', 'one')).toBe(OK);
    expect(h.run('SET', 'k', 'two')).toBe(OK);
    expect(h.run('GET', 'k')).toBe(bulk('two'));
  });

  it('sets a deadline with EX, PX, EXAT and PXAT', () => {
    const h = new CommandHarness();
    h.run('SET', 'ex', 'v', 'EX', '10');
    h.run('SET', 'px', 'v', 'PX', '1500');
    h.run('SET', 'exat', 'v', 'EXAT', String(h.now / 1000 + 20));
    h.run('SET', 'pxat', 'v', 'PXAT', String(h.now + 2500));
    expect(h.run('PTTL', 'ex')).toBe(int(10_000));
    expect(h.run('PTTL', 'px')).toBe(int(1500));
    expect(h.run('PTTL', 'exat')).toBe(int(20_000));
    expect(h.run('PTTL', 'pxat')).toBe(int(2500));
  });

  it('drops the deadline on overwrite unless KEEPTTL is given', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', 'v', 'EX', '100');
    h.run('SET', 'a', 'w');
    expect(h.run('TTL', 'a')).toBe(int(-1));
    h.run('SET', 'b', 'v', 'EX', '100');
    h.run('SET', 'b', 'w', 'KEEPTTL');
    expect(h.run('TTL', 'b')).toBe(int(100));
  });

  it('applies NX and XX, replying null when the condition fails', () => {
    const h = new CommandHarness();
    expect(h.run('SET', 'k', 'v', 'XX')).toBe('$-1\r\n');
    expect(h.run('SET', 'k', 'v', 'NX')).toBe(OK);
    expect(h.run('SET', 'k', 'w', 'NX')).toBe('$-1\r\n');
    expect(h.run('SET', 'k', 'x', 'xx')).toBe(OK);
    expect(h.run('GET', 'k')).toBe(bulk('x'));
  });

  it('with GET replies with the old value, or null when there was none', () => {
    const h = new CommandHarness();
    expect(h.run('SET', 'k', 'v', 'GET')).toBe('$-1\r\n');
    expect(h.run('SET', 'k', 'w', 'GET')).toBe(bulk('v'));
    expect(h.run('SET', 'k', 'z', 'NX', 'GET')).toBe(bulk('w'));
    expect(h.run('GET', 'k')).toBe(bulk('w'));
  });

  it('rejects conflicting or unknown options with a syntax error and changes nothing', () => {
    const h = new CommandHarness();
    for (const args of [
      ['NX', 'XX'],
      ['EX', '1', 'PX', '1'],
      ['EX', '1', 'KEEPTTL'],
      ['EX'],
      ['FOO'],
    ]) {
      expect(h.run('SET', 'k', 'v', ...args)).toBe(err('ERR syntax error'));
    }
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });

  it('rejects a bad or non-positive expire time as Redis does', () => {
    const h = new CommandHarness();
    expect(h.run('SET', 'k', 'v', 'EX', 'ten')).toBe(
      err('ERR value is not an integer or out of range'),
    );
    expect(h.run('SET', 'k', 'v', 'EX', '0')).toBe(err("ERR invalid expire time in 'set' command"));
    expect(h.run('SET', 'k', 'v', 'PX', '-5')).toBe(
      err("ERR invalid expire time in 'set' command"),
    );
    expect(h.run('EXISTS', 'k')).toBe(int(0));
  });

  it('rejects fewer than two arguments', () => {
    expect(new CommandHarness().run('SET', 'k')).toBe(
      err("ERR wrong number of arguments for 'set' command"),
    );
  });
});
