import { getEventListeners } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SendError } from './errors.js';
import { channel, unboundedChannel } from './mpsc.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('mpsc.channel', () => {
  it('rejects a capacity below 1 with a RangeError', () => {
    expect(() => channel(0)).toThrow(
      new RangeError('Expected `capacity` to be an integer >= 1, got 0'),
    );
    expect(() => channel(1.5)).toThrow(RangeError);
  });

  it('delivers values in order', async () => {
    const [tx, rx] = channel<number>(4);
    await tx.send(1);
    await tx.send(2);
    await tx.send(3);
    expect(await rx.recv()).toBe(1);
    expect(await rx.recv()).toBe(2);
    expect(await rx.recv()).toBe(3);
  });

  it('holds senders back while full and serves them in arrival order', async () => {
    const [tx, rx] = channel<string>(2);
    await tx.send('a');
    await tx.send('b');
    expect(tx.capacity()).toBe(0);
    const done: string[] = [];
    const c = tx.send('c').then(() => done.push('c'));
    const d = tx.send('d').then(() => done.push('d'));
    await tick();
    expect(done).toEqual([]);
    expect(await rx.recv()).toBe('a');
    await c;
    expect(done).toEqual(['c']);
    expect(await rx.recv()).toBe('b');
    await d;
    expect(done).toEqual(['c', 'd']);
    expect(await rx.recvMany(10)).toEqual(['c', 'd']);
    expect(tx.capacity()).toBe(2);
    expect(tx.maxCapacity()).toBe(2);
  });

  it('hands a value straight to a waiting receiver without using a slot', async () => {
    const [tx, rx] = channel<number>(1);
    const pending = rx.recv();
    await tx.send(7);
    expect(tx.capacity()).toBe(1);
    expect(await pending).toBe(7);
  });

  it('closes for the receiver only when the last of several cloned senders closes', async () => {
    const [tx, rx] = channel<number>(8);
    const tx2 = tx.clone();
    const tx3 = tx2.clone();
    await tx.send(1);
    tx.close();
    tx2.close();
    await tx3.send(2);
    expect(await rx.recv()).toBe(1);
    expect(await rx.recv()).toBe(2);
    const end = rx.recv();
    let ended = false;
    void end.then(() => {
      ended = true;
    });
    await tick();
    expect(ended).toBe(false);
    tx3.close();
    expect(await end).toBeUndefined();
    expect(rx.tryRecv()).toEqual({ status: 'disconnected' });
  });

  it('close() is idempotent and counts once per handle', async () => {
    const [tx, rx] = channel<number>(1);
    const tx2 = tx.clone();
    tx.close();
    tx.close();
    tx[Symbol.dispose]();
    expect(rx.tryRecv()).toEqual({ status: 'empty' });
    tx2.close();
    expect(rx.tryRecv()).toEqual({ status: 'disconnected' });
  });

  it('rejects with SendError carrying the value once the receiver is closed', async () => {
    const [tx, rx] = channel<{ id: number }>(1);
    const value = { id: 42 };
    rx.close();
    const error = await tx.send(value).catch((e: unknown) => e);
    expect(SendError.is(error)).toBe(true);
    expect((error as SendError<{ id: number }>).value).toBe(value);
    expect((error as SendError).code).toBe('ERR_CHANNEL_CLOSED');
    expect(tx.isClosed()).toBe(true);
  });

  it('rejects senders waiting on a full channel when the receiver closes, returning each value', async () => {
    const [tx, rx] = channel<number>(1);
    await tx.send(1);
    const waiting = tx.send(2).catch((e: unknown) => e);
    await tick();
    rx.close();
    const error = await waiting;
    expect(SendError.is(error) && error.value).toBe(2);
    // Buffered values still drain after close().
    expect(await rx.recv()).toBe(1);
    expect(await rx.recv()).toBeUndefined();
  });

  it('rejects sends on a closed handle with SendError', async () => {
    const [tx] = channel<number>(1);
    tx.close();
    const error = await tx.send(5).catch((e: unknown) => e);
    expect(SendError.is(error) && error.value).toBe(5);
    expect(() => tx.clone()).toThrow(TypeError);
  });

  it('keeps the channel open for a send still waiting after its handle closed', async () => {
    const [tx, rx] = channel<number>(1);
    await tx.send(1);
    const late = tx.send(2);
    tx.close();
    expect(await rx.recv()).toBe(1);
    await late;
    expect(await rx.recv()).toBe(2);
    expect(await rx.recv()).toBeUndefined();
  });

  it('trySend distinguishes full from closed and gives the value back', async () => {
    const [tx, rx] = channel<string>(1);
    expect(tx.trySend('a')).toEqual({ status: 'sent' });
    expect(tx.trySend('b')).toEqual({ status: 'full', value: 'b' });
    rx.close();
    expect(tx.trySend('c')).toEqual({ status: 'closed', value: 'c' });
  });

  it('tryRecv distinguishes empty from disconnected', async () => {
    const [tx, rx] = channel<number>(2);
    expect(rx.tryRecv()).toEqual({ status: 'empty' });
    await tx.send(3);
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 3 });
    tx.close();
    expect(rx.tryRecv()).toEqual({ status: 'disconnected' });
  });

  it('reserve() holds a slot that a synchronous permit.send fills', async () => {
    const [tx, rx] = channel<number>(1);
    const permit = await tx.reserve();
    expect(tx.capacity()).toBe(0);
    expect(tx.trySend(1)).toEqual({ status: 'full', value: 1 });
    expect(permit.send(9)).toBe(true);
    expect(permit.send(10)).toBe(false);
    expect(await rx.recv()).toBe(9);
  });

  it('releasing or disposing a permit frees its slot', async () => {
    const [tx] = channel<number>(1);
    {
      using _permit = await tx.reserve();
      expect(tx.capacity()).toBe(0);
    }
    expect(tx.capacity()).toBe(1);
    const permit = await tx.reserve();
    permit.release();
    permit.release();
    expect(tx.capacity()).toBe(1);
  });

  it('an outstanding permit keeps the channel open; its send fails once the receiver closed', async () => {
    const [tx, rx] = channel<number>(1);
    const permit = await tx.reserve();
    tx.close();
    expect(rx.tryRecv()).toEqual({ status: 'empty' });
    permit.send(4);
    expect(await rx.recv()).toBe(4);
    expect(await rx.recv()).toBeUndefined();

    const [tx2, rx2] = channel<number>(1);
    const permit2 = await tx2.reserve();
    rx2.close();
    expect(permit2.send(1)).toBe(false);
  });

  it('closed() resolves when the receiver is gone', async () => {
    const [tx, rx] = channel<number>(1);
    let closed = false;
    const watcher = tx.closed().then(() => {
      closed = true;
    });
    await tick();
    expect(closed).toBe(false);
    rx[Symbol.dispose]();
    await watcher;
    expect(closed).toBe(true);
  });

  it('disposing the receiver drops buffered values', async () => {
    const [tx, rx] = channel<number>(4);
    await tx.send(1);
    rx[Symbol.dispose]();
    expect(rx.tryRecv()).toEqual({ status: 'disconnected' });
  });

  it('recvMany takes everything available up to the limit and waits only when empty', async () => {
    const [tx, rx] = channel<number>(10);
    for (let i = 0; i < 5; i++) await tx.send(i);
    expect(await rx.recvMany(3)).toEqual([0, 1, 2]);
    const into = [100];
    expect(await rx.recvMany(10, { into })).toBe(into);
    expect(into).toEqual([100, 3, 4]);
    const later = rx.recvMany(10);
    // Both arrive before the woken receiver runs, so they come as one batch.
    tx.trySend(5);
    tx.trySend(6);
    expect(await later).toEqual([5, 6]);
    tx.close();
    expect(await rx.recvMany(10)).toEqual([]);
    expect(() => rx.recvMany(0)).toThrow(RangeError);
  });

  it('recvMany frees the slots it takes; waiting senders deliver into them in the same call', async () => {
    const [tx, rx] = channel<number>(2);
    await tx.send(1);
    await tx.send(2);
    const waiting = [3, 4, 5, 6, 7].map((value) => tx.send(value));
    // Up to the limit, in the order the senders called.
    expect(await rx.recvMany(5)).toEqual([1, 2, 3, 4, 5]);
    // The bound still holds: the two freed slots went to the next senders.
    expect(rx.len()).toBe(2);
    expect(tx.trySend(8).status).toBe('full');
    await Promise.all(waiting);
    expect(await rx.recvMany(5)).toEqual([6, 7]);
  });

  it('a value sent while waiting is delivered at its grant, ahead of later sends', async () => {
    const [tx, rx] = channel<number>(1);
    await tx.send(1);
    const second = tx.send(2);
    expect(await rx.recv()).toBe(1);
    // The slot freed by that recv went to the waiting send at once.
    expect(rx.len()).toBe(1);
    expect(tx.trySend(3).status).toBe('full');
    await second;
    expect(await rx.recv()).toBe(2);
  });

  it('aborting a waiting recv takes nothing and the next recv gets the value', async () => {
    const [tx, rx] = channel<number>(1);
    const controller = new AbortController();
    const aborted = rx.recv({ signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await tx.send(1);
    expect(await rx.recv()).toBe(1);
  });

  it('aborting a waiting send loses nothing and lets later senders through', async () => {
    const [tx, rx] = channel<number>(1);
    await tx.send(1);
    const controller = new AbortController();
    const aborted = tx.send(2, { signal: controller.signal });
    const next = tx.send(3);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(await rx.recv()).toBe(1);
    await next;
    expect(await rx.recv()).toBe(3);
    expect(rx.tryRecv()).toEqual({ status: 'empty' });
  });

  it('leaves no abort listener on a long-lived signal once each wait is answered', async () => {
    // What the client's manager does: one signal per connection, passed to
    // every wait for work while the connection lasts.
    const [tx, rx] = channel<number>(4);
    const controller = new AbortController();
    for (let i = 0; i < 1000; i++) {
      const many = rx.recvMany(8, { signal: controller.signal });
      await tx.send(i);
      expect(await many).toEqual([i]);
      const one = rx.recv({ signal: controller.signal });
      await tx.send(i);
      expect(await one).toBe(i);
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects at once with the reason of an already aborted signal', async () => {
    const [tx, rx] = channel<number>(1);
    await tx.send(1);
    const reason = new Error('already');
    await expect(tx.send(2, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await rx.recv();
    await expect(rx.recv({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('iterates with for await until every sender closes', async () => {
    const [tx, rx] = channel<number>(2);
    const producer = (async () => {
      for (let i = 0; i < 10; i++) await tx.send(i);
      tx.close();
    })();
    const seen: number[] = [];
    for await (const value of rx) seen.push(value);
    await producer;
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps recv O(1) with a backlog of 1,000,000 values', async () => {
    const [tx, rx] = unboundedChannel<number>();
    for (let i = 0; i < 1_000_000; i++) tx.send(i);
    let sum = 0;
    for (let i = 0; i < 1_000_000; i++) sum += rx.tryRecv().status === 'received' ? 1 : 0;
    expect(sum).toBe(1_000_000);
  });

  it('does not pile up aborted waiters on a quiet channel', async () => {
    const [tx, rx] = channel<number>(1);
    for (let i = 0; i < 1000; i++) {
      const controller = new AbortController();
      const pending = rx.recv({ signal: controller.signal });
      controller.abort();
      await pending.catch(() => {});
    }
    await tx.send(1);
    expect(await rx.recv()).toBe(1);
  });
});

describe('mpsc.unboundedChannel', () => {
  it('sends synchronously and throws SendError with the value once the receiver is closed', () => {
    const [tx, rx] = unboundedChannel<string>();
    tx.send('a');
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 'a' });
    rx.close();
    expect(() => tx.send('b')).toThrow(SendError);
    try {
      tx.send('c');
    } catch (error) {
      expect(SendError.is(error) && error.value).toBe('c');
    }
    expect(tx.trySend('d')).toEqual({ status: 'closed', value: 'd' });
  });

  it('closes when the last clone closes', async () => {
    const [tx, rx] = unboundedChannel<number>();
    const tx2 = tx.clone();
    tx.close();
    tx2.send(1);
    tx2.close();
    expect(await rx.recv()).toBe(1);
    expect(await rx.recv()).toBeUndefined();
  });
});

describe('mpsc model', () => {
  type Op =
    | { kind: 'send'; value: number }
    | { kind: 'recv' }
    | { kind: 'recvMany'; limit: number };
  const op = fc.oneof(
    fc.record({ kind: fc.constant('send' as const), value: fc.integer() }),
    fc.record({ kind: fc.constant('recv' as const) }),
    fc.record({ kind: fc.constant('recvMany' as const), limit: fc.integer({ min: 1, max: 5 }) }),
  );

  it('behaves like a bounded FIFO queue under trySend/tryRecv/recvMany', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 8 }),
        fc.array(op, { maxLength: 80 }),
        async (capacity, ops: Op[]) => {
          const [tx, rx] = channel<number>(capacity);
          const model: number[] = [];
          for (const o of ops) {
            if (o.kind === 'send') {
              const result = tx.trySend(o.value);
              if (model.length < capacity) {
                expect(result).toEqual({ status: 'sent' });
                model.push(o.value);
              } else {
                expect(result).toEqual({ status: 'full', value: o.value });
              }
            } else if (o.kind === 'recv') {
              const result = rx.tryRecv();
              if (model.length === 0) expect(result).toEqual({ status: 'empty' });
              else expect(result).toEqual({ status: 'received', value: model.shift() });
            } else if (model.length > 0) {
              const expected = model.splice(0, o.limit);
              expect(await rx.recvMany(o.limit)).toEqual(expected);
            }
            expect(tx.capacity()).toBe(capacity - model.length);
          }
        },
      ),
    );
  });
});

describe('mpsc.Receiver#len and #isClosed', () => {
  it('report the buffered count and whether more can arrive', async () => {
    const [tx, rx] = channel<number>(4);
    expect([rx.len(), rx.isClosed()]).toEqual([0, false]);
    await tx.send(1);
    await tx.send(2);
    tx.close();
    expect([rx.len(), rx.isClosed()]).toEqual([2, true]);
    await rx.recvMany(10);
    expect(rx.len()).toBe(0);
  });
});
