import { describe, expect, it } from 'vitest';
import {
  appendToString,
  exactStringAllocation,
  forgetGrowth,
  growString,
  rawStringAllocation,
} from './sds.js';
import { allocationSize } from './size-classes.js';

describe('allocationSize', () => {
  it("rounds up to jemalloc's size classes", () => {
    const cases: [number, number][] = [
      [1, 8],
      [8, 8],
      [9, 16],
      [21, 32],
      [33, 48],
      [128, 128],
      [129, 160],
      [254, 256],
      [259, 320],
      [1006, 1024],
      [4096, 4096],
      [4097, 5120],
      [5006, 5120],
      [12310, 14336],
      [40006, 40960],
      [1_048_577, 1_310_720],
    ];
    for (const [size, expected] of cases)
      expect([size, allocationSize(size)]).toEqual([size, expected]);
  });
});

describe('sds growth', () => {
  it("allocates a new string exactly, with Redis's headers", () => {
    // Type 5 (1 byte) below 32 bytes, type 8 (3) below 256, type 16 (5)
    // below 64 KiB; the empty string gets type 8.
    expect(exactStringAllocation(0)).toBe(8);
    expect(exactStringAllocation(5)).toBe(8);
    expect(exactStringAllocation(31)).toBe(48);
    expect(exactStringAllocation(45)).toBe(64);
    expect(exactStringAllocation(252)).toBe(256);
    expect(exactStringAllocation(300)).toBe(320);
    expect(exactStringAllocation(5000)).toBe(5120);
  });

  it('grows as APPEND grows a string on redis-server 7.0.15', () => {
    // `APPEND ap hello`, then ten APPENDs of 16 bytes: redis-server's
    // MEMORY USAGE less the key (8), its dictEntry (24) and the object (16).
    let value: Buffer = Buffer.from('hello');
    const allocations: number[] = [];
    for (let i = 0; i < 10; i++) {
      value = appendToString(value, Buffer.from('0123456789abcdef'));
      allocations.push(rawStringAllocation(value));
    }
    expect(allocations).toEqual([48, 48, 112, 112, 112, 112, 256, 256, 256, 256]);
    expect(value.toString()).toBe(`hello${'0123456789abcdef'.repeat(10)}`);
  });

  it('grows with zeros, as SETRANGE and SETBIT grow a string', () => {
    // `SETRANGE sr 0 abc` then `SETRANGE sr 100 x`: 272 on redis-server,
    // less 8 + 24 + 16.
    const grown = growString(Buffer.from('abc'), 101);
    expect(rawStringAllocation(grown)).toBe(224);
    expect(grown.subarray(0, 3).toString()).toBe('abc');
    expect(grown.subarray(3).every((byte) => byte === 0)).toBe(true);
  });

  it('reuses its room: reallocations are logarithmic in the appends', () => {
    let value: Buffer = Buffer.from('x');
    const rooms = new Set<ArrayBufferLike>();
    for (let i = 0; i < 10_000; i++) {
      value = appendToString(value, Buffer.from('0123456789'));
      rooms.add(value.buffer);
    }
    expect(value.length).toBe(100_001);
    // Doubling, and the size classes' slack on top: rooms of 32, 64, 128,
    // 320, 768, 1792, 4096, 8192, 20480, 49152 and 114688 bytes.
    expect(rooms.size).toBe(11);
    expect(value.subarray(-10).toString()).toBe('0123456789');
  });

  it('zeroes bytes reused from the room', () => {
    let value = appendToString(Buffer.from('a'.repeat(40)), Buffer.from('bbbb'));
    // Shrinking is a new Buffer (SETRANGE never shrinks; this stands for a
    // value whose room held old bytes): growing into the room zeroes them.
    value = value.subarray(0, 40);
    const regrown = growString(value, 44);
    expect(regrown.subarray(40).every((byte) => byte === 0)).toBe(true);
  });

  it('forgets its growth when Redis would copy the value exactly', () => {
    const grown = appendToString(Buffer.from('hello'), Buffer.from('0123456789abcdef'));
    expect(rawStringAllocation(grown)).toBe(48);
    forgetGrowth(grown);
    // 21 bytes: a type-5 header, 23 bytes, rounded to 32.
    expect(rawStringAllocation(grown)).toBe(32);
  });
});
