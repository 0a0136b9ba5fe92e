import { describe, expect, it } from 'vitest';
import { RecvError } from './errors.js';
import { channel } from './watch.js';

describe('watch.channel', () => {
  it('starts with the initial value counted as seen', () => {
    const [, rx] = channel('init');
    expect(rx.borrow()).toBe('init');
    expect(rx.hasChanged()).toBe(false);
  });

  it('changed() resolves once per new version, however many sends came between', async () => {
    const [tx, rx] = channel(0);
    tx.send(1);
    tx.send(2);
    expect(rx.hasChanged()).toBe(true);
    await rx.changed();
    expect(rx.borrow()).toBe(2);
    expect(rx.hasChanged()).toBe(false);
    const next = rx.changed();
    tx.send(3);
    await next;
    expect(rx.borrowAndUpdate()).toBe(3);
  });

  it('borrow does not mark seen; borrowAndUpdate and markUnchanged do', () => {
    const [tx, rx] = channel(0);
    tx.send(1);
    expect(rx.borrow()).toBe(1);
    expect(rx.hasChanged()).toBe(true);
    expect(rx.borrowAndUpdate()).toBe(1);
    expect(rx.hasChanged()).toBe(false);
    tx.send(2);
    rx.markUnchanged();
    expect(rx.hasChanged()).toBe(false);
    rx.markChanged();
    expect(rx.hasChanged()).toBe(true);
  });

  it('each receiver keeps its own seen version; clones copy it', () => {
    const [tx, rx1] = channel('a');
    const rx2 = tx.subscribe();
    tx.send('b');
    rx1.borrowAndUpdate();
    const rx3 = rx1.clone();
    expect(rx1.hasChanged()).toBe(false);
    expect(rx2.hasChanged()).toBe(true);
    expect(rx3.hasChanged()).toBe(false);
  });

  it('changed() rejects only when closed and the last value was already seen', async () => {
    const [tx, rx] = channel(0);
    tx.send(1);
    tx.close();
    await rx.changed();
    expect(rx.borrow()).toBe(1);
    await expect(rx.changed()).rejects.toBeInstanceOf(RecvError);
  });

  it('a waiting changed() rejects when the last sender closes', async () => {
    const [tx, rx] = channel(0);
    const tx2 = tx.clone();
    const waiting = rx.changed();
    tx.close();
    tx2.close();
    await expect(waiting).rejects.toBeInstanceOf(RecvError);
  });

  it('send fails without receivers; sendReplace stores anyway and returns the old value', () => {
    const [tx, rx] = channel(1);
    rx.close();
    expect(tx.send(2)).toBe(false);
    expect(tx.borrow()).toBe(1);
    expect(tx.sendReplace(3)).toBe(1);
    expect(tx.borrow()).toBe(3);
  });

  it('sendModify changes in place and notifies; sendIfModified notifies only on true', () => {
    const [tx, rx] = channel({ count: 0 });
    tx.sendModify((v) => {
      v.count++;
    });
    expect(rx.hasChanged()).toBe(true);
    expect(rx.borrowAndUpdate().count).toBe(1);
    expect(tx.sendIfModified(() => false)).toBe(false);
    expect(rx.hasChanged()).toBe(false);
    expect(
      tx.sendIfModified((v) => {
        v.count = 5;
        return true;
      }),
    ).toBe(true);
    expect(rx.hasChanged()).toBe(true);
  });

  it('closed() resolves when every receiver is gone', async () => {
    const [tx, rx] = channel(0);
    const rx2 = rx.clone();
    expect(tx.receiverCount()).toBe(2);
    const closed = tx.closed();
    rx.close();
    rx2[Symbol.dispose]();
    await closed;
    expect(tx.receiverCount()).toBe(0);
  });

  it('an aborted changed() marks nothing seen', async () => {
    const [tx, rx] = channel(0);
    const controller = new AbortController();
    const waiting = rx.changed({ signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    tx.send(1);
    expect(rx.hasChanged()).toBe(true);
  });
});
