// ServerStats: the instantaneous rates, and error kinds past the bound.
import { describe, expect, it } from 'vitest';
import { ERROR_KINDS_LIMIT, ServerStats } from './stats.js';

describe('ServerStats', () => {
  it("averages 16 samples of 100 ms in Redis's integer arithmetic", () => {
    const stats = new ServerStats();
    stats.sample(1000, 0);
    stats.sample(1100, 100);
    // One sample of 1000 ops/s among 16: 62.5, truncated.
    expect(stats.instantaneous.ops).toBe(62);
    for (let i = 2; i <= 17; i++) stats.sample(1000 + i * 100, i * 100);
    expect(stats.instantaneous.ops).toBe(1000);
  });

  it('starts the rates again after CONFIG RESETSTAT, never negative', () => {
    const stats = new ServerStats();
    stats.sample(1000, 5000);
    stats.sample(1100, 6000);
    stats.reset();
    // The command counter restarts from 0: this sample is a baseline.
    stats.sample(1200, 3);
    expect(stats.instantaneous.ops).toBe(0);
    stats.sample(1300, 103);
    expect(stats.instantaneous.ops).toBe(62);
  });

  it(`counts error kinds past ${ERROR_KINDS_LIMIT} as ERRORSTATS_OVERFLOW`, () => {
    const stats = new ServerStats();
    for (let i = 0; i < ERROR_KINDS_LIMIT + 5; i++) stats.countError(`E${i} message`);
    stats.countError('E0 again');
    stats.countError('nospace');
    const kinds = new Map(stats.errorKinds());
    expect(kinds.size).toBe(ERROR_KINDS_LIMIT + 1);
    expect(kinds.get('E0')).toBe(2);
    expect(kinds.get('ERRORSTATS_OVERFLOW')).toBe(6);
    expect(stats.errorReplies).toBe(ERROR_KINDS_LIMIT + 7);
  });
});
