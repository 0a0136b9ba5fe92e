// XRANGE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, CommandHarness, err, streamEntry } from '../../test/command-harness.js';

describe('XRANGE', () => {
  const h = new CommandHarness();
  h.run('XADD', 's', '1-0', 'a', '1');
  h.run('XADD', 's', '1-1', 'b', '2');
  h.run('XADD', 's', '2-0', 'c', '3');

  it('replies with the entries between two IDs, inclusive, first to last', () => {
    expect(h.run('XRANGE', 's', '-', '+')).toBe(
      array(
        streamEntry('1-0', 'a', '1'),
        streamEntry('1-1', 'b', '2'),
        streamEntry('2-0', 'c', '3'),
      ),
    );
    // `1` alone is all of millisecond 1 at either end.
    expect(h.run('XRANGE', 's', '1', '1')).toBe(
      array(streamEntry('1-0', 'a', '1'), streamEntry('1-1', 'b', '2')),
    );
    expect(h.run('XRANGE', 's', '(1-0', '(2-0')).toBe(array(streamEntry('1-1', 'b', '2')));
    expect(h.run('XRANGE', 's', '-', '+', 'COUNT', '1')).toBe(array(streamEntry('1-0', 'a', '1')));
  });

  it('COUNT 0 is a null array; a missing key an empty one', () => {
    expect(h.run('XRANGE', 's', '-', '+', 'COUNT', '0')).toBe('*-1\r\n');
    expect(h.run('XRANGE', 'missing', '-', '+', 'COUNT', '0')).toBe('*0\r\n');
  });

  it('refuses bad IDs and options with Redis errors', () => {
    expect(h.run('XRANGE', 's', '(-', '+')).toBe(
      err('ERR Invalid stream ID specified as stream command argument'),
    );
    expect(h.run('XRANGE', 's', '-', '(0-0')).toBe(err('ERR invalid end ID for the interval'));
    expect(h.run('XRANGE', 's', '(18446744073709551615-18446744073709551615', '+')).toBe(
      err('ERR invalid start ID for the interval'),
    );
    expect(h.run('XRANGE', 's', '-', '+', 'COUNT')).toBe(err('ERR syntax error'));
  });
});
