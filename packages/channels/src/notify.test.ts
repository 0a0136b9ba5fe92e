import { describe, expect, it } from 'vitest';
import { Notify } from './notify.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Notify', () => {
  it('notifyOne wakes the longest waiting task only', async () => {
    const notify = new Notify();
    const woken: number[] = [];
    void notify.notified().then(() => woken.push(1));
    void notify.notified().then(() => woken.push(2));
    notify.notifyOne();
    await tick();
    expect(woken).toEqual([1]);
    notify.notifyOne();
    await tick();
    expect(woken).toEqual([1, 2]);
  });

  it('stores at most one permit when nobody waits', async () => {
    const notify = new Notify();
    notify.notifyOne();
    notify.notifyOne();
    await notify.notified();
    let second = false;
    void notify.notified().then(() => {
      second = true;
    });
    await tick();
    expect(second).toBe(false);
  });

  it('notifyWaiters wakes everyone waiting and stores nothing', async () => {
    const notify = new Notify();
    const woken: number[] = [];
    void notify.notified().then(() => woken.push(1));
    void notify.notified().then(() => woken.push(2));
    notify.notifyWaiters();
    await tick();
    expect(woken).toEqual([1, 2]);
    let late = false;
    void notify.notified().then(() => {
      late = true;
    });
    await tick();
    expect(late).toBe(false);
  });

  it('an aborted waiter does not swallow a notification', async () => {
    const notify = new Notify();
    const controller = new AbortController();
    const aborted = notify.notified({ signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    notify.notifyOne();
    await notify.notified();
  });
});
