import { describe, expect, it } from 'vitest';
import * as broadcast from './broadcast.js';
import { LaggedError, RecvError } from './errors.js';
import * as mpmc from './mpmc.js';
import * as mpsc from './mpsc.js';
import { Notify } from './notify.js';
import * as oneshot from './oneshot.js';
import { select } from './select.js';
import * as watch from './watch.js';

describe('select', () => {
  it('resolves the branch that is ready, with its key and value', async () => {
    const [tx1, rx1] = mpsc.channel<number>(1);
    const [, rx2] = mpsc.channel<string>(1);
    await tx1.send(5);
    const result = await select({ numbers: rx1, words: rx2 });
    expect(result).toEqual({ key: 'numbers', value: 5 });
  });

  it('waits until a branch becomes ready and leaves the other untouched', async () => {
    const [tx1, rx1] = mpsc.channel<number>(1);
    const [tx2, rx2] = mpsc.channel<number>(1);
    const pending = select({ a: rx1, b: rx2 });
    setTimeout(() => void tx2.send(2), 1);
    expect(await pending).toEqual({ key: 'b', value: 2 });
    await tx1.send(1);
    expect(rx1.tryRecv()).toEqual({ status: 'received', value: 1 });
  });

  it('supports oneshot, watch, broadcast, Notify and AbortSignal branches', async () => {
    const [otx, orx] = oneshot.channel<string>();
    otx.send('reply');
    expect(await select({ reply: orx })).toEqual({ key: 'reply', value: 'reply' });

    const [wtx, wrx] = watch.channel('idle');
    const changed = select({ state: wrx });
    wtx.send('running');
    expect(await changed).toEqual({ key: 'state', value: 'running' });
    expect(wrx.hasChanged()).toBe(false);

    const [btx, brx] = broadcast.channel<number>(2);
    const fromBroadcast = select({ news: brx });
    btx.send(9);
    expect(await fromBroadcast).toEqual({ key: 'news', value: 9 });

    const notify = new Notify();
    const notified = select({ wake: notify });
    notify.notifyOne();
    expect(await notified).toEqual({ key: 'wake', value: undefined });

    const controller = new AbortController();
    const [, idle] = mpsc.channel<number>(1);
    const shutdown = select({ idle, shutdown: controller.signal });
    controller.abort('bye');
    expect(await shutdown).toEqual({ key: 'shutdown', value: 'bye' });
  });

  it('rejects with the error of a failing branch', async () => {
    const [otx, orx] = oneshot.channel<number>();
    otx.close();
    await expect(select({ reply: orx })).rejects.toBeInstanceOf(RecvError);
    const [btx, brx] = broadcast.channel<number>(1);
    btx.send(1);
    btx.send(2);
    await expect(select({ news: brx })).rejects.toBeInstanceOf(LaggedError);
  });

  it('resolves undefined for a closed mpsc receiver, like recv()', async () => {
    const [tx, rx] = mpsc.channel<number>(1);
    tx.close();
    expect(await select({ rx })).toEqual({ key: 'rx', value: undefined });
  });

  it('aborting the select takes nothing from any branch', async () => {
    const [tx, rx] = mpsc.channel<number>(1);
    const controller = new AbortController();
    const pending = select({ rx }, { signal: controller.signal });
    controller.abort(new Error('timeout'));
    await expect(pending).rejects.toThrow('timeout');
    await tx.send(1);
    expect(await rx.recv()).toBe(1);
  });

  it('a notification given to a select that picked another branch is passed on', async () => {
    const notify = new Notify();
    const [tx, rx] = mpsc.channel<number>(1);
    const pending = select({ rx, notify });
    const waiter = notify.notified();
    // Both become ready in the same tick: whichever the select takes, the
    // other is not lost.
    await tx.send(1);
    notify.notifyOne();
    const result = await pending;
    if (result.key === 'rx') {
      await waiter;
    } else {
      expect(await rx.recv()).toBe(1);
      notify.notifyOne();
      await waiter;
    }
  });

  it('rejects an empty or invalid set of branches', async () => {
    await expect(select({})).rejects.toThrow('Expected at least one select branch, got none');
    await expect(select({ bad: {} as never })).rejects.toThrow(TypeError);
  });

  it('loses and duplicates nothing under a stress loop of 100,000 messages', async () => {
    const total = 100_000;
    const [atx, arx] = mpsc.channel<number>(16);
    const [btx, brx] = mpmc.channel<number>(8);
    const [ctx, crx] = mpsc.unboundedChannel<number>();
    const [bctx, bcrx] = broadcast.channel<number>(total);
    const producers = [
      (async () => {
        for (let i = 0; i < total; i += 4) await atx.send(i);
        atx.close();
      })(),
      (async () => {
        for (let i = 1; i < total; i += 4) await btx.send(i);
        btx.close();
      })(),
      (async () => {
        for (let i = 2; i < total; i += 4) {
          ctx.send(i);
          if (i % 64 === 2) await Promise.resolve();
        }
        ctx.close();
      })(),
      (async () => {
        for (let i = 3; i < total; i += 4) {
          bctx.send(i);
          if (i % 32 === 3) await new Promise<void>((resolve) => setImmediate(resolve));
        }
        bctx.close();
      })(),
    ];
    const seen = new Uint8Array(total);
    let received = 0;
    let duplicates = 0;
    const open = new Set(['a', 'b', 'c', 'd']);
    let iteration = 0;
    while (open.size > 0) {
      const sources = {
        ...(open.has('a') ? { a: arx } : {}),
        ...(open.has('b') ? { b: brx } : {}),
        ...(open.has('c') ? { c: crx } : {}),
        ...(open.has('d') ? { d: bcrx } : {}),
      };
      // Every few rounds, a select that times out at once: it must take nothing.
      const signal = iteration++ % 7 === 0 ? AbortSignal.abort() : undefined;
      let result: { key: string; value: number | undefined };
      try {
        result = await select(sources, signal === undefined ? {} : { signal });
      } catch {
        continue;
      }
      if (result.value === undefined) {
        open.delete(result.key);
        continue;
      }
      if (seen[result.value] === 1) duplicates++;
      seen[result.value] = 1;
      received++;
    }
    await Promise.all(producers);
    expect(duplicates).toBe(0);
    expect(received).toBe(total);
  });

  it('Promise.race over recv() would lose values where select does not', async () => {
    const [tx1, rx1] = mpsc.channel<number>(4);
    const [tx2, rx2] = mpsc.channel<number>(4);
    await tx1.send(1);
    await tx2.send(2);
    const raced = await Promise.race([rx1.recv(), rx2.recv()]);
    expect(raced).toBe(1);
    // rx2's value was taken by the losing recv: nothing is left.
    expect(rx2.tryRecv()).toEqual({ status: 'empty' });
    await tx1.send(3);
    await tx2.send(4);
    const first = await select({ a: rx1, b: rx2 });
    const rest = first.key === 'a' ? rx2.tryRecv() : rx1.tryRecv();
    expect(rest.status).toBe('received');
  });
});
