import { describe, expect, it } from 'vitest';
import { AcquireError } from './errors.js';
import { Semaphore } from './semaphore.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('hands out permits and takes them back on release or dispose', async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    expect(semaphore.availablePermits()).toBe(1);
    {
      using b = await semaphore.acquire();
      expect(b.count).toBe(1);
      expect(semaphore.availablePermits()).toBe(0);
    }
    expect(semaphore.availablePermits()).toBe(1);
    a.release();
    a.release();
    expect(semaphore.availablePermits()).toBe(2);
  });

  it('is fair: a large request at the head is not overtaken by small ones', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const order: string[] = [];
    const big = semaphore.acquire(2).then((p) => {
      order.push('big');
      return p;
    });
    const small = semaphore.acquire(1).then((p) => {
      order.push('small');
      return p;
    });
    semaphore.addPermits(1);
    await tick();
    // One permit is free, but big is first in line and needs two: small waits behind it.
    expect(order).toEqual([]);
    expect(semaphore.tryAcquire()).toBeUndefined();
    held.release();
    (await big).release();
    (await small).release();
    expect(order).toEqual(['big', 'small']);
    expect(semaphore.availablePermits()).toBe(2);
  });

  it('serves waiters in FIFO order', async () => {
    const semaphore = new Semaphore(0);
    const order: number[] = [];
    const waits = [1, 2, 3, 4].map((i) => semaphore.acquire().then(() => order.push(i)));
    semaphore.addPermits(4);
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('an aborted acquire holds nothing and lets the next waiter through', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const big = semaphore.acquire(2, { signal: controller.signal });
    const small = semaphore.acquire(1);
    held.release();
    controller.abort();
    await expect(big).rejects.toMatchObject({ name: 'AbortError' });
    expect((await small).count).toBe(1);
    expect(semaphore.availablePermits()).toBe(0);
  });

  it('close() rejects waiters and later acquires with AcquireError', async () => {
    const semaphore = new Semaphore(0);
    const waiting = semaphore.acquire();
    semaphore.close();
    const error = await waiting.catch((e: unknown) => e);
    expect(AcquireError.is(error)).toBe(true);
    expect((error as AcquireError).code).toBe('ERR_SEMAPHORE_CLOSED');
    await expect(semaphore.acquire()).rejects.toBeInstanceOf(AcquireError);
    expect(() => semaphore.tryAcquire()).toThrow(AcquireError);
    expect(semaphore.isClosed()).toBe(true);
  });

  it('forget() drops permits for good', async () => {
    const semaphore = new Semaphore(3);
    const permit = semaphore.tryAcquire(2)!;
    permit.forget();
    permit.release();
    expect(semaphore.availablePermits()).toBe(1);
    expect(semaphore.forgetPermits(5)).toBe(1);
    expect(semaphore.availablePermits()).toBe(0);
  });

  it('validates counts', () => {
    expect(() => new Semaphore(-1)).toThrow('Expected `permits` to be an integer >= 0, got -1');
    expect(() => new Semaphore(1).tryAcquire(0)).toThrow(RangeError);
  });
});
