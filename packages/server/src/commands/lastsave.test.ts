// LASTSAVE: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, int } from '../../test/command-harness.js';

describe('LASTSAVE', () => {
  it("replies the server's start in Unix seconds: nothing is saved after it", () => {
    const h = new CommandHarness();
    const reply = h.run('LASTSAVE');
    const seconds = Number(/^:(\d+)\r\n$/.exec(reply)![1]);
    expect(reply).toBe(int(seconds));
    expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(60);
    h.advance(10_000);
    expect(h.run('LASTSAVE')).toBe(reply);
  });
});
