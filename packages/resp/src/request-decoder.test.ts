import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feed, feedThroughReusedBuffer } from '../test/helpers.js';
import { splitInlineArgs } from './inline.js';
import { type RequestArgs, RequestDecoder, type RequestDecoderOptions } from './request-decoder.js';

function decodeRequests(
  input: string | Buffer,
  chunkSize = 0,
  options: Partial<RequestDecoderOptions> = {},
): { commands: string[][]; errors: string[] } {
  const commands: string[][] = [];
  const errors: string[] = [];
  const decoder = new RequestDecoder({
    ...options,
    onCommand: (args) => {
      const command: string[] = [];
      for (let i = 0; i < args.length; i++) command.push(args.string(i));
      commands.push(command);
    },
    onError: (error) => errors.push(error.message),
  });
  feed(decoder, Buffer.from(input), chunkSize);
  return { commands, errors };
}

describe('RequestDecoder', () => {
  it('reports the input and argument bytes it holds, as a query buffer does', () => {
    const seen: [string, number, number][] = [];
    const decoder: RequestDecoder = new RequestDecoder({
      onCommand: (args) =>
        seen.push([args.string(0), decoder.bufferedBytes, decoder.argumentBytes]),
      onError: () => {},
    });
    // Two whole commands and the start of a third, in one write: while
    // each runs, the whole write is held, as Redis keeps a read's commands
    // in its query buffer until all have run.
    const wire =
      '*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$10\r\nabc';
    decoder.write(Buffer.from(wire));
    expect(seen).toEqual([
      ['GET', wire.length, 4],
      ['PING', wire.length, 4],
    ]);
    // Between writes: the incomplete argument's bytes wait as input, and
    // the arguments the third command has so far (SET, k) as arguments.
    expect(decoder.bufferedBytes).toBe(3);
    expect(decoder.argumentBytes).toBe(4);
    // The argument announced 10 bytes and its CRLF; 3 are here.
    expect(decoder.awaitedBytes).toBe(9);
    // The argument completed across writes was joined into one copy: it
    // counts as an argument, not also as input.
    decoder.write(Buffer.from('defghij\r\n*1\r\n$4\r\nPING\r\n'));
    expect(seen[2]).toEqual(['SET', 14, 14]);
    expect(seen[3]).toEqual(['PING', 14, 4]);
    expect(decoder.bufferedBytes).toBe(0);
    expect(decoder.argumentBytes).toBe(0);
    expect(decoder.awaitedBytes).toBe(0);
    // A length line alone: all of the argument is awaited.
    decoder.write(Buffer.from('*2\r\n$4\r\nECHO\r\n$70000\r\n'));
    expect(decoder.awaitedBytes).toBe(70002);
  });

  it('decodes pipelined multibulk commands split at any byte', () => {
    const wire =
      '*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n*1\r\n$4\r\nPING\r\n';
    for (let size = 0; size <= wire.length; size++) {
      expect(decodeRequests(wire, size)).toEqual({
        commands: [['SET', 'key', 'value'], ['GET', 'key'], ['PING']],
        errors: [],
      });
    }
  });

  it('keeps binary arguments exact, CRLF inside included', () => {
    const payload = Buffer.from([0, 13, 10, 255, 36]);
    const wire = Buffer.concat([
      Buffer.from('*2\r\n$3\r\nSET\r\n$5\r\n'),
      payload,
      Buffer.from('\r\n'),
    ]);
    const seen: Buffer[] = [];
    const decoder = new RequestDecoder({
      onCommand: (args) => seen.push(args.copy(1)),
      onError: () => {},
    });
    for (const b of wire) decoder.write(Buffer.from([b]));
    expect(seen).toEqual([payload]);
  });

  it('with transientChunks, copies what it keeps of a chunk the caller then overwrites', () => {
    // Commands of every shape the decoder keeps state for across chunks:
    // a split header line, an argument before the split, a payload that
    // spans several chunks (small and over 4 KiB), an inline line.
    const big = 'x'.repeat(5000);
    const wire = Buffer.from(
      `*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\nPING hello\r\n` +
        `*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$5000\r\n${big}\r\n*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n`,
    );
    const expected = [
      ['SET', 'key', 'value'],
      ['PING', 'hello'],
      ['SET', 'big', big],
      ['GET', 'key'],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }),
        (sizes) => {
          const commands: string[][] = [];
          const decoder = new RequestDecoder({
            transientChunks: true,
            onCommand: (args) => {
              const command: string[] = [];
              for (let i = 0; i < args.length; i++) command.push(args.string(i));
              commands.push(command);
            },
            onError: (error) => commands.push(['error', error.message]),
          });
          feedThroughReusedBuffer(decoder, wire, sizes);
          expect(commands).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('clone() keeps a command exact after the decoder and the caller reuse their buffers', () => {
    // Arguments in the base chunk, in a chunk of their own, split across
    // chunks, empty, binary; every clone is read only after all input is fed.
    const binary = Buffer.from([0, 13, 10, 255]);
    const big = 'y'.repeat(5000);
    const wire = Buffer.concat([
      Buffer.from(`*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n$4\r\n`),
      binary,
      Buffer.from(`\r\nECHO inline\r\n*2\r\n$4\r\nECHO\r\n$5000\r\n${big}\r\n`),
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 40 }),
        (sizes) => {
          const kept: RequestArgs[] = [];
          const decoder = new RequestDecoder({
            transientChunks: true,
            onCommand: (args) => kept.push(args.clone()),
            onError: (error) => {
              throw error;
            },
          });
          feedThroughReusedBuffer(decoder, wire, sizes);
          // Compared as Latin-1 text: exact per byte, and far cheaper for
          // the test runner than comparing Buffers element by element.
          expect(kept.map((args) => args.toArray().map((arg) => arg.toString('latin1')))).toEqual([
            ['SET', 'k', '', binary.toString('latin1')],
            ['ECHO', 'inline'],
            ['ECHO', big],
          ]);
          // The views and the comparisons work on the copy too.
          expect(kept[0]!.equals(0, Buffer.from('SET'))).toBe(true);
          expect(kept[0]!.latin1(1)).toBe('k');
          expect(kept[2]!.byteLength(1)).toBe(5000);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('decodes inline commands as Redis splits them, ignoring empty lines', () => {
    expect(
      decodeRequests("PING\r\n\r\n  \r\nset k \"hello world\"\r\nECHO 'it\\'s'\n").commands,
    ).toEqual([['PING'], ['set', 'k', 'hello world'], ['ECHO', "it's"]]);
  });

  it('splits every inline line exactly as splitInlineArgs does, fast path or not', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'b', ' ', '\t', '"', "'", '\\', 'x', '\x01', '\v', '\r', '0'),
        }),
        (line) => {
          const bytes = Buffer.from(line.replace(/\r/g, ''), 'latin1');
          if (bytes[0] === 42) return; // '*' starts a multibulk command instead
          const expected = splitInlineArgs(bytes);
          const commands: string[][] = [];
          const errors: string[] = [];
          const decoder = new RequestDecoder({
            onCommand: (args) => {
              const command: string[] = [];
              for (let i = 0; i < args.length; i++) command.push(args.latin1(i));
              commands.push(command);
            },
            onError: (error) => errors.push(error.message),
          });
          decoder.write(Buffer.concat([bytes, Buffer.from('\r\n')]));
          if (expected === null) {
            expect(errors).toEqual(['Protocol error: unbalanced quotes in request']);
          } else if (expected.length === 0) {
            expect(commands).toEqual([]);
          } else {
            expect(commands).toEqual([expected.map((arg) => arg.toString('latin1'))]);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('compares an argument with bytes, wherever the argument lies', () => {
    const seen: boolean[][] = [];
    const decoder = new RequestDecoder({
      onCommand: (args) => {
        seen.push([
          args.equals(0, Buffer.from('GET')),
          args.equals(0, Buffer.from('get')),
          args.equals(1, Buffer.from('key')),
          args.equals(1, Buffer.from('ke')),
        ]);
      },
      onError: (error) => {
        throw error;
      },
    });
    // Whole in one chunk, then split so the arguments come from other chunks.
    const bytes = Buffer.from('*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n');
    decoder.write(bytes);
    for (const byte of bytes) decoder.write(Buffer.from([byte]));
    decoder.write(Buffer.from('GET key\r\n'));
    expect(seen).toEqual([
      [true, false, true, false],
      [true, false, true, false],
      [true, false, true, false],
    ]);
  });

  it('ignores *0 and negative counts as Redis does', () => {
    expect(decodeRequests('*0\r\n*-10\r\n*1\r\n$4\r\nPING\r\n').commands).toEqual([['PING']]);
  });

  it.each([
    ['*3\r\n$3\r\nSET\r\n$1\r\nx\r\nfooz\r\n', "Protocol error: expected '$', got 'f'"],
    ['*3000000000\r\n', 'Protocol error: invalid multibulk length'],
    ['*abc\r\n', 'Protocol error: invalid multibulk length'],
    ['*1\r\n$-1\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$2147483648\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$x\r\n', 'Protocol error: invalid bulk length'],
    ['set k "unbalanced\r\n', 'Protocol error: unbalanced quotes in request'],
    ['set k "closed"x\r\n', 'Protocol error: unbalanced quotes in request'],
    // string2ll's rules: no leading zero, no -0, within 64 bits.
    ['*01\r\n$4\r\nPING\r\n', 'Protocol error: invalid multibulk length'],
    ['*-0\r\n', 'Protocol error: invalid multibulk length'],
    ['*-9999999999999999999\r\n', 'Protocol error: invalid multibulk length'],
    ['*1\r\n$04\r\nPING\r\n', 'Protocol error: invalid bulk length'],
    ['*1\r\n$\u00c34\r\nPING\r\n', 'Protocol error: invalid bulk length'],
    // A line ends at its CR: the LF here starts the next "line", whose
    // first byte Redis quotes with CR and LF shown as spaces.
    ['*1\r\n\n4\r\nPING\r\n', "Protocol error: expected '$', got ' '"],
  ])("rejects %j with Redis's message", (wire, message) => {
    expect(decodeRequests(wire).errors).toEqual([message]);
    expect(decodeRequests(wire, 1).errors).toEqual([message]);
  });

  // Each expectation below is what redis-server 7.0 did with the same bytes.
  it('skips the byte after a CR and the two after a payload unread, as Redis does', () => {
    const wire = '*1\r\n$4\r\nPINGXY*1\r?$4\r\nPING\r\n*1\r\n$3\r\nabcXY';
    for (let size = 0; size <= wire.length; size++) {
      expect(decodeRequests(wire, size)).toEqual({
        commands: [['PING'], ['PING'], ['abc']],
        errors: [],
      });
    }
  });

  it('reads counts up to 64 bits, and ignores the negative ones', () => {
    expect(decodeRequests('*-999999999999999999\r\n*1\r\n$4\r\nPING\r\n').commands).toEqual([
      ['PING'],
    ]);
  });

  it('waits for ever on a line with a NUL byte before its end, up to the size limit', () => {
    for (const wire of ['PI\u0000NG\r\n', '*1\r\n$\u00004\r\nPING\r\n', '*\u00001\r\n']) {
      for (const size of [0, 1, 3]) {
        expect(decodeRequests(wire, size)).toEqual({ commands: [], errors: [] });
      }
    }
    // Redis's strchr stops at the NUL, so later line ends are never seen:
    // only the size limit ends the wait.
    const blocked = `PING\u0000\r\n${'PING\r\n'.repeat(11 * 1024)}`;
    for (const size of [0, 4096]) {
      expect(decodeRequests(blocked, size)).toEqual({
        commands: [],
        errors: ['Protocol error: too big inline request'],
      });
    }
    const blockedHeader = `*1\r\n$\u00004\r\n${'x'.repeat(70 * 1024)}`;
    expect(decodeRequests(blockedHeader, 4096).errors).toEqual([
      'Protocol error: too big bulk count string',
    ]);
  });

  it('delivers the commands before an error, then stops', () => {
    expect(decodeRequests('*1\r\n$4\r\nPING\r\n*1\r\n$-5\r\n*1\r\n$4\r\nPING\r\n')).toEqual({
      commands: [['PING']],
      errors: ['Protocol error: invalid bulk length'],
    });
  });

  it("limits line lengths with Redis's messages", () => {
    const long = 'a'.repeat(70 * 1024);
    expect(decodeRequests(long).errors).toEqual(['Protocol error: too big inline request']);
    expect(decodeRequests(`*${'1'.repeat(70 * 1024)}`).errors).toEqual([
      'Protocol error: too big mbulk count string',
    ]);
    expect(decodeRequests(`*1\r\n$${'1'.repeat(70 * 1024)}`, 1000).errors).toEqual([
      'Protocol error: too big bulk count string',
    ]);
  });

  it('applies the unauthenticated limits only when told to', () => {
    const args = `*11\r\n${'$1\r\na\r\n'.repeat(11)}`;
    expect(decodeRequests(args, 0, { unauthenticated: () => true }).errors).toEqual([
      'Protocol error: unauthenticated multibulk length',
    ]);
    expect(decodeRequests(args, 0, { unauthenticated: () => false }).commands).toHaveLength(1);
    expect(decodeRequests('*1\r\n$16385\r\n', 0, { unauthenticated: () => true }).errors).toEqual([
      'Protocol error: unauthenticated bulk length',
    ]);
  });

  it('asks whether the limits apply for each command, so AUTH lifts them mid-chunk', () => {
    let authenticated = false;
    const commands: number[] = [];
    const errors: string[] = [];
    const decoder = new RequestDecoder({
      onCommand: (args) => {
        commands.push(args.length);
        if (args.latin1(0) === 'AUTH') authenticated = true;
      },
      onError: (error) => errors.push(error.message),
      unauthenticated: () => !authenticated,
    });
    const big = `*2\r\n$3\r\nSET\r\n$16385\r\n${'x'.repeat(16385)}\r\n`;
    const wide = `*11\r\n${'$1\r\na\r\n'.repeat(11)}`;
    decoder.write(Buffer.from(`*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n${wide}${big}`));
    expect(errors).toEqual([]);
    expect(commands).toEqual([2, 11, 2]);
    const locked = new RequestDecoder({
      onCommand: () => {},
      onError: (error) => errors.push(error.message),
      unauthenticated: () => true,
    });
    locked.write(Buffer.from(big));
    expect(errors).toEqual(['Protocol error: unauthenticated bulk length']);
  });

  it('bounds the bytes one command may hold', () => {
    expect(
      decodeRequests('*2\r\n$6\r\nabcdef\r\n$6\r\n', 0, { maxQueryBuffer: 10 }).errors,
    ).toEqual(['Protocol error: query buffer limit reached']);
  });

  it('applies new limits from the next header, also when set from onCommand', () => {
    const commands: string[] = [];
    const errors: string[] = [];
    const decoder = new RequestDecoder({
      onCommand: (args) => {
        commands.push(args.string(0));
        // As CONFIG SET proto-max-bulk-len would, in the same read.
        if (args.string(0) === 'LOWER') decoder.setLimits({ maxBulkLength: 4 });
      },
      onError: (error) => errors.push(error.message),
    });
    decoder.write(Buffer.from('*1\r\n$6\r\nabcdef\r\n*1\r\n$5\r\nLOWER\r\n*1\r\n$4\r\nabcd\r\n'));
    expect([commands, errors]).toEqual([['abcdef', 'LOWER', 'abcd'], []]);
    decoder.write(Buffer.from('*1\r\n$5\r\nabcde\r\n'));
    expect(errors).toEqual(['Protocol error: invalid bulk length']);
    // Raised again, a new decoder's bound; the query buffer bound too.
    const raised = new RequestDecoder({
      onCommand: (args) => commands.push(args.string(0)),
      onError: (error) => errors.push(error.message),
      maxBulkLength: 4,
    });
    raised.setLimits({ maxBulkLength: 6 });
    raised.write(Buffer.from('*1\r\n$6\r\nabcdef\r\n'));
    expect(commands.at(-1)).toBe('abcdef');
    raised.setLimits({ maxQueryBuffer: 10 });
    raised.write(Buffer.from('*2\r\n$6\r\nabcdef\r\n$6\r\n'));
    expect(errors.at(-1)).toBe('Protocol error: query buffer limit reached');
  });
});

describe('splitInlineArgs', () => {
  const split = (text: string) =>
    splitInlineArgs(Buffer.from(text))?.map((b) => b.toString('latin1')) ?? null;

  it('splits on any whitespace and understands both kinds of quotes', () => {
    expect(split(' a\tb  c ')).toEqual(['a', 'b', 'c']);
    // As in sdssplitargs, \v and \f separate words only between them.
    expect(split('\va\vb c')).toEqual(['a\vb', 'c']);
    expect(split('"a b" \'c d\'')).toEqual(['a b', 'c d']);
    expect(split('a"b c"')).toEqual(['ab c']);
    expect(split('""')).toEqual(['']);
  });

  it("decodes escapes in double quotes and only \\' in single quotes", () => {
    expect(split('"\\x41\\x4a\\n\\r\\t\\b\\a\\\\\\"z"')).toEqual(['AJ\n\r\t\b\x07\\"z']);
    expect(split('"\\xZZ"')).toEqual(['xZZ']);
    expect(split("'a\\'b\\n'")).toEqual(["a'b\\n"]);
  });

  it('returns null for unbalanced quotes', () => {
    expect(split('"abc')).toBeNull();
    expect(split("'abc")).toBeNull();
    expect(split('"a"b')).toBeNull();
  });
});
