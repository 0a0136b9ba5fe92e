import { describe, expect, it } from 'vitest';
import { accessedFrequency, decayedFrequency, LFU_INIT_VAL } from './lfu.js';

const MINUTE = 60_000;
const SETTINGS = { logFactor: 10, decayTime: 1 };

describe('LFU counter', () => {
  it('loses one for every lfu-decay-time minutes without an access, down to 0', () => {
    const entry = { frequency: 10, accessedAt: 5 * MINUTE };
    expect(decayedFrequency(entry, 5 * MINUTE + 59_999, SETTINGS)).toBe(10);
    expect(decayedFrequency(entry, 6 * MINUTE, SETTINGS)).toBe(9);
    expect(decayedFrequency(entry, 12 * MINUTE, SETTINGS)).toBe(3);
    expect(decayedFrequency(entry, 60 * MINUTE, SETTINGS)).toBe(0);
    // Whole periods only: 5 minutes at 2 a period is 2.
    expect(decayedFrequency(entry, 10 * MINUTE, { logFactor: 10, decayTime: 2 })).toBe(8);
    // 0: it never decays.
    expect(decayedFrequency(entry, 600 * MINUTE, { logFactor: 10, decayTime: 0 })).toBe(10);
    // Whole minutes of the clock, as Redis's: 12:59 to 13:00 is one.
    expect(
      decayedFrequency({ frequency: 10, accessedAt: 13 * MINUTE - 1 }, 13 * MINUTE, SETTINGS),
    ).toBe(9);
  });

  it('always counts an access up to the initial value, never past 255', () => {
    for (let counter = 0; counter <= LFU_INIT_VAL; counter++)
      expect(accessedFrequency({ frequency: counter, accessedAt: 0 }, 0, SETTINGS)).toBe(
        counter + 1,
      );
    expect(accessedFrequency({ frequency: 255, accessedAt: 0 }, 0, SETTINGS)).toBe(255);
    // Decayed first: 8 minutes idle takes 10 to 2, which then always counts.
    expect(accessedFrequency({ frequency: 10, accessedAt: 0 }, 8 * MINUTE, SETTINGS)).toBe(3);
  });

  it('counts an access above the initial value with probability 1 / ((counter - 5) * factor + 1)', () => {
    // At 15 with factor 10: 1 in 101. Over 101,000 accesses, about 1,000
    // count; the bounds are more than 6 standard deviations (31) wide.
    let counted = 0;
    for (let i = 0; i < 101_000; i++)
      if (accessedFrequency({ frequency: 15, accessedAt: 0 }, 0, SETTINGS) === 16) counted++;
    expect(counted).toBeGreaterThan(800);
    expect(counted).toBeLessThan(1200);
    // Factor 0: every access counts.
    expect(
      accessedFrequency({ frequency: 100, accessedAt: 0 }, 0, { logFactor: 0, decayTime: 1 }),
    ).toBe(101);
  });
});
