// The actor client against servers in processes of their own, our
// mini-redis-server binary and a real redis-server, treated as servers are
// treated in production: stopped where they stand (SIGSTOP: the kernel
// still takes the client's bytes, nothing answers), killed (SIGKILL: the
// connection is reset) and restarted, empty, on the same port.
// actor.test.ts drives the same cases with a fake server that replies on
// command; these show the behaviour holds with real ones. What was written
// is read off the server's unread bytes (ServerProcess.unreadBytes), so no
// test guesses with a sleep whether a command went out.

import type { ServerProcess } from '@mini-redis/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientError, createClient, createPool, createSubscriber } from '../src/index.js';
import { until } from './controlled-server.js';
import { deliver, kinds, size } from './server-process-kinds.js';

for (const kind of kinds) {
  describe.skipIf(!kind.enabled)(`the client against ${kind.name} in its own process`, () => {
    let server: ServerProcess;
    const address = () => `127.0.0.1:${server.port}`;

    beforeEach(async () => {
      server = await kind.start();
    });

    afterEach(async () => {
      await server?.stop();
    });

    it('holds memory flat under 1,000,000 INCRs while the server is stopped, then runs each once', async () => {
      const client = createClient(address(), { capacity: 32, maxInFlight: 128 });
      await client.ping();
      server.pause();
      // 1,000 producers each issuing 1,000 INCRs, one at a time.
      const producers = Array.from({ length: 1000 }, async () => {
        for (let i = 0; i < 1000; i++) await client.incr('n');
      });
      const heapBefore = process.memoryUsage().heapUsed;
      await until(() => server.unreadBytes() === 128 * size('INCR', 'n'));
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Exactly maxInFlight were written, 32 wait in the channel and the
      // rest in send: one command per producer, nothing piles up.
      expect(server.unreadBytes()).toBe(128 * size('INCR', 'n'));
      expect(client.load).toBe(1000);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
      server.resume();
      await Promise.all(producers);
      expect(await client.get('n')).toBe('1000000');
      await client.close();
    }, 120_000);

    it('never sends a command aborted before it was written', async () => {
      await using client = createClient(address(), { maxInFlight: 1 });
      await client.ping();
      server.pause();
      const first = client.set('a', '1');
      await until(() => server.unreadBytes() === size('SET', 'a', '1'));
      const controller = new AbortController();
      const second = client.set('b', '2', { signal: controller.signal });
      controller.abort(new Error('changed my mind'));
      await expect(second).rejects.toThrow('changed my mind');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.unreadBytes()).toBe(size('SET', 'a', '1'));
      server.resume();
      expect(await first).toBe('OK');
      expect(await client.mget(['a', 'b'])).toEqual(['1', null]);
    });

    it('rejects a command aborted after it was written at once, and drops its reply in order', async () => {
      await using client = createClient(address());
      await client.mset({ x: 'for x', y: 'for y' });
      server.pause();
      const controller = new AbortController();
      const aborted = client.get('x', { signal: controller.signal });
      const next = client.get('y');
      await until(() => server.unreadBytes() === 2 * size('GET', 'x'));
      controller.abort(new Error('gone'));
      // Rejected while the server is still stopped: it did not wait for the reply.
      await expect(aborted).rejects.toThrow('gone');
      server.resume();
      expect(await next).toBe('for y');
      expect(await client.get('x')).toBe('for x');
    });

    it('fails every command in flight with ERR_CONNECTION_LOST when the server is killed', async () => {
      await using client = createClient(address(), { reconnect: false });
      expect(await client.incr('n')).toBe(1);
      server.pause();
      const inFlight = Array.from({ length: 100 }, () =>
        client.incr('n').catch((error: unknown) => error),
      );
      await until(() => server.unreadBytes() === 100 * size('INCR', 'n'));
      await server.kill();
      for (const outcome of await Promise.all(inFlight)) {
        expect(ClientError.is(outcome) && outcome.code).toBe('ERR_CONNECTION_LOST');
        expect((outcome as Error).message).toContain('may or may not have executed');
      }
      // Reconnection is off: what comes later fails at once, never sent.
      await expect(client.get('n')).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
    });

    it('sends queued commands once the server is back, redoes the handshake, retries nothing', async () => {
      await using client = createClient(`redis://127.0.0.1:${server.port}/3`, {
        name: 'comes-back',
        reconnect: { initialDelay: 20, maxDelay: 100, maxAttempts: 200 },
      });
      expect(await client.incr('n')).toBe(1);
      server.pause();
      const inFlight = client.incr('n').catch((error: unknown) => error);
      await until(() => server.unreadBytes() === size('INCR', 'n'));
      await server.kill();
      expect(await inFlight).toMatchObject({ code: 'ERR_CONNECTION_LOST' });
      // Issued while nothing listens: they wait for the reconnect.
      const queued = [client.incr('n'), client.get('n')];
      await new Promise((resolve) => setTimeout(resolve, 200));
      await server.restart();
      // The restarted server is empty: 1, not 2, so the INCR that was in
      // flight when the server died was not sent again.
      expect(await Promise.all(queued)).toEqual([1, '1']);
      await using observer = createClient(address());
      const list = (await observer.command(['CLIENT', 'LIST'])) as string;
      const line = list.split('\n').find((entry) => entry.includes(' name=comes-back '));
      expect(line).toMatch(/ db=3 /);
    });

    it('outlives an outage longer than its attempts: offline, then back once the server restarts', async () => {
      await using client = createClient(`redis://127.0.0.1:${server.port}/2`, {
        reconnect: { initialDelay: 10, maxDelay: 50, maxAttempts: 3 },
      });
      expect(await client.set('before', '1')).toBe('OK');
      await server.kill();
      // The process is gone; the client may read the close a moment later
      // (a command written before that is lost, not queued).
      await until(() => !client.connected);
      // Three attempts fail: queued commands, then later ones at once.
      await expect(client.get('before')).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
      await expect(client.get('before')).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
      await server.restart();
      await until(() => client.connected);
      // The handshake was redone (database 2), on the restarted, empty server.
      expect(await client.get('before')).toBeNull();
      expect(await client.set('after', '2')).toBe('OK');
      await using observer = createClient(`redis://127.0.0.1:${server.port}/2`);
      expect(await observer.get('after')).toBe('2');
    });

    it('resubscribes to channels and patterns after the server is killed and restarted', async () => {
      using subscriber = createSubscriber(address(), {
        reconnect: { initialDelay: 20, maxDelay: 100, maxAttempts: 200 },
      });
      await subscriber.ready;
      await subscriber.subscribe('room');
      await subscriber.psubscribe('news.*');
      await server.kill();
      await server.restart();
      await using publisher = createClient(address());
      expect(await deliver(publisher, subscriber, 'room', 'back')).toEqual({
        channel: 'room',
        message: 'back',
      });
      expect(await deliver(publisher, subscriber, 'news.tech', 'again')).toEqual({
        pattern: 'news.*',
        channel: 'news.tech',
        message: 'again',
      });
    });

    it('keeps the connection while any handle is open, and closes it with the last', async () => {
      const first = createClient(address(), { name: 'last-one-out' });
      const second = first.clone();
      await first.close();
      expect(await second.incr('n')).toBe(1);
      await using observer = createClient(address());
      const named = async () =>
        ((await observer.command(['CLIENT', 'LIST'])) as string)
          .split('\n')
          .filter((entry) => entry.includes(' name=last-one-out ')).length;
      expect(await named()).toBe(1);
      await second.close();
      let left = await named();
      for (let attempt = 0; attempt < 100 && left > 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        left = await named();
      }
      expect(left).toBe(0);
    });

    it('routes each pool command to the connection with the least work', async () => {
      await using pool = createPool(address(), { size: 3 });
      // Three at once go to three connections, which are then all open.
      expect(await Promise.all([1, 2, 3].map(() => pool.command(['PING'])))).toEqual([
        'PONG',
        'PONG',
        'PONG',
      ]);
      server.pause();
      const incrs = Array.from({ length: 30 }, () => pool.client().incr('n'));
      await until(() => server.unreadBytes() === 30 * size('INCR', 'n'));
      expect(server.unreadBytesByConnection().sort()).toEqual(
        [1, 2, 3].map(() => 10 * size('INCR', 'n')),
      );
      server.resume();
      expect((await Promise.all(incrs)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
    });

    it("gives a lease a connection of its own: its WATCH sees the pool's writes", async () => {
      await using pool = createPool(address(), { size: 2 });
      await using lease = await pool.lease();
      expect(await lease.client.watch('k')).toBe('OK');
      await pool.client().set('k', 'changed');
      expect(await lease.client.multi().set('k', 'mine').exec()).toBeNull();
      expect(await pool.client().get('k')).toBe('changed');
      expect(await lease.client.multi().set('k', 'mine').exec()).toEqual(['OK']);
      expect(await pool.client().get('k')).toBe('mine');
    });

    it.skipIf(!kind.blockingCommands)(
      "holds up none of the pool's commands while a lease blocks",
      async () => {
        await using pool = createPool(address(), { size: 2 });
        await using lease = await pool.lease();
        const popped = lease.client.command(['BLPOP', 'jobs', '0']);
        const incrs = await Promise.all(Array.from({ length: 100 }, () => pool.client().incr('n')));
        expect(Math.max(...incrs)).toBe(100);
        expect(await pool.command(['LPUSH', 'jobs', 'job-1'])).toBe(1);
        expect(await popped).toEqual(['jobs', 'job-1']);
      },
    );

    it('keeps a released lease for the next, reset: no MULTI, WATCH, database or name carries over', async () => {
      await using pool = createPool(address(), { size: 1, name: 'pooled' });
      let id: unknown;
      {
        await using lease = await pool.lease();
        id = await lease.client.command(['CLIENT', 'ID']);
        expect(await lease.client.select(5)).toBe('OK');
        expect(await lease.client.command(['CLIENT', 'SETNAME', 'changed'])).toBe('OK');
        expect(await lease.client.watch('k')).toBe('OK');
        expect(await lease.client.command(['MULTI'])).toBe('OK');
        expect(await lease.client.command(['SET', 'k', 'queued'])).toBe('QUEUED');
        // Released with a MULTI open and a key watched, in database 5.
      }
      expect(await pool.client().set('k', 'routed')).toBe('OK');
      await using lease = await pool.lease();
      expect(await lease.client.command(['CLIENT', 'ID'])).toBe(id);
      const info = (await lease.client.command(['CLIENT', 'INFO'])) as string;
      expect(info).toMatch(/ name=pooled /);
      expect(info).toMatch(/ db=0 /);
      expect(info).toMatch(new RegExp(` resp=${kind.protocol}\\s`));
      // The queued SET never ran, and the WATCH is gone.
      expect(await lease.client.get('k')).toBe('routed');
      expect(await lease.client.multi().set('k', 'mine').exec()).toEqual(['OK']);
    });

    it('closes a lease released with a command still in flight, and a kept one the server dropped', async () => {
      await using pool = createPool(address(), { size: 1 });
      const first = await pool.lease();
      const firstId = await first.client.command(['CLIENT', 'ID']);
      server.pause();
      const controller = new AbortController();
      const aborted = first.client
        .get('x', { signal: controller.signal })
        .catch((error: unknown) => error);
      await until(() => server.unreadBytes() === size('GET', 'x'));
      controller.abort(new Error('gone'));
      expect(await aborted).toMatchObject({ message: 'gone' });
      // Released while the server is stopped: nobody awaits the reply.
      await first.release();
      server.resume();
      const second = await pool.lease();
      const secondId = await second.client.command(['CLIENT', 'ID']);
      expect(secondId).not.toBe(firstId);
      await second.release();
      // The kept connection is killed by the server: the next lease gets another.
      expect(await pool.command(['CLIENT', 'KILL', 'ID', String(secondId)])).toBe(1);
      // Time for the client to read the server's end of that connection.
      await new Promise((resolve) => setTimeout(resolve, 250));
      await using third = await pool.lease();
      const thirdId = await third.client.command(['CLIENT', 'ID']);
      expect([firstId, secondId]).not.toContain(thirdId);
      expect(await third.client.ping()).toBe('PONG');
    });

    it.skipIf(!kind.blockingCommands)(
      'releases a lease at once after its blocking command was aborted',
      async () => {
        await using pool = createPool(address(), { size: 1 });
        const lease = await pool.lease();
        const controller = new AbortController();
        const popped = lease.client
          .command(['BLPOP', 'jobs', '0'], { signal: controller.signal })
          .catch((error: unknown) => error);
        await new Promise((resolve) => setTimeout(resolve, 50));
        controller.abort(new Error('stop waiting'));
        expect(await popped).toMatchObject({ message: 'stop waiting' });
        const outcome = await Promise.race([
          lease.release().then(() => 'released'),
          new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000)),
        ]);
        expect(outcome).toBe('released');
        // The blocked connection was closed, not kept for the next lease.
        // (Until Redis has read its end, an LPUSH could still feed it.)
        const blocked = async () =>
          ((await pool.command(['CLIENT', 'LIST'])) as string).includes('cmd=blpop');
        for (let attempt = 0; attempt < 100 && (await blocked()); attempt++)
          await new Promise((resolve) => setTimeout(resolve, 10));
        expect(await blocked()).toBe(false);
        expect(await pool.command(['LPUSH', 'jobs', 'job-1'])).toBe(1);
        await using next = await pool.lease();
        expect(await next.client.command(['LLEN', 'jobs'])).toBe(1);
      },
    );

    it('closes a lease released while the pool closes, mid-reset', async () => {
      const pool = createPool(address(), { size: 1, name: 'closing-pool' });
      const lease = await pool.lease();
      expect(await lease.client.ping()).toBe('PONG');
      server.pause();
      const releasing = lease.release();
      // RESET and HELLO are written; their replies wait for the server.
      await until(() => server.unreadBytes() > 0);
      await pool.close();
      server.resume();
      await releasing;
      await using observer = createClient(address());
      const named = async () =>
        ((await observer.command(['CLIENT', 'LIST'])) as string).includes('name=closing-pool');
      for (let attempt = 0; attempt < 100 && (await named()); attempt++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await named()).toBe(false);
      await expect(pool.lease()).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    });
  });
}
