// XCLAIM: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import {
  array,
  bulk,
  bulks,
  CommandHarness,
  err,
  int,
  streamEntry,
} from '../../test/command-harness.js';

function setup(): CommandHarness {
  const h = new CommandHarness();
  h.run('XADD', 's', '1-0', 'f', 'v');
  h.run('XADD', 's', '2-0', 'g', 'w');
  h.run('XGROUP', 'CREATE', 's', 'g', '0');
  h.run('XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '>');
  return h;
}

describe('XCLAIM', () => {
  it('claims entries idle long enough, counting a delivery', () => {
    const h = setup();
    h.advance(1000);
    expect(h.run('XCLAIM', 's', 'g', 'bob', '2000', '1-0')).toBe('*0\r\n');
    expect(h.run('XCLAIM', 's', 'g', 'bob', '500', '1-0', '9-0')).toBe(
      array(streamEntry('1-0', 'f', 'v')),
    );
    expect(h.run('XPENDING', 's', 'g', '-', '+', '10', 'bob')).toBe(
      array(array(bulk('1-0'), bulk('bob'), int(0), int(2))),
    );
  });

  it('JUSTID, RETRYCOUNT, IDLE, and a deleted entry leaving the PEL', () => {
    const h = setup();
    expect(
      h.run('XCLAIM', 's', 'g', 'bob', '0', '1-0', 'JUSTID', 'RETRYCOUNT', '7', 'IDLE', '30'),
    ).toBe(bulks('1-0'));
    expect(h.run('XPENDING', 's', 'g', '-', '+', '1')).toBe(
      array(array(bulk('1-0'), bulk('bob'), int(30), int(7))),
    );
    h.run('XDEL', 's', '2-0');
    expect(h.run('XCLAIM', 's', 'g', 'bob', '0', '2-0')).toBe('*0\r\n');
    expect(h.run('XPENDING', 's', 'g')).toBe(
      array(int(1), bulk('1-0'), bulk('1-0'), array(bulks('bob', '1'))),
    );
  });

  it('errors as Redis', () => {
    const h = setup();
    expect(h.run('XCLAIM', 's', 'nog', 'c', '0', '1-0')).toBe(
      err("NOGROUP No such key 's' or consumer group 'nog'"),
    );
    expect(h.run('XCLAIM', 's', 'g', 'c', 'x', '1-0')).toBe(
      err('ERR Invalid min-idle-time argument for XCLAIM'),
    );
    expect(h.run('XCLAIM', 's', 'g', 'c', '0', '1-0', 'FOO')).toBe(
      err("ERR Unrecognized XCLAIM option 'FOO'"),
    );
  });
});
