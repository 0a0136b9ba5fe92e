import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames, decodeReplies } from '../test/helpers.js';
import { ProtocolError } from './errors.js';
import { FrameDecoder } from './frame-decoder.js';
import { ReplyDecoder } from './reply-decoder.js';
import { RequestDecoder } from './request-decoder.js';

// Each case: input, and the one ProtocolError it must produce.
const MALFORMED: [string, string, string][] = [
  [
    'an aggregate count beyond 2^31 - 1',
    '*4294967296\r\n',
    'Protocol error: invalid multibulk length',
  ],
  ['a bulk length beyond 512 MiB', '$99999999999\r\n', 'Protocol error: invalid bulk length'],
  ['a negative bulk length other than -1', '$-2\r\n', 'Protocol error: invalid bulk length'],
  ['a non-numeric bulk length', '$abc\r\n', 'Protocol error: invalid bulk length'],
  [
    'an integer with trailing garbage',
    ':12a\r\n',
    "Protocol error: expected an integer, got '12a'",
  ],
  ['an empty integer', ':\r\n', "Protocol error: expected an integer, got ''"],
  ['an integer with a space', ': 12\r\n', "Protocol error: expected an integer, got ' 12'"],
  [
    'a bulk payload not followed by CRLF',
    '$3\r\nabcXY',
    'Protocol error: expected CRLF after bulk payload',
  ],
  ['a line ended by LF alone', '+OK\n', "Protocol error: expected CRLF after '+' line"],
  ['an unknown type byte', 'x\r\n', "Protocol error: unknown type 'x'"],
  ['a bad boolean', '#x\r\n', "Protocol error: invalid boolean 'x'"],
  ['a bad double', ',1.2.3\r\n', "Protocol error: invalid double '1.2.3'"],
  ['a bad big number', '(12x\r\n', "Protocol error: invalid big number '12x'"],
  ['a null with content', '_x\r\n', 'Protocol error: invalid null'],
  ['a verbatim string without a format', '=2\r\nab\r\n', 'Protocol error: invalid verbatim string'],
  [
    'an end marker outside a streamed aggregate',
    '.\r\n',
    "Protocol error: unexpected '.' outside a streamed aggregate",
  ],
  [
    'a streamed string part outside a streamed string',
    ';1\r\na\r\n',
    "Protocol error: unexpected ';' outside a streamed string",
  ],
  [
    'a streamed map ending after a key',
    '%?\r\n+k\r\n.\r\n',
    'Protocol error: streamed map ended after a key without its value',
  ],
];

describe('hostile input', () => {
  it.each(MALFORMED)('reports %s as one ProtocolError', (_name, wire, message) => {
    for (const chunkSize of [0, 1]) {
      const { values, errors } = decodeReplies(`${wire}+after\r\n`, {}, chunkSize);
      expect(values).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(ProtocolError);
      expect(errors[0]!.message).toBe(message);
      expect(errors[0]!.code).toBe('ERR_PROTOCOL');
    }
  });

  it('stops at 100,000 levels of nesting with one error, without recursion or a throw', () => {
    const deep = '*1\r\n'.repeat(100_000);
    const { values, errors } = decodeReplies(deep);
    expect(values).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual(['Protocol error: too many nested aggregates']);
  });

  it('accepts nesting up to the configured depth', () => {
    const wire = `${'*1\r\n'.repeat(1024)}:1\r\n`;
    const { values, errors } = decodeReplies(wire);
    expect(errors).toEqual([]);
    let value = values[0];
    let depth = 0;
    while (Array.isArray(value)) {
      value = value[0];
      depth++;
    }
    expect(depth).toBe(1024);
    expect(decodeReplies(`*1\r\n*1\r\n:1\r\n`, { maxDepth: 1 }).errors[0]?.message).toBe(
      'Protocol error: too many nested aggregates',
    );
  });

  it('never allocates from a count: a huge claimed array holds only what arrived', () => {
    const before = process.memoryUsage().heapUsed;
    const { values, errors } = decodeReplies('*2147483647\r\n:1\r\n:2\r\n');
    expect(values).toEqual([]);
    expect(errors).toEqual([]);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 1024 * 1024);
  });

  it('bounds a line that never ends', () => {
    const decoder = new ReplyDecoder({ onReply: () => {}, onError: (e) => errors.push(e.message) });
    const errors: string[] = [];
    const piece = Buffer.alloc(1024, 'a');
    decoder.write(Buffer.from('+'));
    for (let i = 0; i < 100; i++) decoder.write(piece);
    expect(errors).toEqual(['Protocol error: too big line']);
  });

  it('honours maxBulkLength and maxAggregateLength', () => {
    expect(decodeReplies('$11\r\n', { maxBulkLength: 10 }).errors[0]?.message).toBe(
      'Protocol error: invalid bulk length',
    );
    expect(decodeReplies('*11\r\n', { maxAggregateLength: 10 }).errors[0]?.message).toBe(
      'Protocol error: invalid multibulk length',
    );
  });

  it('waits quietly on a truncated frame', () => {
    for (const wire of [
      '*3\r\n:1\r\n',
      '$10\r\nabc',
      '+OK',
      '%1\r\n+k\r\n',
      '$?\r\n;2\r\nab\r\n',
    ]) {
      const decoder = new ReplyDecoder({ onReply: () => {}, onError: () => {} });
      decoder.write(Buffer.from(wire));
      expect(decoder.idle).toBe(false);
      expect(decoder.failed).toBe(false);
    }
  });

  it('ignores input after the first error until reset()', () => {
    const values: unknown[] = [];
    const errors: unknown[] = [];
    const decoder = new ReplyDecoder({
      onReply: (v) => values.push(v),
      onError: (e) => errors.push(e),
    });
    decoder.write(Buffer.from(':x\r\n'));
    decoder.write(Buffer.from('+OK\r\n'));
    expect(values).toEqual([]);
    expect(errors).toHaveLength(1);
    decoder.reset();
    decoder.write(Buffer.from('+OK\r\n'));
    expect(values).toEqual(['OK']);
  });

  it('survives random bytes: never throws, at most one error, no value after it', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.integer({ min: 1, max: 16 }),
        (input, chunkSize) => {
          const bytes = Buffer.from(input);
          for (const decode of [
            () => decodeReplies(bytes, {}, chunkSize),
            () => decodeFrames(bytes, chunkSize),
            () => decodeReplies(bytes, { maps: 'object', returnBuffers: true }, chunkSize),
          ]) {
            const { errors } = decode();
            expect(errors.length).toBeLessThanOrEqual(1);
          }
          const requestErrors: unknown[] = [];
          const requests = new RequestDecoder({
            onCommand: () => {},
            onError: (e) => requestErrors.push(e),
          });
          for (let i = 0; i < bytes.length; i += chunkSize)
            requests.write(bytes.subarray(i, i + chunkSize));
          expect(requestErrors.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('survives mutated valid frames', () => {
    const valid = Buffer.from(
      '*3\r\n$3\r\nfoo\r\n%1\r\n+a\r\n:1\r\n~1\r\n,1.5\r\n|1\r\n+k\r\n+v\r\n>1\r\n#t\r\n',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 4,
        }),
        (mutations) => {
          const bytes = Buffer.from(valid);
          for (const [at, byte] of mutations) bytes[at] = byte;
          let errors = 0;
          const decoder = new FrameDecoder({ onFrame: () => {}, onError: () => errors++ });
          for (const b of bytes) decoder.write(Buffer.from([b]));
          expect(errors).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
