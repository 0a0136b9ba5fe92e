import { describe, expect, it } from 'vitest';
import {
  doctorReport,
  type MemoryOverhead,
  MemoryTracker,
  memoryOverhead,
} from './memory-stats.js';

const MB = 1024 * 1024;

// An overhead report with the figures DOCTOR reads, the rest zero.
function overhead(figures: Partial<MemoryOverhead>): MemoryOverhead {
  const zero = memoryOverhead({
    tracker: new MemoryTracker(),
    clientsMemory: 0,
    scriptsBytes: 0,
    functionsBytes: 0,
    databases: [],
  });
  return { ...zero, ...figures };
}

describe('memoryOverhead', () => {
  it("counts each database's tables as Redis's formulas do, and skips empty ones", () => {
    const report = memoryOverhead({
      tracker: new MemoryTracker(),
      clientsMemory: 100,
      scriptsBytes: 30,
      functionsBytes: 20,
      databases: [
        { keys: 20, expiring: 5 },
        { keys: 0, expiring: 0 },
        { keys: 1, expiring: 0 },
      ],
    });
    // 20 keys: 20 * (24 + 16) + 32 slots * 8; 5 deadlines: 5 * 24 + 8 * 8.
    expect(report.databases).toEqual([
      { id: 0, main: 1056, expires: 184 },
      { id: 2, main: 72, expires: 0 },
    ]);
    expect(report.totalKeys).toBe(21);
    expect(report.overheadTotal).toBe(report.startupAllocated + 150 + 1056 + 184 + 72);
    expect(report.clientsNormal).toBe(100);
    expect(report.peakAllocated).toBeGreaterThanOrEqual(report.totalAllocated);
    // Ratios are C floats, as Redis computes them.
    expect(Math.fround(report.peakPercentage)).toBe(report.peakPercentage);
  });
});

describe('doctorReport', () => {
  it('calls an instance empty below 5 MB of data above startup', () => {
    const report = doctorReport(
      overhead({ startupAllocated: 10 * MB, totalAllocated: 14 * MB, peakAllocated: 40 * MB }),
      1,
      5000,
    );
    expect(report).toMatch(/^Hi Sam, this instance is empty or is using very little memory/);
  });

  it('finds no issue in a healthy instance', () => {
    const report = doctorReport(
      overhead({ startupAllocated: 10 * MB, totalAllocated: 30 * MB, peakAllocated: 31 * MB }),
      3,
      10,
    );
    expect(report).toBe(
      "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n",
    );
  });

  it("reports a past peak, big client buffers and many scripts, in Redis's order", () => {
    const report = doctorReport(
      overhead({
        startupAllocated: 10 * MB,
        totalAllocated: 20 * MB,
        peakAllocated: 31 * MB,
        clientsNormal: 2 * 300 * 1024,
      }),
      2,
      1001,
    );
    expect(
      report.startsWith('Sam, I detected a few issues in this Redis instance memory implants:\n\n'),
    ).toBe(true);
    const peak = report.indexOf(' * Peak memory:');
    const clients = report.indexOf(' * Big client buffers:');
    const scripts = report.indexOf(' * Many scripts:');
    expect(peak).toBeGreaterThan(0);
    expect(clients).toBeGreaterThan(peak);
    expect(scripts).toBeGreaterThan(clients);
    expect(report.endsWith("I'm here to keep you safe, Sam. I want to help you.\n")).toBe(true);
    // At 150% exactly, 200 KB per client and 1,000 scripts, nothing to say.
    expect(
      doctorReport(
        overhead({
          startupAllocated: 10 * MB,
          totalAllocated: 20 * MB,
          peakAllocated: 30 * MB,
          clientsNormal: 2 * 200 * 1024,
        }),
        2,
        1000,
      ),
    ).toMatch(/^Hi Sam, I can't find any memory issue/);
  });
});
