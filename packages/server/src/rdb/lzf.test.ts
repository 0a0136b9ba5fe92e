import { describe, expect, it } from 'vitest';
import { lzfCompress, lzfDecompress } from './lzf.js';

// A seeded generator, so a failing input can be rebuilt.
function* bytes(seed: number, count: number, alphabet: number): Generator<number> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield (x >>> 0) % alphabet;
  }
}

describe('lzf', () => {
  it('compresses repetitive input and decompresses it back', () => {
    const input = Buffer.from(`${'abc'.repeat(100)}-${'xyz'.repeat(50)}`);
    const compressed = lzfCompress(input, input.length - 4)!;
    expect(compressed.length).toBeLessThan(40);
    expect(lzfDecompress(compressed, input.length)).toEqual(input);
  });

  it('round-trips random inputs of every length and redundancy', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const length = seed * 7;
      const input = Buffer.from([...bytes(seed, length, seed % 2 === 0 ? 4 : 256)]);
      // As Redis asks: at most the length - 4, or nothing.
      const compressed = lzfCompress(input, Math.max(length - 4, 1));
      if (compressed === null) continue;
      expect(compressed.length).toBeLessThanOrEqual(Math.max(length - 4, 1));
      expect(lzfDecompress(compressed, length), `seed ${seed}`).toEqual(input);
    }
  });

  it('gives up when the output would not be smaller', () => {
    const noise = Buffer.from([...bytes(7, 100, 256)]);
    expect(lzfCompress(noise, noise.length - 4)).toBeNull();
    expect(lzfCompress(Buffer.alloc(0), 10)).toBeNull();
  });

  it('refuses malformed data instead of reading or writing out of bounds', () => {
    // A back-reference before the start.
    expect(lzfDecompress(Buffer.of(0x20, 0x05), 10)).toBeNull();
    // A literal run longer than the input, or than the output.
    expect(lzfDecompress(Buffer.of(0x05, 0x61), 6)).toBeNull();
    expect(lzfDecompress(Buffer.of(0x02, 0x61, 0x62, 0x63), 2)).toBeNull();
    // A back-reference cut short.
    expect(lzfDecompress(Buffer.of(0x00, 0x61, 0xe0), 20)).toBeNull();
    // Less output than claimed.
    expect(lzfDecompress(Buffer.of(0x00, 0x61), 2)).toBeNull();
    // A reference that overlaps what it writes (a run of one byte).
    expect(lzfDecompress(Buffer.of(0x00, 0x61, 0xe0, 0x03, 0x00), 13)).toEqual(
      Buffer.from('a'.repeat(13)),
    );
  });
});
