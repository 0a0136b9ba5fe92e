import { describe, expect, it } from 'vitest';
import { channel } from './broadcast.js';
import { LaggedError } from './errors.js';

describe('broadcast.channel', () => {
  it('delivers every value to every receiver and reports how many it reached', async () => {
    const [tx, rx1] = channel<number>(4);
    const rx2 = tx.subscribe();
    expect(tx.receiverCount()).toBe(2);
    expect(tx.send(1)).toBe(2);
    expect(tx.send(2)).toBe(2);
    expect(await rx1.recv()).toBe(1);
    expect(await rx1.recv()).toBe(2);
    expect(await rx2.recv()).toBe(1);
    expect(await rx2.recv()).toBe(2);
  });

  it('returns 0 and keeps nothing when no receiver is open', async () => {
    const [tx, rx] = channel<number>(2);
    rx.close();
    expect(tx.send(1)).toBe(0);
    const late = tx.subscribe();
    expect(late.tryRecv()).toEqual({ status: 'empty' });
  });

  it('a lagging receiver gets LaggedError with the count skipped, then the oldest retained value', async () => {
    const [tx, rx] = channel<number>(2);
    for (let i = 1; i <= 5; i++) tx.send(i);
    const error = await rx.recv().catch((e: unknown) => e);
    expect(LaggedError.is(error)).toBe(true);
    expect((error as LaggedError).skipped).toBe(3);
    expect((error as LaggedError).message).toBe('Receiver lagged behind and skipped 3 values');
    expect(await rx.recv()).toBe(4);
    expect(await rx.recv()).toBe(5);
    expect(rx.tryRecv()).toEqual({ status: 'empty' });
  });

  it('tryRecv reports a lag as a result', () => {
    const [tx, rx] = channel<number>(1);
    tx.send(1);
    tx.send(2);
    expect(rx.tryRecv()).toEqual({ status: 'lagged', skipped: 1 });
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 2 });
  });

  it('a slow receiver does not affect a fast one', async () => {
    const [tx, slow] = channel<number>(2);
    const fast = tx.subscribe();
    for (let i = 0; i < 10; i++) {
      tx.send(i);
      expect(await fast.recv()).toBe(i);
    }
    await expect(slow.recv()).rejects.toMatchObject({ skipped: 8 });
  });

  it('wakes waiting receivers', async () => {
    const [tx, rx1] = channel<string>(4);
    const rx2 = tx.subscribe();
    const a = rx1.recv();
    const b = rx2.recv();
    tx.send('x');
    expect(await a).toBe('x');
    expect(await b).toBe('x');
  });

  it('receivers drain and then see undefined after the last sender closes', async () => {
    const [tx, rx] = channel<number>(4);
    const tx2 = tx.clone();
    tx.send(1);
    tx.close();
    tx2.send(2);
    tx2.close();
    const seen: number[] = [];
    for await (const v of rx) seen.push(v);
    expect(seen).toEqual([1, 2]);
    expect(rx.tryRecv()).toEqual({ status: 'closed' });
  });

  it('a new subscriber sees only later values; resubscribe starts at the newest', async () => {
    const [tx, rx] = channel<number>(4);
    tx.send(1);
    const late = rx.resubscribe();
    tx.send(2);
    expect(await late.recv()).toBe(2);
    expect(await rx.recv()).toBe(1);
  });

  it('sender.closed() resolves when the last receiver closes', async () => {
    const [tx, rx] = channel<number>(1);
    const rx2 = tx.subscribe();
    let closed = false;
    const watcher = tx.closed().then(() => {
      closed = true;
    });
    rx.close();
    await Promise.resolve();
    expect(closed).toBe(false);
    rx2[Symbol.dispose]();
    await watcher;
    expect(tx.receiverCount()).toBe(0);
  });

  it('an aborted recv takes nothing', async () => {
    const [tx, rx] = channel<number>(2);
    const controller = new AbortController();
    const pending = rx.recv({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    tx.send(1);
    expect(await rx.recv()).toBe(1);
  });

  it('rejects a capacity below 1', () => {
    expect(() => channel(0)).toThrow(RangeError);
  });
});

describe('BroadcastReceiver#close', () => {
  it('resolves its own waiting recv with undefined and leaves other receivers waiting', async () => {
    const [tx, rx] = channel<number>(2);
    const other = tx.subscribe();
    const mine = rx.recv();
    const theirs = other.recv();
    rx.close();
    expect(await mine).toBeUndefined();
    tx.send(1);
    expect(await theirs).toBe(1);
  });
});

describe('BroadcastReceiver#ready', () => {
  it('resolves when a value arrives, without taking it', async () => {
    const [tx, rx] = channel<number>(4);
    let ready = false;
    const waiting = rx.ready().then(() => {
      ready = true;
    });
    await Promise.resolve();
    expect(ready).toBe(false);
    tx.send(1);
    tx.send(2);
    await waiting;
    expect(ready).toBe(true);
    // Everything sent is still there, for tryRecv to take as one batch.
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 1 });
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 2 });
    expect(rx.tryRecv()).toEqual({ status: 'empty' });
  });

  it('leaves a value taken first to whoever took it; the next wait waits', async () => {
    const [tx, rx] = channel<number>(4);
    const waiting = rx.ready();
    tx.send(1);
    // Taken synchronously, before the waiter runs: it still wakes, and
    // finds nothing to take.
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 1 });
    await waiting;
    expect(rx.tryRecv()).toEqual({ status: 'empty' });
    let ready = false;
    const next = rx.ready().then(() => {
      ready = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ready).toBe(false);
    tx.send(2);
    await next;
    expect(await rx.recv()).toBe(2);
  });

  it('resolves at once with a value, a lag, a closed channel or a closed receiver', async () => {
    const [tx, rx] = channel<number>(1);
    const other = tx.subscribe();
    const third = tx.subscribe();
    tx.send(1);
    await rx.ready();
    tx.send(2);
    await other.ready();
    expect(other.tryRecv()).toEqual({ status: 'lagged', skipped: 1 });
    third.close();
    await third.ready();
    const drained = channel<number>(1);
    drained[0].close();
    await drained[1].ready();
    expect(drained[1].tryRecv()).toEqual({ status: 'closed' });
  });

  it('wakes when the last sender or the receiver itself closes', async () => {
    const [tx, rx] = channel<number>(1);
    const other = tx.subscribe();
    const untilClosed = rx.ready();
    const untilDone = other.ready();
    rx.close();
    await untilClosed;
    tx.close();
    await untilDone;
    expect(other.tryRecv()).toEqual({ status: 'closed' });
  });

  it('an aborted ready rejects with the reason and leaves the value in place', async () => {
    const [tx, rx] = channel<number>(2);
    const controller = new AbortController();
    const waiting = rx.ready({ signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await expect(rx.ready({ signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    tx.send(7);
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 7 });
  });
});
