// XREADGROUP: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, bulk, CommandHarness, err, streamEntry } from '../../test/command-harness.js';

describe('XREADGROUP', () => {
  it('delivers each entry once per group, then serves a consumer its history', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'a', '1');
    h.run('XADD', 's', '2-0', 'b', '2');
    h.run('XGROUP', 'CREATE', 's', 'g', '0');
    expect(h.run('XREADGROUP', 'GROUP', 'g', 'c1', 'COUNT', '1', 'STREAMS', 's', '>')).toBe(
      array(array(bulk('s'), array(streamEntry('1-0', 'a', '1')))),
    );
    expect(h.run('XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 's', '>')).toBe(
      array(array(bulk('s'), array(streamEntry('2-0', 'b', '2')))),
    );
    expect(h.run('XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 's', '>')).toBe('*-1\r\n');
    h.run('XDEL', 's', '1-0');
    // History: c1's pending entries, the deleted one with null fields.
    expect(h.run('XREADGROUP', 'GROUP', 'g', 'c1', 'STREAMS', 's', '0')).toBe(
      array(array(bulk('s'), array(array(bulk('1-0'), '*-1\r\n')))),
    );
  });

  it('NOACK leaves nothing pending; errors as Redis', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'a', '1');
    h.run('XGROUP', 'CREATE', 's', 'g', '0');
    h.run('XREADGROUP', 'GROUP', 'g', 'c', 'NOACK', 'STREAMS', 's', '>');
    expect(h.run('XPENDING', 's', 'g')).toBe('*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n');
    expect(h.run('XREADGROUP', 'GROUP', 'nog', 'c', 'STREAMS', 's', '>')).toBe(
      err("NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option"),
    );
    expect(h.run('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '$')).toMatch(
      /^-ERR The \$ ID is meaningless in the context of XREADGROUP/,
    );
    expect(h.run('XREADGROUP', 'COUNT', '1', 'STREAMS', 's', 't', '>', '>')).toBe(
      err('ERR Missing GROUP option for XREADGROUP'),
    );
  });
});
