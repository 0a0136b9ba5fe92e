// ShortStrings through both decoders: strings cut from a chunk's decoded
// text must equal what Buffer#toString gives, whatever sits beside them
// (non-ASCII values, binary bytes) and wherever stretches and chunks end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCommand } from '../command-encoder.js';
import { ReplyDecoder } from '../reply-decoder.js';
import { RequestDecoder } from '../request-decoder.js';
import { ShortStrings } from './short-strings.js';

// Short values of every kind: ASCII, UTF-8, bytes that are not UTF-8.
const value = fc.oneof(
  fc.string({ maxLength: 14 }).map((s) => Buffer.from(s)),
  fc
    .string({ unit: fc.constantFrom('é', '€', 'a', '\r', '\n'), maxLength: 6 })
    .map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 14 }).map((a) => Buffer.from(a)),
  fc.constant(Buffer.from('x'.repeat(2000))),
);

function arrayReply(values: Buffer[]): Buffer {
  return Buffer.concat([
    Buffer.from(`*${values.length}\r\n`),
    ...values.flatMap((v) => [Buffer.from(`$${v.length}\r\n`), v, Buffer.from('\r\n')]),
  ]);
}

function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

describe('ShortStrings', () => {
  it('gives the same strings as Buffer#toString in reply arrays split anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (values, cuts) => {
          const replies: unknown[] = [];
          const decoder = new ReplyDecoder({
            onReply: (r) => replies.push(r),
            onError: (e) => {
              throw e;
            },
          });
          for (const chunk of split(arrayReply(values), cuts)) decoder.write(chunk);
          expect(replies).toEqual([values.map((v) => v.toString('utf8'))]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same arguments as Buffer#toString in requests split anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 1, maxLength: 5 }), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (commands, cuts) => {
          const seen: [string[], string[]][] = [];
          const decoder = new RequestDecoder({
            onCommand: (args) => {
              const utf8: string[] = [];
              const latin1: string[] = [];
              for (let i = 0; i < args.length; i++) {
                utf8.push(args.string(i));
                latin1.push(args.latin1(i));
              }
              seen.push([utf8, latin1]);
            },
            onError: (e) => {
              throw e;
            },
          });
          const bytes = Buffer.concat(commands.map((c) => encodeCommand(c)));
          for (const chunk of split(bytes, cuts)) decoder.write(chunk);
          expect(seen).toEqual(
            commands.map((c) => [
              c.map((v) => v.toString('utf8')),
              c.map((v) => v.toString('latin1')),
            ]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('cuts strings across the end of a decoded stretch and ignores other buffers', () => {
    const strings = new ShortStrings();
    const chunk = Buffer.from(`${'a'.repeat(4092)}bcdefghij${'k'.repeat(5000)}`);
    strings.begin(chunk);
    expect(strings.utf8(chunk, 0, 4)).toBe('aaaa');
    // 4090..4100 straddles the first stretch's end (4096).
    expect(strings.utf8(chunk, 4090, 4100)).toBe('aabcdefghi');
    expect(strings.latin1(chunk, 4092, 4095)).toBe('bcd');
    const other = Buffer.from('zzzz');
    expect(strings.utf8(other, 0, 4)).toBe('zzzz');
    strings.end();
    // After end(), even the same chunk is decoded afresh: its bytes may have changed.
    chunk.write('QQQQ', 0);
    expect(strings.utf8(chunk, 0, 4)).toBe('QQQQ');
  });

  it('checks each stretch of a chunk that is not all ASCII', () => {
    const strings = new ShortStrings();
    const chunk = Buffer.concat([Buffer.from('ab'), Buffer.alloc(5000, 0x61), Buffer.from('é')]);
    strings.begin(chunk);
    expect(strings.utf8(chunk, 0, 2)).toBe('ab');
    expect(strings.utf8(chunk, 5000, 5004)).toBe('aaé');
    strings.end();
  });

  it('decodes a non-ASCII stretch byte for byte', () => {
    const strings = new ShortStrings();
    const chunk = Buffer.concat([
      Buffer.from('ok'),
      Buffer.from('é'),
      Buffer.from([0xff, 0x41]),
      Buffer.alloc(300, 0x61),
    ]);
    strings.begin(chunk);
    expect(strings.utf8(chunk, 0, 2)).toBe('ok');
    expect(strings.utf8(chunk, 2, 4)).toBe('é');
    expect(strings.latin1(chunk, 4, 6)).toBe('\xffA');
    strings.end();
  });
});
