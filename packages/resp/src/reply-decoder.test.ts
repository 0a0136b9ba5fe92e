import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReplies, feedThroughReusedBuffer } from '../test/helpers.js';
import { ReplyError } from './errors.js';
import { ReplyDecoder } from './reply-decoder.js';

// Every type of RESP2 and RESP3, the RESP3 specification's examples among them.
const VECTORS: [string, string, unknown][] = [
  ['simple string', '+OK\r\n', 'OK'],
  ['empty simple string', '+\r\n', ''],
  ['integer', ':1000\r\n', 1000],
  ['negative integer', ':-42\r\n', -42],
  ['integer with plus sign', ':+7\r\n', 7],
  ['largest safe integer', ':9007199254740991\r\n', 9007199254740991],
  ['64-bit integer beyond 2^53', ':9223372036854775807\r\n', 9223372036854775807n],
  ['smallest 64-bit integer', ':-9223372036854775808\r\n', -9223372036854775808n],
  ['bulk string', '$5\r\nhello\r\n', 'hello'],
  ['empty bulk string', '$0\r\n\r\n', ''],
  ['bulk string with CRLF inside', '$4\r\na\r\nb\r\n', 'a\r\nb'],
  ['UTF-8 bulk string', '$6\r\nhéllo\r\n', 'héllo'],
  ['RESP2 null bulk', '$-1\r\n', null],
  ['RESP2 null array', '*-1\r\n', null],
  ['array', '*2\r\n$3\r\nfoo\r\n:1\r\n', ['foo', 1]],
  ['empty array', '*0\r\n', []],
  ['nested array', '*2\r\n*1\r\n:1\r\n*0\r\n', [[1], []]],
  ['null', '_\r\n', null],
  ['true', '#t\r\n', true],
  ['false', '#f\r\n', false],
  ['double', ',1.23\r\n', 1.23],
  ['double with exponent', ',1.5e3\r\n', 1500],
  ['integral double', ',10\r\n', 10],
  ['inf', ',inf\r\n', Number.POSITIVE_INFINITY],
  ['-inf', ',-inf\r\n', Number.NEGATIVE_INFINITY],
  ['older spelling of inf', ',Infinity\r\n', Number.POSITIVE_INFINITY],
  ['nan', ',nan\r\n', Number.NaN],
  ['older spelling of nan', ',-nan\r\n', Number.NaN],
  [
    'big number',
    '(3492890328409238509324850943850943825024385\r\n',
    3492890328409238509324850943850943825024385n,
  ],
  ['verbatim string', '=15\r\ntxt:Some string\r\n', 'Some string'],
  [
    'map',
    '%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n',
    new Map<unknown, unknown>([
      ['first', 1],
      ['second', 2],
    ]),
  ],
  ['set', '~3\r\n+orange\r\n+apple\r\n#t\r\n', new Set(['orange', 'apple', true])],
  [
    'attribute before a reply',
    '|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.1923\r\n*2\r\n:2039123\r\n:9543892\r\n',
    [2039123, 9543892],
  ],
  ['attribute inside an array', '*2\r\n|1\r\n+ttl\r\n:3600\r\n+a\r\n+b\r\n', ['a', 'b']],
  ['streamed string', '$?\r\n;4\r\nHell\r\n;5\r\no wor\r\n;1\r\nd\r\n;0\r\n', 'Hello word'],
  ['streamed array', '*?\r\n:1\r\n:2\r\n:3\r\n.\r\n', [1, 2, 3]],
  [
    'streamed map',
    '%?\r\n+a\r\n:1\r\n+b\r\n:2\r\n.\r\n',
    new Map<unknown, unknown>([
      ['a', 1],
      ['b', 2],
    ]),
  ],
  ['streamed set', '~?\r\n+a\r\n.\r\n', new Set(['a'])],
  ['empty streamed array', '*?\r\n.\r\n', []],
];

describe('ReplyDecoder', () => {
  it.each(VECTORS)('decodes a %s', (_name, wire, expected) => {
    for (const chunkSize of [0, 1, 2, 3, 5]) {
      const { values, errors } = decodeReplies(wire, {}, chunkSize);
      expect(errors).toEqual([]);
      expect(values).toEqual([expected]);
    }
  });

  it('decodes error replies into ReplyError values carrying the code', () => {
    const { values } = decodeReplies(
      '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n!21\r\nSYNTAX invalid syntax\r\n-ERR\r\n',
    );
    expect(
      values.map((v) => [ReplyError.is(v), (v as ReplyError).code, (v as ReplyError).message]),
    ).toEqual([
      [true, 'WRONGTYPE', 'WRONGTYPE Operation against a key holding the wrong kind of value'],
      [true, 'SYNTAX', 'SYNTAX invalid syntax'],
      [true, 'ERR', 'ERR'],
    ]);
  });

  it('keeps an error reply inside an array as a value', () => {
    const { values } = decodeReplies('*2\r\n+OK\r\n-ERR bad\r\n');
    const [ok, error] = values[0] as [string, ReplyError];
    expect(ok).toBe('OK');
    expect(error).toBeInstanceOf(ReplyError);
  });

  it('returns Buffers that do not share memory with the input', () => {
    const input = Buffer.from('$3\r\nabc\r\n=7\r\ntxt:xyz\r\n');
    const { values } = decodeReplies(input, { returnBuffers: true });
    expect(values).toEqual([Buffer.from('abc'), Buffer.from('xyz')]);
    input.fill(0);
    expect(values).toEqual([Buffer.from('abc'), Buffer.from('xyz')]);
  });

  it('with transientChunks, copies what it keeps of a chunk the caller then overwrites', () => {
    // Every reply the decoder keeps state for across chunks: split lines,
    // a small and a long payload (over 4 KiB, kept in parts), a streamed
    // string, an aggregate left open.
    const long = 'L'.repeat(6000);
    const wire = Buffer.from(
      `+OK\r\n$5\r\nsmall\r\n$6000\r\n${long}\r\n*3\r\n:1\r\n$2\r\nab\r\n$6000\r\n${long}\r\n` +
        `$?\r\n;3000\r\n${long.slice(0, 3000)}\r\n;3\r\nxyz\r\n;0\r\n`,
    );
    const expected = ['OK', 'small', long, [1, 'ab', long], `${long.slice(0, 3000)}xyz`];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (sizes, returnBuffers) => {
          const values: unknown[] = [];
          const decoder = new ReplyDecoder({
            transientChunks: true,
            returnBuffers,
            onReply: (reply) => values.push(reply),
            onError: (error) => values.push(error),
          });
          feedThroughReusedBuffer(decoder, wire, sizes);
          const text = (value: unknown): unknown =>
            Buffer.isBuffer(value)
              ? value.toString()
              : Array.isArray(value)
                ? value.map(text)
                : value;
          expect(values.map(text)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('returns maps as prototype-free objects where a __proto__ key is only a key', () => {
    const { values } = decodeReplies('%2\r\n+__proto__\r\n+polluted\r\n:1\r\n+one\r\n', {
      maps: 'object',
    });
    const object = values[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(object)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(object, '__proto__')?.value).toBe('polluted');
    expect(object['1']).toBe('one');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns sets as arrays and big integers as strings when asked', () => {
    const { values } = decodeReplies('~2\r\n:1\r\n:2\r\n:12345678901234567890\r\n(123\r\n', {
      sets: 'array',
      bigIntegers: 'string',
    });
    expect(values).toEqual([[1, 2], '12345678901234567890', '123']);
  });

  it('delivers pushes to onPush, in order with replies', () => {
    const { values, pushes } = decodeReplies(
      '+OK\r\n>3\r\n+message\r\n+news\r\n+hi\r\n:1\r\n>0\r\n',
    );
    expect(values).toEqual(['OK', 1]);
    expect(pushes).toEqual([['message', 'news', 'hi'], []]);
  });

  it('delivers pushes to onReply when there is no onPush', () => {
    const values: unknown[] = [];
    const decoder = new ReplyDecoder({ onReply: (v) => values.push(v), onError: () => {} });
    decoder.write(Buffer.from('>2\r\n+message\r\n+x\r\n'));
    expect(values).toEqual([['message', 'x']]);
  });

  it('passes attributes to onAttribute and still delivers the reply', () => {
    const attributes: unknown[] = [];
    const values: unknown[] = [];
    const decoder = new ReplyDecoder({
      onReply: (v) => values.push(v),
      onError: () => {},
      onAttribute: (a) => attributes.push(a),
    });
    decoder.write(Buffer.from('|1\r\n+ttl\r\n:3600\r\n+value\r\n'));
    expect(attributes).toEqual([new Map([['ttl', 3600]])]);
    expect(values).toEqual(['value']);
  });

  it('decodes many replies from one chunk and resumes replies split anywhere', () => {
    const wire = '+OK\r\n:1\r\n$3\r\nfoo\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n';
    for (let size = 1; size <= wire.length; size++) {
      const { values, errors } = decodeReplies(wire, {}, size);
      expect(errors).toEqual([]);
      expect(values).toEqual(['OK', 1, 'foo', ['a', 'b']]);
    }
  });

  it('reports idle only between replies', () => {
    const decoder = new ReplyDecoder({ onReply: () => {}, onError: () => {} });
    expect(decoder.idle).toBe(true);
    decoder.write(Buffer.from('*2\r\n:1\r\n'));
    expect(decoder.idle).toBe(false);
    decoder.write(Buffer.from(':2\r\n'));
    expect(decoder.idle).toBe(true);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => new ReplyDecoder({ onReply: () => {}, onError: () => {}, maxDepth: 0 })).toThrow(
      'Expected `maxDepth` to be an integer >= 1, got 0',
    );
  });
});

describe('ReplyDecoder#returnBuffers', () => {
  it('can change between replies, from inside onReply', () => {
    const values: unknown[] = [];
    const decoder: ReplyDecoder = new ReplyDecoder({
      onReply: (v) => {
        values.push(v);
        decoder.returnBuffers = !decoder.returnBuffers;
      },
      onError: () => {},
    });
    decoder.write(Buffer.from('$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n'));
    expect(values).toEqual(['a', Buffer.from('b'), 'c']);
  });
});
