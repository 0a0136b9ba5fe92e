// QUIT: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, OK } from '../../test/command-harness.js';

describe('QUIT', () => {
  it('replies OK and marks the connection to close once replies are written', () => {
    const h = new CommandHarness({ requirepass: 'secret' });
    expect(h.client.session.closeAfterReply).toBe(false);
    // Allowed before authentication.
    expect(h.run('QUIT')).toBe(OK);
    expect(h.client.session.closeAfterReply).toBe(true);
  });
});
