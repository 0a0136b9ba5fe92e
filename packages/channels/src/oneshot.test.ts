import { describe, expect, it } from 'vitest';
import { RecvError } from './errors.js';
import { channel } from './oneshot.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('oneshot.channel', () => {
  it('delivers one value to an awaited receiver', async () => {
    const [tx, rx] = channel<string>();
    setTimeout(() => tx.send('reply'), 1);
    expect(await rx).toBe('reply');
  });

  it('send returns false, without throwing, once the receiver is gone', () => {
    const [tx, rx] = channel<number>();
    rx.close();
    expect(tx.isClosed()).toBe(true);
    expect(tx.send(1)).toBe(false);
  });

  it('send returns false the second time', () => {
    const [tx, rx] = channel<number>();
    expect(tx.send(1)).toBe(true);
    expect(tx.send(2)).toBe(false);
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 1 });
  });

  it('rejects the receiver with RecvError when the sender closes without a value', async () => {
    const [tx, rx] = channel<number>();
    const pending = rx.recv();
    tx.close();
    const error = await pending.catch((e: unknown) => e);
    expect(RecvError.is(error)).toBe(true);
    expect((error as RecvError).code).toBe('ERR_RECV_CLOSED');
    const [tx2, rx2] = channel<number>();
    tx2[Symbol.dispose]();
    await expect(rx2).rejects.toBeInstanceOf(RecvError);
  });

  it('closing the sender after sending does not lose the value', async () => {
    const [tx, rx] = channel<number>();
    tx.send(3);
    tx.close();
    expect(await rx).toBe(3);
  });

  it('shares one outcome among several then() calls, like a promise', async () => {
    const [tx, rx] = channel<number>();
    const a = rx.then((v) => v * 2);
    const b = rx.then((v) => v * 3);
    tx.send(5);
    expect(await a).toBe(10);
    expect(await b).toBe(15);
  });

  it('tryRecv reports empty, received, then closed', () => {
    const [tx, rx] = channel<number>();
    expect(rx.tryRecv()).toEqual({ status: 'empty' });
    tx.send(8);
    expect(rx.tryRecv()).toEqual({ status: 'received', value: 8 });
    expect(rx.tryRecv()).toEqual({ status: 'closed' });
  });

  it('sender.closed() resolves when the receiver closes', async () => {
    const [tx, rx] = channel<number>();
    let closed = false;
    void tx.closed().then(() => {
      closed = true;
    });
    await tick();
    expect(closed).toBe(false);
    rx[Symbol.dispose]();
    await tick();
    expect(closed).toBe(true);
  });

  it('an aborted recv takes nothing: the value stays for the next recv', async () => {
    const [tx, rx] = channel<number>();
    const controller = new AbortController();
    const aborted = rx.recv({ signal: controller.signal });
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    tx.send(1);
    expect(await rx.recv()).toBe(1);
  });
});
