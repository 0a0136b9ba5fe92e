// XAUTOCLAIM: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import {
  array,
  bulk,
  bulks,
  CommandHarness,
  err,
  streamEntry,
} from '../../test/command-harness.js';

describe('XAUTOCLAIM', () => {
  it('claims from a start ID, returning a cursor and the deleted IDs', () => {
    const h = new CommandHarness();
    for (let i = 1; i <= 4; i++) h.run('XADD', 's', `${i}-0`, 'f', String(i));
    h.run('XGROUP', 'CREATE', 's', 'g', '0');
    h.run('XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>');
    h.run('XDEL', 's', '2-0');
    // A deleted ID counts toward COUNT, as in Redis 7.0.
    expect(h.run('XAUTOCLAIM', 's', 'g', 'bob', '0', '0', 'COUNT', '2')).toBe(
      array(bulk('3-0'), array(streamEntry('1-0', 'f', '1')), bulks('2-0')),
    );
    expect(h.run('XAUTOCLAIM', 's', 'g', 'bob', '0', '3-0', 'JUSTID')).toBe(
      array(bulk('0-0'), bulks('3-0', '4-0'), '*0\r\n'),
    );
  });

  it('errors as Redis', () => {
    const h = new CommandHarness();
    h.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    expect(h.run('XAUTOCLAIM', 's', 'g', 'c', '0', '0', 'COUNT', '0')).toBe(
      err('ERR COUNT must be > 0'),
    );
    expect(h.run('XAUTOCLAIM', 's', 'g', 'c', 'x', '0')).toBe(
      err('ERR Invalid min-idle-time argument for XAUTOCLAIM'),
    );
    expect(h.run('XAUTOCLAIM', 's', 'nog', 'c', '0', '0')).toBe(
      err("NOGROUP No such key 's' or consumer group 'nog'"),
    );
  });
});
