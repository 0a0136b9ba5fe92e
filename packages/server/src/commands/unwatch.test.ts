// UNWATCH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, OK } from '../../test/command-harness.js';

describe('UNWATCH', () => {
  it('forgets the watched keys and a change already made to them', () => {
    const h = new CommandHarness();
    h.run('WATCH', 'k');
    h.connect().run('SET', 'k', 'changed');
    expect(h.run('UNWATCH')).toBe(OK);
    h.run('MULTI');
    h.run('PING');
    expect(h.run('EXEC')).toBe('*1\r\n+PONG\r\n');
  });

  it('is queued inside MULTI, so it cannot rescue that transaction', () => {
    const h = new CommandHarness();
    h.run('WATCH', 'k');
    h.connect().run('SET', 'k', 'changed');
    h.run('MULTI');
    expect(h.run('UNWATCH')).toBe('+QUEUED\r\n');
    expect(h.run('EXEC')).toBe('*-1\r\n');
    expect(h.run('UNWATCH')).toBe(OK);
  });
});
