// XDEL: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, CommandHarness, err, int, streamEntry } from '../../test/command-harness.js';

describe('XDEL', () => {
  it('deletes the entries that exist, keeping the stream and its last ID', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'a', '1');
    h.run('XADD', 's', '2-0', 'b', '2');
    expect(h.run('XDEL', 's', '2-0', '9-0', '2-0')).toBe(int(1));
    expect(h.run('XRANGE', 's', '-', '+')).toBe(array(streamEntry('1-0', 'a', '1')));
    expect(h.run('XDEL', 's', '1-0')).toBe(int(1));
    expect(h.run('EXISTS', 's')).toBe(int(1));
    expect(h.run('XADD', 's', '2-0', 'f', 'v')).toBe(
      err('ERR The ID specified in XADD is equal or smaller than the target stream top item'),
    );
    expect(h.run('XDEL', 'missing', 'x')).toBe(int(0));
    // Every ID is parsed before any is deleted.
    h.run('XADD', 's', '3-0', 'f', 'v');
    expect(h.run('XDEL', 's', '3-0', 'x')).toBe(
      err('ERR Invalid stream ID specified as stream command argument'),
    );
    expect(h.run('XLEN', 's')).toBe(int(1));
  });
});
