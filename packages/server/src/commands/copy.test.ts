// COPY: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { bulk, CommandHarness, err, int } from '../../test/command-harness.js';

describe('COPY', () => {
  it('copies the value and the deadline; the copy is independent of its source', () => {
    const h = new CommandHarness();
    h.run('SET', 'n', '10', 'PX', '5000');
    expect(h.run('COPY', 'n', 'm')).toBe(int(1));
    expect(h.run('PTTL', 'm')).toBe(int(5000));
    // INCR rewrites the digits of a value in place: the source keeps its own.
    h.run('INCR', 'm');
    expect(h.run('MGET', 'n', 'm')).toBe(`*2\r\n${bulk('10')}${bulk('11')}`);
  });

  it('leaves an existing destination unless REPLACE, and replies 0 for a missing source', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', '1');
    h.run('SET', 'b', '2', 'EX', '100');
    expect(h.run('COPY', 'a', 'b')).toBe(int(0));
    expect(h.run('COPY', 'a', 'b', 'REPLACE')).toBe(int(1));
    // Replaced with the source's deadline: none.
    expect(h.run('TTL', 'b')).toBe(int(-1));
    expect(h.run('COPY', 'none', 'b', 'REPLACE')).toBe(int(0));
    expect(h.run('GET', 'b')).toBe(bulk('1'));
  });

  it('copies into another database, and refuses a copy onto itself', () => {
    const h = new CommandHarness();
    h.run('SET', 'a', 'v');
    expect(h.run('COPY', 'a', 'a', 'DB', '2')).toBe(int(1));
    expect(h.run('COPY', 'a', 'a')).toBe(err('ERR source and destination objects are the same'));
    expect(h.run('COPY', 'a', 'a', 'DB', '0')).toBe(
      err('ERR source and destination objects are the same'),
    );
    expect(h.run('COPY', 'a', 'b', 'DB', '16')).toBe(err('ERR DB index is out of range'));
    expect(h.run('COPY', 'a', 'b', 'DB')).toBe(err('ERR syntax error'));
    h.run('SELECT', '2');
    expect(h.run('GET', 'a')).toBe(bulk('v'));
  });
});
