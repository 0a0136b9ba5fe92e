// PUBLISH: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, err, int } from '../../test/command-harness.js';

describe('PUBLISH', () => {
  it('replies with the receivers: channel subscribers plus matching patterns', () => {
    const h = new CommandHarness();
    const a = h.connect();
    const b = h.connect();
    a.run('SUBSCRIBE', 'room');
    b.run('SUBSCRIBE', 'room');
    b.run('PSUBSCRIBE', 'r*');
    expect(h.run('PUBLISH', 'room', 'hi')).toBe(int(3));
    expect(a.messages()).toEqual(['room:hi']);
    expect(b.messages()).toEqual(['room:hi', 'r*>room:hi']);
    expect(h.run('PUBLISH', 'nobody', 'hi')).toBe(int(0));
  });

  it('delivers binary messages unchanged', () => {
    const h = new CommandHarness();
    const a = h.connect();
    a.run('SUBSCRIBE', 'bin');
    h.run('PUBLISH', 'bin', Buffer.from([0, 13, 10, 255]));
    const result = a.receivers[0]!.tryRecv();
    expect(result.status === 'received' && [...result.value.message]).toEqual([0, 13, 10, 255]);
  });

  it('takes exactly two arguments', () => {
    expect(new CommandHarness().run('PUBLISH', 'room')).toBe(
      err("ERR wrong number of arguments for 'publish' command"),
    );
  });
});
