// bytes.ts: the string builders must give exactly what Buffer#toString
// gives, at every length around the JavaScript/native cut-over (32 bytes),
// at any offset, for ASCII, Latin-1 and UTF-8 bytes.
import { describe, expect, it } from 'vitest';
import { copyBytes, latin1, utf8 } from './bytes.js';

// `length` bytes starting with `first`, counting up and wrapping in [low, high].
function bytes(length: number, low: number, high: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = low + (i % (high - low + 1));
  return out;
}

// The bytes inside a larger buffer, so offsets other than 0 are exercised.
function embedded(inner: Buffer): { buf: Buffer; start: number; end: number } {
  const buf = Buffer.concat([Buffer.from('*3\r\n$'), inner, Buffer.from('\r\nrest')]);
  return { buf, start: 5, end: 5 + inner.length };
}

describe('latin1', () => {
  it('gives one char per byte for every length from 0 to 40', () => {
    for (let length = 0; length <= 40; length++) {
      for (const [low, high] of [
        [0x20, 0x7e],
        [0x00, 0xff],
        [0x80, 0xff],
      ] as const) {
        const { buf, start, end } = embedded(bytes(length, low, high));
        expect(latin1(buf, start, end)).toBe(buf.toString('latin1', start, end));
        expect(latin1(buf, start, end).length).toBe(length);
      }
    }
  });

  it('builds the exact key a command sees', () => {
    const { buf, start, end } = embedded(Buffer.from('key:__rand_int__'));
    expect(latin1(buf, start, end)).toBe('key:__rand_int__');
    const {
      buf: b2,
      start: s2,
      end: e2,
    } = embedded(Buffer.from('user:1000:session:abcdef0123456789'));
    expect(latin1(b2, s2, e2)).toBe('user:1000:session:abcdef0123456789');
  });
});

describe('utf8', () => {
  it('decodes ASCII, multi-byte UTF-8 and invalid bytes as Buffer#toString does, for every length from 0 to 40', () => {
    for (let length = 0; length <= 40; length++) {
      const samples = [
        bytes(length, 0x20, 0x7e),
        Buffer.from('é€'.repeat(length)).subarray(0, length),
        bytes(length, 0x80, 0xff),
      ];
      for (const sample of samples) {
        const { buf, start, end } = embedded(sample);
        expect(utf8(buf, start, end)).toBe(buf.toString('utf8', start, end));
      }
    }
  });

  it('gives a short non-ASCII value its UTF-8 meaning, not its Latin-1 one', () => {
    const { buf, start, end } = embedded(Buffer.from('caf\u00e9'));
    expect(end - start).toBe(5);
    expect(utf8(buf, start, end)).toBe('caf\u00e9');
  });
});

describe('copyBytes', () => {
  it('copies short and long values into memory of their own', () => {
    for (const length of [0, 3, 32, 33, 1000]) {
      const source = bytes(length + 10, 0, 0xff);
      const copy = copyBytes(source, 5, 5 + length);
      expect(copy.equals(source.subarray(5, 5 + length))).toBe(true);
      // Overwriting the source leaves the copy as it was.
      source.fill(0);
      expect(copy.equals(bytes(length + 10, 0, 0xff).subarray(5, 5 + length))).toBe(true);
    }
  });
});
