// SHUTDOWN: unit tests against the server's state (that it closes a real
// server is tested in test/server.test.ts and test/cli.test.ts).
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, OK } from '../../test/command-harness.js';

describe('SHUTDOWN', () => {
  it('asks the server to close, replying nothing', () => {
    const h = new CommandHarness();
    let asked = 0;
    h.server.shutdown = () => asked++;
    expect(h.run('SHUTDOWN')).toBe('');
    expect(h.run('shutdown', 'nosave', 'now', 'force')).toBe('');
    expect(h.run('SHUTDOWN', 'SAVE', 'FORCE')).toBe('');
    expect(asked).toBe(3);
  });

  it('refuses a save it cannot make, options it does not know, and ABORT with nothing to abort', () => {
    const h = new CommandHarness();
    let asked = 0;
    h.server.shutdown = () => asked++;
    expect(h.run('SHUTDOWN', 'SAVE')).toBe(err('ERR Errors trying to SHUTDOWN. Check logs.'));
    expect(h.run('SHUTDOWN', 'NOSAVE', 'SAVE')).toBe(err('ERR syntax error'));
    expect(h.run('SHUTDOWN', 'ABORT', 'NOW')).toBe(err('ERR syntax error'));
    expect(h.run('SHUTDOWN', 'NOW', 'FOO')).toBe(err('ERR syntax error'));
    expect(h.run('SHUTDOWN', 'ABORT')).toBe(err('ERR No shutdown in progress.'));
    expect(asked).toBe(0);
  });

  it('is refused inside MULTI, which then fails', () => {
    const h = new CommandHarness();
    let asked = 0;
    h.server.shutdown = () => asked++;
    expect(h.run('MULTI')).toBe(OK);
    expect(h.run('SHUTDOWN')).toBe(err('ERR Command not allowed inside a transaction'));
    expect(h.run('EXEC')).toBe(err('EXECABORT Transaction discarded because of previous errors.'));
    expect(asked).toBe(0);
  });
});
