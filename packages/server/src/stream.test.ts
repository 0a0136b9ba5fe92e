import { describe, expect, it } from 'vitest';
import { raxNodeCount } from './internal/rax-nodes.js';
import { formatId, MAX_ID, MIN_ID, type StreamId } from './internal/stream-ids.js';
import { Stream } from './stream.js';

const id = (ms: number, seq = 0): StreamId => ({ ms: BigInt(ms), seq: BigInt(seq) });
const ids = (stream: Stream, reverse = false) =>
  [...stream.range(MIN_ID, MAX_ID, reverse)].map((entry) => formatId(entry.id));

describe('Stream', () => {
  it('starts a node every 100 entries, deleted ones included', () => {
    const stream = new Stream();
    for (let i = 1; i <= 250; i++) stream.append(id(i), [Buffer.from('f'), Buffer.from('v')]);
    expect(stream.nodeCount).toBe(3);
    expect(stream.delete(id(5))).toBe(true);
    expect(stream.delete(id(5))).toBe(false);
    expect(stream.length).toBe(249);
    // A node goes when its last live entry does.
    for (let i = 201; i <= 250; i++) stream.delete(id(i));
    expect(stream.nodeCount).toBe(2);
  });

  it('starts a node when the listpack would reach 4096 bytes', () => {
    const stream = new Stream();
    const value = Buffer.alloc(1000, 'x');
    for (let i = 1; i <= 8; i++) stream.append(id(i), [Buffer.from('f'), value]);
    // 7 + master 8 + four entries of ~1010 bytes: the fifth would pass 4096.
    expect(stream.nodeCount).toBe(2);
  });

  it('agrees with a sorted-array model through random appends, deletes and trims', () => {
    let seed = 7;
    const rand = () => {
      // Math.imul keeps the product exact (a plain product passes 2 ** 53
      // and loses its low bits, and with them most of the sequence).
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      return seed / 2 ** 31;
    };
    const stream = new Stream();
    let model: number[] = [];
    let next = 1;
    for (let step = 0; step < 3000; step++) {
      const r = rand();
      if (r < 0.6) {
        stream.append(id(next), [Buffer.from('f'), Buffer.from(String(next))]);
        model.push(next++);
      } else if (r < 0.9) {
        const target = Math.floor(rand() * next);
        expect(stream.delete(id(target))).toBe(model.includes(target));
        model = model.filter((value) => value !== target);
      } else {
        const maxlen = Math.floor(rand() * 200);
        const removed = stream.trim({
          strategy: 'maxlen',
          maxlen,
          minid: MIN_ID,
          approximate: false,
          limit: 0,
        });
        const expected = Math.max(0, model.length - maxlen);
        expect(removed).toBe(expected);
        model = model.slice(expected);
      }
      expect(stream.length).toBe(model.length);
    }
    expect(ids(stream)).toEqual(model.map((value) => `${value}-0`));
    expect(ids(stream, true)).toEqual(model.map((value) => `${value}-0`).reverse());
    expect(model.length).toBeGreaterThan(4);
    const [from, to] = [Math.floor(model.length / 4), Math.floor(model.length / 2)];
    expect(
      [...stream.range(id(model[from]!), id(model[to]!))].map((entry) => formatId(entry.id)),
    ).toEqual(model.slice(from, to + 1).map((value) => `${value}-0`));
  });

  it('counts radix tree nodes as rax does', () => {
    const key = (ms: number) => {
      const buffer = Buffer.alloc(16);
      buffer.writeBigUInt64BE(BigInt(ms), 0);
      return buffer;
    };
    // Measured on redis-server 7.0.15: an empty tree has its head node;
    // one key a compressed node and the key's end.
    expect(raxNodeCount([])).toBe(1);
    expect(raxNodeCount([key(1)])).toBe(2);
    // Two keys parting at the 8th byte: the shared run, the split, and
    // for each key a compressed node for its other 8 bytes and its end.
    expect(raxNodeCount([key(1), key(2)])).toBe(6);
  });
});
