import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, splitAt } from '../test/helpers.js';
import type { Frame } from './frame.js';
import { FrameDecoder } from './frame-decoder.js';
import { encodeFrame } from './reply-encoder.js';

const bytes = (text: string) => Buffer.from(text);

describe('FrameDecoder', () => {
  it('keeps each type distinct as it was on the wire', () => {
    const { values, errors } = decodeFrames(
      '+OK\r\n$2\r\nOK\r\n$-1\r\n*-1\r\n_\r\n-ERR x\r\n!1\r\nx\r\n=7\r\nmkd:abc\r\n>1\r\n:1\r\n*1\r\n:1\r\n(12\r\n,0.5\r\n#f\r\n',
    );
    expect(errors).toEqual([]);
    expect(values).toEqual([
      { type: 'simple', value: 'OK' },
      { type: 'bulk', value: bytes('OK') },
      { type: 'null-bulk' },
      { type: 'null-array' },
      { type: 'null' },
      { type: 'error', value: 'ERR x' },
      { type: 'blob-error', value: bytes('x') },
      { type: 'verbatim', format: 'mkd', value: bytes('abc') },
      { type: 'push', value: [{ type: 'integer', value: 1 }] },
      { type: 'array', value: [{ type: 'integer', value: 1 }] },
      { type: 'bignum', value: 12n },
      { type: 'double', value: 0.5 },
      { type: 'boolean', value: false },
    ]);
  });

  it('reads simple strings and errors as UTF-8, or byte for byte with textEncoding latin1', () => {
    const wire = Buffer.concat([
      Buffer.from('+'),
      Buffer.from([0xc3, 0xa9, 0xff]),
      Buffer.from('\r\n-ERR '),
      Buffer.from([0xff, 0x41]),
      Buffer.from('\r\n'),
    ]);
    const read = (textEncoding?: 'utf8' | 'latin1') => {
      const frames: Frame[] = [];
      const decoder = new FrameDecoder({
        onFrame: (frame) => frames.push(frame),
        onError: (error) => {
          throw error;
        },
        ...(textEncoding === undefined ? {} : { textEncoding }),
      });
      decoder.write(wire);
      return frames;
    };
    expect(read()).toEqual([
      { type: 'simple', value: 'é\ufffd' },
      { type: 'error', value: 'ERR \ufffdA' },
    ]);
    const latin1 = read('latin1');
    expect(latin1).toEqual([
      { type: 'simple', value: '\u00c3\u00a9\u00ff' },
      { type: 'error', value: 'ERR \u00ffA' },
    ]);
    expect(Buffer.from((latin1[1] as { value: string }).value, 'latin1')).toEqual(
      Buffer.from([0x45, 0x52, 0x52, 0x20, 0xff, 0x41]),
    );
  });

  it('wraps the value an attribute annotates, and keeps map pairs in order', () => {
    const { values } = decodeFrames('|1\r\n+ttl\r\n:5\r\n%2\r\n+b\r\n:2\r\n+a\r\n:1\r\n');
    expect(values).toEqual([
      {
        type: 'attribute',
        attributes: [
          [
            { type: 'simple', value: 'ttl' },
            { type: 'integer', value: 5 },
          ],
        ],
        value: {
          type: 'map',
          value: [
            [
              { type: 'simple', value: 'b' },
              { type: 'integer', value: 2 },
            ],
            [
              { type: 'simple', value: 'a' },
              { type: 'integer', value: 1 },
            ],
          ],
        },
      },
    ]);
  });
});

// Any frame the encoder can write, with text that fits its type.
const line = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '-', ':', '0') });
const blob = fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a));
const { frame } = fc.letrec<{ frame: Frame; pair: [Frame, Frame] }>((tie) => ({
  frame: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    line.map((value) => ({ type: 'simple', value }) as const),
    line.map((value) => ({ type: 'error', value }) as const),
    fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })).map(
      (n) =>
        ({
          type: 'integer',
          // The decoder gives a number whenever the value is a safe integer.
          value:
            typeof n === 'bigint' &&
            n >= BigInt(Number.MIN_SAFE_INTEGER) &&
            n <= BigInt(Number.MAX_SAFE_INTEGER)
              ? Number(n)
              : n,
        }) as const,
    ),
    blob.map((value) => ({ type: 'bulk', value }) as const),
    fc.constant({ type: 'null-bulk' } as const),
    fc.constant({ type: 'null-array' } as const),
    fc.constant({ type: 'null' } as const),
    fc.boolean().map((value) => ({ type: 'boolean', value }) as const),
    fc.double().map((value) => ({ type: 'double', value }) as const),
    fc
      .bigInt({ min: -(2n ** 200n), max: 2n ** 200n })
      .map((value) => ({ type: 'bignum', value }) as const),
    blob.map((value) => ({ type: 'blob-error', value }) as const),
    fc
      .tuple(fc.constantFrom('txt', 'mkd'), blob)
      .map(([format, value]) => ({ type: 'verbatim', format, value }) as const),
    fc.array(tie('frame'), { maxLength: 4 }).map((value) => ({ type: 'array', value }) as const),
    fc.array(tie('frame'), { maxLength: 4 }).map((value) => ({ type: 'set', value }) as const),
    fc.array(tie('frame'), { maxLength: 4 }).map((value) => ({ type: 'push', value }) as const),
    fc.array(tie('pair'), { maxLength: 3 }).map((value) => ({ type: 'map', value }) as const),
    fc
      .tuple(fc.array(tie('pair'), { minLength: 1, maxLength: 2 }), tie('frame'))
      .filter(([, value]) => value.type !== 'attribute' && value.type !== 'push')
      .map(([attributes, value]) => ({ type: 'attribute', attributes, value }) as const),
  ),
  pair: fc.tuple(tie('frame'), tie('frame')),
}));

// A push inside another aggregate is only an array on the way back.
function pushIsTopLevelOnly(f: Frame, top = true): boolean {
  switch (f.type) {
    case 'push':
      return top && f.value.every((x) => pushIsTopLevelOnly(x, false));
    case 'array':
    case 'set':
      return f.value.every((x) => pushIsTopLevelOnly(x, false));
    case 'map':
      return f.value.every(
        ([k, v]) => pushIsTopLevelOnly(k, false) && pushIsTopLevelOnly(v, false),
      );
    case 'attribute':
      return (
        f.attributes.every(
          ([k, v]) => pushIsTopLevelOnly(k, false) && pushIsTopLevelOnly(v, false),
        ) && pushIsTopLevelOnly(f.value, false)
      );
    default:
      return true;
  }
}

describe('FrameDecoder round trip', () => {
  it('decodes any encoded frame, split into random chunks, to the same frame', () => {
    fc.assert(
      fc.property(
        fc.array(
          frame.filter((f) => pushIsTopLevelOnly(f)),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(fc.nat(), { maxLength: 8 }),
        (frames, cuts) => {
          const wire = Buffer.concat(frames.map((f) => encodeFrame(f, 3)));
          const out: Frame[] = [];
          const errors: unknown[] = [];
          const decoder = new FrameDecoder({
            onFrame: (f) => out.push(f),
            onError: (e) => errors.push(e),
          });
          for (const chunk of splitAt(wire, cuts)) decoder.write(chunk);
          expect(errors).toEqual([]);
          expect(out).toEqual(frames);
          expect(decoder.idle).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
