// XACK: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('XACK', () => {
  it('acknowledges pending entries once; nothing for a missing key or group', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'f', 'v');
    h.run('XADD', 's', '2-0', 'f', 'v');
    h.run('XGROUP', 'CREATE', 's', 'g', '0');
    h.run('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>');
    expect(h.run('XACK', 's', 'g', '1-0', '1-0', '9-0')).toBe(int(1));
    expect(h.run('XACK', 's', 'g', '2-0', 'x')).toBe(
      err('ERR Invalid stream ID specified as stream command argument'),
    );
    expect(h.run('XACK', 's', 'g', '2-0')).toBe(int(1));
    expect(h.run('XACK', 's', 'nog', '1-0')).toBe(int(0));
    expect(h.run('XACK', 'missing', 'g', 'x')).toBe(int(0));
  });
});
