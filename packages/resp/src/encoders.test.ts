import { describe, expect, it } from 'vitest';
import { CommandEncoder, encodeCommand } from './command-encoder.js';
import { encodeFrame, ReplyEncoder } from './reply-encoder.js';

const text = (b: Buffer) => b.toString('latin1');

describe('encodeCommand', () => {
  it('writes an array of bulk strings', () => {
    expect(text(encodeCommand(['SET', 'key', 'value']))).toBe(
      '*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n',
    );
  });

  it('writes UTF-8 lengths in bytes, Buffers as they are, and numbers in decimal', () => {
    const bytes = encodeCommand(['SET', 'clé', Buffer.from([0, 255]), 42, -1.5, 10n ** 20n]);
    expect(bytes.toString('utf8').startsWith('*6\r\n$3\r\nSET\r\n$4\r\nclé\r\n$2\r\n')).toBe(true);
    expect(
      text(bytes).endsWith('\r\n$2\r\n42\r\n$4\r\n-1.5\r\n$21\r\n100000000000000000000\r\n'),
    ).toBe(true);
  });
});

describe('CommandEncoder', () => {
  it('batches commands into one Buffer per flush', () => {
    const encoder = new CommandEncoder();
    encoder.write(['PING']);
    encoder.write(['GET', 'k']);
    expect(encoder.pendingBytes).toBe(34);
    expect(text(encoder.flush())).toBe('*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n');
    expect(encoder.flush().length).toBe(0);
  });

  it('never overwrites a flushed batch, even when a new slab starts', () => {
    const encoder = new CommandEncoder({ slabSize: 64 });
    encoder.write(['SET', 'a', '1']);
    const first = encoder.flush();
    const copy = Buffer.from(first);
    for (let i = 0; i < 50; i++) encoder.write(['SET', `key${i}`, 'x'.repeat(i)]);
    const second = encoder.flush();
    expect(first).toEqual(copy);
    expect(text(second).startsWith('*3\r\n$3\r\nSET\r\n$4\r\nkey0\r\n$0\r\n\r\n')).toBe(true);
  });

  it('grows the slab geometrically while a batch of large values is pending', () => {
    // 400 values of 64 KiB without a flush, as a pipeline of large GET
    // replies: the pending batch must move to a new slab only O(log n)
    // times, not at every write.
    const encoder = new ReplyEncoder(2, { slabSize: 16 * 1024 });
    const value = Buffer.alloc(64 * 1024, 'v');
    const allocUnsafe = Buffer.allocUnsafe;
    let slabs = 0;
    Buffer.allocUnsafe = (size: number) => {
      if (size >= 16 * 1024) slabs++;
      return allocUnsafe(size);
    };
    try {
      for (let i = 0; i < 400; i++) encoder.bulk(value);
    } finally {
      Buffer.allocUnsafe = allocUnsafe;
    }
    const batch = encoder.flush();
    expect(batch.length).toBe(400 * (value.length + 10));
    expect(batch.subarray(0, 8).toString()).toBe('$65536\r\n');
    expect(slabs).toBeLessThanOrEqual(12);
  });

  it('writes a batch all or nothing', () => {
    const encoder = new CommandEncoder();
    encoder.write(['PING']);
    expect(() =>
      encoder.writeAll([
        ['SET', 'a', '1'],
        ['SET', 'b', Number.POSITIVE_INFINITY],
      ]),
    ).toThrow(TypeError);
    encoder.writeAll([['GET', 'a']]);
    expect(text(encoder.flush())).toBe('*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n');
  });

  it('rejects an invalid argument without leaving half a command behind', () => {
    const encoder = new CommandEncoder();
    encoder.write(['PING']);
    expect(() => encoder.write(['SET', 'k', Number.NaN])).toThrow(
      'Expected a command argument to be a string, bytes, a finite number or a bigint, got NaN',
    );
    expect(() => encoder.write(['SET', 'k', {} as never])).toThrow(TypeError);
    // No command at all: Redis would skip `*0` without a reply.
    expect(() => encoder.write([])).toThrow(
      'Expected a command as an array of at least one argument (its name), got an empty array',
    );
    expect(() => encoder.write('GET k' as never)).toThrow(
      'Expected a command as an array of at least one argument (its name), got string',
    );
    expect(() => encoder.writeAll([['GET', 'a'], []])).toThrow(TypeError);
    expect(text(encoder.flush())).toBe('*1\r\n$4\r\nPING\r\n');
  });
});

describe('ReplyEncoder', () => {
  it('writes the RESP2 forms of RESP3 types as Redis does', () => {
    const encoder = new ReplyEncoder(2);
    encoder.mapHeader(1);
    encoder.bulk('k');
    encoder.integer(1);
    encoder.setHeader(1);
    encoder.null();
    encoder.nullArray();
    encoder.boolean(true);
    encoder.double(3.5);
    encoder.double(Number.POSITIVE_INFINITY);
    encoder.bigNumber(123n);
    encoder.verbatim('txt', 'hi');
    encoder.pushHeader(0);
    expect(text(encoder.flush())).toBe(
      '*2\r\n$1\r\nk\r\n:1\r\n*1\r\n$-1\r\n*-1\r\n:1\r\n$3\r\n3.5\r\n$3\r\ninf\r\n$3\r\n123\r\n$2\r\nhi\r\n*0\r\n',
    );
  });

  it('writes a double with the digits it is given', () => {
    const resp2 = new ReplyEncoder(2);
    resp2.double(1.1, '1.1000000000000001');
    expect(text(resp2.flush())).toBe('$18\r\n1.1000000000000001\r\n');
    const resp3 = new ReplyEncoder(3);
    resp3.double(1e17, '1e+17');
    expect(text(resp3.flush())).toBe(',1e+17\r\n');
  });

  it('writes RESP3 types after HELLO 3', () => {
    const encoder = new ReplyEncoder(3);
    encoder.mapHeader(1);
    encoder.simple('k');
    encoder.double(-0);
    encoder.setHeader(0);
    encoder.null();
    encoder.bulk(null);
    encoder.boolean(false);
    encoder.double(Number.NaN);
    encoder.bigNumber(-5n);
    encoder.verbatim('txt', 'hi');
    encoder.pushHeader(1);
    encoder.integer(2n ** 64n);
    expect(text(encoder.flush())).toBe(
      '%1\r\n+k\r\n,-0\r\n~0\r\n_\r\n_\r\n#f\r\n,nan\r\n(-5\r\n=6\r\ntxt:hi\r\n>1\r\n:18446744073709551616\r\n',
    );
  });

  it('keeps errors and simple strings on one line', () => {
    const encoder = new ReplyEncoder();
    encoder.error('ERR bad\r\nthing');
    encoder.simple('a\nb');
    encoder.ok();
    expect(text(encoder.flush())).toBe('-ERR bad  thing\r\n+a b\r\n+OK\r\n');
  });

  it('writes an error given as bytes byte for byte, still on one line', () => {
    const encoder = new ReplyEncoder();
    const message = Buffer.from([0x45, 0x52, 0x52, 0x20, 0xff, 0x0d, 0x0a, 0x00, 0x41]);
    encoder.error(message);
    expect([...encoder.flush()]).toEqual([
      0x2d, 0x45, 0x52, 0x52, 0x20, 0xff, 0x20, 0x20, 0x00, 0x41, 0x0d, 0x0a,
    ]);
    // The caller's bytes are not changed.
    expect(message[5]).toBe(0x0d);
  });

  it('writes a simple string given as bytes byte for byte, still on one line', () => {
    const encoder = new ReplyEncoder();
    encoder.simple(Buffer.from([0xc3, 0xa9, 0x0a, 0xff]));
    encoder.simple('é');
    expect([...encoder.flush()]).toEqual([
      0x2b, 0xc3, 0xa9, 0x20, 0xff, 0x0d, 0x0a, 0x2b, 0xc3, 0xa9, 0x0d, 0x0a,
    ]);
  });

  it('degrades whole frames for RESP2: attributes dropped, blob errors as errors', () => {
    const frame = {
      type: 'attribute',
      attributes: [
        [
          { type: 'simple', value: 'ttl' },
          { type: 'integer', value: 1 },
        ],
      ],
      value: { type: 'blob-error', value: Buffer.from('ERR x') },
    } as const;
    expect(text(encodeFrame(frame, 2))).toBe('-ERR x\r\n');
    expect(text(encodeFrame(frame, 3))).toBe('|1\r\n+ttl\r\n:1\r\n!5\r\nERR x\r\n');
  });
});

describe('ReplyEncoder buffer', () => {
  it('reports its slab size, and lets a slab grown for a large batch go at the flush', () => {
    const encoder = new ReplyEncoder(2, { slabSize: 16 * 1024 });
    expect(encoder.bufferSize).toBe(16 * 1024);
    encoder.bulk(Buffer.alloc(100 * 1024, 'v'));
    // Grown to twice what the batch needed when the payload came: its
    // 9-byte header and the 100 KiB.
    expect(encoder.bufferSize).toBe(2 * (9 + 100 * 1024));
    const batch = encoder.flush();
    expect(batch.length).toBe(9 + 100 * 1024 + 2);
    // Nothing is held between batches now; the next write starts a
    // slab of the usual size and leaves the flushed batch untouched.
    expect(encoder.bufferSize).toBe(0);
    const copy = Buffer.from(batch);
    encoder.simple('OK');
    expect(encoder.bufferSize).toBe(16 * 1024);
    expect(encoder.flush().toString()).toBe('+OK\r\n');
    expect(batch.equals(copy)).toBe(true);
    // A slab of the usual size is kept across flushes.
    encoder.simple('OK');
    encoder.flush();
    expect(encoder.bufferSize).toBe(16 * 1024);
  });
});

describe('ReplyEncoder muting', () => {
  it('drops what is written while muted, and keeps what is written unmuted', () => {
    const encoder = new ReplyEncoder(3);
    encoder.ok();
    encoder.muted = true;
    expect(encoder.muted).toBe(true);
    encoder.bulk('dropped');
    encoder.integer(7);
    encoder.unmuted(() => {
      encoder.pushHeader(2);
      encoder.bulk('invalidate');
      encoder.null();
    });
    encoder.simple('dropped too');
    expect(encoder.pendingBytes).toBe(5 + 24);
    encoder.muted = false;
    encoder.integer(1);
    expect(encoder.flush().toString('latin1')).toBe(
      '+OK\r\n>2\r\n$10\r\ninvalidate\r\n_\r\n:1\r\n',
    );
  });

  it('stays muted after an unmuted write that throws', () => {
    const encoder = new ReplyEncoder(2);
    encoder.muted = true;
    expect(() =>
      encoder.unmuted(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    encoder.ok();
    expect(encoder.muted).toBe(true);
    expect(encoder.pendingBytes).toBe(0);
  });

  it('keeps a large dropped reply off the output through slab growth', () => {
    const encoder = new ReplyEncoder(2, { slabSize: 16 });
    encoder.muted = true;
    encoder.bulk(Buffer.alloc(100_000, 1));
    encoder.muted = false;
    encoder.ok();
    expect(encoder.flush().toString('latin1')).toBe('+OK\r\n');
  });
});
