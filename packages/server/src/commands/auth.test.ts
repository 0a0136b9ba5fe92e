// AUTH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, OK } from '../../test/command-harness.js';

describe('AUTH', () => {
  it('lets a client in with the password, alone or with the default user', () => {
    const h = new CommandHarness({ requirepass: 'secret' });
    expect(h.run('GET', 'k')).toBe(err('NOAUTH Authentication required.'));
    expect(h.run('AUTH', 'secret')).toBe(OK);
    expect(h.run('GET', 'k')).toBe('$-1\r\n');
    const other = h.connect();
    expect(other.run('AUTH', 'default', 'secret')).toBe(OK);
  });

  it('rejects a wrong password or user with WRONGPASS', () => {
    const h = new CommandHarness({ requirepass: 'secret' });
    expect(h.run('AUTH', 'nope')).toBe(
      err('WRONGPASS invalid username-password pair or user is disabled.'),
    );
    expect(h.run('AUTH', 'admin', 'secret')).toBe(
      err('WRONGPASS invalid username-password pair or user is disabled.'),
    );
    expect(h.run('GET', 'k')).toBe(err('NOAUTH Authentication required.'));
  });

  it('explains when no password is configured', () => {
    const h = new CommandHarness();
    expect(h.run('AUTH', 'x')).toBe(
      err(
        'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
      ),
    );
    expect(h.run('AUTH', 'a', 'b')).toBe(
      err('WRONGPASS invalid username-password pair or user is disabled.'),
    );
  });

  it('rejects more than two arguments with a syntax error', () => {
    expect(new CommandHarness().run('AUTH', 'a', 'b', 'c')).toBe(err('ERR syntax error'));
  });
});
