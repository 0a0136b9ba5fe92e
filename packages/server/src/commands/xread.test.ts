// XREAD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, bulk, CommandHarness, err, streamEntry } from '../../test/command-harness.js';

describe('XREAD', () => {
  it('replies with each stream that has entries after its ID', () => {
    const h = new CommandHarness();
    h.run('XADD', 'a', '1-0', 'f', '1');
    h.run('XADD', 'a', '2-0', 'f', '2');
    h.run('XADD', 'b', '1-0', 'g', '1');
    expect(h.run('XREAD', 'COUNT', '1', 'STREAMS', 'a', 'b', 'missing', '0', '1-0', '0')).toBe(
      array(array(bulk('a'), array(streamEntry('1-0', 'f', '1')))),
    );
    expect(h.run('XREAD', 'STREAMS', 'a', '$')).toBe('*-1\r\n');
  });

  it('never blocks inside a transaction (blocking: test/differential-blocking.test.ts)', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    expect(h.run('EXEC')).toBe('*1\r\n*-1\r\n');
  });

  it('refuses what Redis refuses', () => {
    const h = new CommandHarness();
    expect(h.run('XREAD', 'STREAMS', 's', '0', 't')).toBe(
      err(
        "ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
      ),
    );
    expect(h.run('XREAD', 'STREAMS', 's', '>')).toBe(
      err(
        'ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.',
      ),
    );
    expect(h.run('XREAD', 'BLOCK', '-1', 'STREAMS', 's', '$')).toBe(err('ERR timeout is negative'));
    expect(h.run('XREAD', 'NOACK', 'STREAMS', 's', '0')).toBe(
      err('ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.'),
    );
  });
});
