// DISCARD: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int, OK } from '../../test/command-harness.js';

describe('DISCARD', () => {
  it('without MULTI is an error', () => {
    const h = new CommandHarness();
    expect(h.run('DISCARD')).toBe(err('ERR DISCARD without MULTI'));
  });

  it('drops the queued commands and ends the transaction', () => {
    const h = new CommandHarness();
    h.run('MULTI');
    h.run('SET', 'k', 'v');
    expect(h.run('DISCARD')).toBe(OK);
    expect(h.run('EXISTS', 'k')).toBe(int(0));
    expect(h.run('EXEC')).toBe(err('ERR EXEC without MULTI'));
  });

  it('unwatches every key', () => {
    const h = new CommandHarness();
    h.run('WATCH', 'k');
    h.run('MULTI');
    h.run('DISCARD');
    h.connect().run('SET', 'k', 'changed');
    h.run('MULTI');
    h.run('PING');
    expect(h.run('EXEC')).toBe('*1\r\n+PONG\r\n');
  });
});
