// XREVRANGE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { array, CommandHarness, streamEntry } from '../../test/command-harness.js';

describe('XREVRANGE', () => {
  it('replies last to first, the range given end first', () => {
    const h = new CommandHarness();
    h.run('XADD', 's', '1-0', 'a', '1');
    h.run('XADD', 's', '2-0', 'b', '2');
    h.run('XADD', 's', '3-0', 'c', '3');
    expect(h.run('XREVRANGE', 's', '+', '-', 'COUNT', '2')).toBe(
      array(streamEntry('3-0', 'c', '3'), streamEntry('2-0', 'b', '2')),
    );
    expect(h.run('XREVRANGE', 's', '(3-0', '1-0')).toBe(
      array(streamEntry('2-0', 'b', '2'), streamEntry('1-0', 'a', '1')),
    );
    expect(h.run('XREVRANGE', 's', '1-0', '3-0')).toBe('*0\r\n');
  });
});
