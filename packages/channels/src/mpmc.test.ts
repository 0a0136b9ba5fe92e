import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SendError } from './errors.js';
import { channel, unboundedChannel } from './mpmc.js';

describe('mpmc.channel', () => {
  it('gives each value to exactly one receiver, waiting receivers in order', async () => {
    const [tx, rx1] = channel<number>(4);
    const rx2 = rx1.clone();
    const a = rx1.recv();
    const b = rx2.recv();
    await tx.send(1);
    await tx.send(2);
    expect(await a).toBe(1);
    expect(await b).toBe(2);
  });

  it('several consumers together receive every value exactly once', async () => {
    const [tx, rx] = channel<number>(8);
    const consumers = [rx, rx.clone(), rx.clone()];
    const seen: number[] = [];
    const work = consumers.map(async (c) => {
      for await (const v of c) seen.push(v);
    });
    for (let i = 0; i < 1000; i++) await tx.send(i);
    tx.close();
    await Promise.all(work);
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('closes for senders only when the last receiver closes, dropping buffered values', async () => {
    const [tx, rx] = channel<number>(4);
    const rx2 = rx.clone();
    await tx.send(1);
    rx.close();
    rx.close();
    await tx.send(2);
    expect(await rx2.recv()).toBe(1);
    rx2[Symbol.dispose]();
    const error = await tx.send(3).catch((e: unknown) => e);
    expect(SendError.is(error) && error.value).toBe(3);
    expect(() => rx.clone()).toThrow(TypeError);
  });

  it('closes for receivers when every sender closes', async () => {
    const [tx, rx] = unboundedChannel<string>();
    const tx2 = tx.clone();
    tx.send('a');
    tx.close();
    tx2.send('b');
    tx2.close();
    expect(await rx.recvMany(10)).toEqual(['a', 'b']);
    expect(await rx.recv()).toBeUndefined();
  });
});

describe('mpmc model', () => {
  it('matches a bounded FIFO queue for any interleaving of two receivers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom('r1', 'r2')), {
          maxLength: 100,
        }),
        (capacity, ops) => {
          const [tx, r1] = channel<number>(capacity);
          const r2 = r1.clone();
          const model: number[] = [];
          for (const o of ops) {
            if (typeof o === 'number') {
              const sent = tx.trySend(o).status === 'sent';
              expect(sent).toBe(model.length < capacity);
              if (sent) model.push(o);
            } else {
              const result = (o === 'r1' ? r1 : r2).tryRecv();
              if (model.length === 0) expect(result.status).toBe('empty');
              else expect(result).toEqual({ status: 'received', value: model.shift() });
            }
          }
        },
      ),
    );
  });
});
