// TIME: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness } from '../../test/command-harness.js';

describe('TIME', () => {
  it('replies with the Unix time as seconds and microseconds', () => {
    const before = Date.now();
    const reply = new CommandHarness().run('TIME');
    const after = Date.now();
    const match = /^\*2\r\n\$\d+\r\n(\d+)\r\n\$\d+\r\n(\d+)\r\n$/.exec(reply);
    expect(match).not.toBeNull();
    const micros = Number(match![1]) * 1e6 + Number(match![2]);
    expect(Number(match![2])).toBeLessThan(1e6);
    expect(micros).toBeGreaterThanOrEqual(before * 1000 - 1000);
    expect(micros).toBeLessThanOrEqual(after * 1000 + 1000);
  });
});
