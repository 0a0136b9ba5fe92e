// TIME: unit tests against the server's state, asserting Redis's reply bytes.
import { describe, expect, it } from 'vitest';
import { CommandHarness, START } from '../../test/command-harness.js';

// The reply's time in microseconds.
function timeOf(reply: string): number {
  const match = /^\*2\r\n\$\d+\r\n(\d+)\r\n\$\d+\r\n(\d+)\r\n$/.exec(reply);
  expect(match, reply).not.toBeNull();
  expect(Number(match![2])).toBeLessThan(1e6);
  return Number(match![1]) * 1e6 + Number(match![2]);
}

describe('TIME', () => {
  it("replies with the wall clock (the harness's) as seconds and microseconds", () => {
    const harness = new CommandHarness();
    const first = timeOf(harness.run('TIME'));
    expect(first).toBeGreaterThanOrEqual((START - 1) * 1000);
    expect(first).toBeLessThanOrEqual((START + 1) * 1000);
    harness.advance(1500);
    const later = timeOf(harness.run('TIME'));
    expect(later).toBeGreaterThanOrEqual((START + 1499) * 1000);
    expect(later).toBeLessThanOrEqual((START + 1501) * 1000);
  });
});
