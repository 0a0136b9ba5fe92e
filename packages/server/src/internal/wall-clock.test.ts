import { afterEach, describe, expect, it, vi } from 'vitest';
import { wallClockMicros } from './wall-clock.js';

describe('wallClockMicros', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('stays within the millisecond Date.now() gives, with microseconds', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const before = Date.now();
      const micros = wallClockMicros();
      const after = Date.now();
      expect(Number.isInteger(micros)).toBe(true);
      expect(micros).toBeGreaterThanOrEqual(before * 1000);
      expect(micros).toBeLessThan((after + 1) * 1000);
      seen.add(micros % 1000);
    }
    // Not Date.now() times 1000: the sub-millisecond part varies.
    expect(seen.size).toBeGreaterThan(100);
  });

  it('follows the wall clock when it steps away from the monotonic one', () => {
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 3_600_000);
    const micros = wallClockMicros();
    expect(micros).toBeGreaterThanOrEqual((now + 3_600_000) * 1000);
    expect(micros).toBeLessThan((now + 3_600_001) * 1000);
  });
});
