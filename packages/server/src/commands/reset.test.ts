// RESET: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('RESET', () => {
  it('restores the connection defaults: RESP2, db 0, no name, no subscriptions', () => {
    const h = new CommandHarness();
    h.run('HELLO', '3', 'SETNAME', 'app');
    h.run('SELECT', '4');
    h.run('SUBSCRIBE', 'a');
    h.run('PSUBSCRIBE', 'b*');
    expect(h.run('RESET')).toBe('+RESET\r\n');
    expect(h.run('GET', 'missing')).toBe('$-1\r\n');
    expect(h.run('CLIENT', 'GETNAME')).toBe('$-1\r\n');
    expect(h.client.session.db).toBe(0);
    expect(h.run('PUBSUB', 'NUMPAT')).toBe(int(0));
    expect(h.run('PUBLISH', 'a', 'm')).toBe(int(0));
  });

  it('signs the connection out when a password is required', () => {
    const h = new CommandHarness({ requirepass: 'secret' });
    h.run('AUTH', 'secret');
    expect(h.run('RESET')).toBe('+RESET\r\n');
    expect(h.run('GET', 'k')).toBe(err('NOAUTH Authentication required.'));
  });
});
