// Servers that accept connections but do not answer, and servers that turn
// connections away, against every layer of the client: `connectTimeout`
// bounds the handshake too, `pingInterval` drops a connection that fell
// silent (and leaves alone one that waits on BLPOP or on its own
// consumer), TCP keepalive is on by default, and a server at its
// `maxclients` is a failed attempt, retried, not a refusal. The servers run
// in processes of their own and are stopped with SIGSTOP: the kernel still
// accepts connections and takes bytes, and nothing answers, which is what
// a hung server or a proxy whose backend is gone looks like.

import { readFileSync } from 'node:fs';
import { RawClient, type ServerProcess } from '@mini-redis/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mayBlock } from '../src/actor/blocking.js';
import { ClientError, connect, createClient, createPool, createSubscriber } from '../src/index.js';
import { until } from './controlled-server.js';
import { deliver, kinds, outcome, within } from './server-process-kinds.js';

/**
 * The timer the kernel runs for the loopback TCP connection from `port`
 * (/proc/net/tcp's `tr` column): 0 none, 2 keepalive (for an idle
 * established connection). Linux only.
 */
function tcpTimer(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/net/tcp', 'latin1').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === local && fields[3] === '01') return Number.parseInt(fields[5]!, 16);
  }
  throw new Error(`no established connection from 127.0.0.1:${port}`);
}

/** The client's own port, from an `addr=127.0.0.1:port` field of CLIENT INFO or LIST. */
const portOf = (line: string) => Number(/ addr=127\.0\.0\.1:(\d+) /.exec(` ${line}`)![1]);

describe('the options for silent connections', () => {
  it('refuses a keepAlive or pingInterval that is not a whole number of ms, before connecting', async () => {
    expect(() => createClient('127.0.0.1:1', { keepAlive: 0 })).toThrow(
      new RangeError('Expected `keepAlive` to be false or an integer >= 1, got 0'),
    );
    expect(() => createPool('127.0.0.1:1', { pingInterval: -1 })).toThrow(
      new RangeError('Expected `pingInterval` to be an integer >= 0, got -1'),
    );
    expect(() => createSubscriber('127.0.0.1:1', { pingInterval: 1.5 })).toThrow(
      new RangeError('Expected `pingInterval` to be an integer >= 0, got 1.5'),
    );
    expect(() => createSubscriber('127.0.0.1:1', { keepAlive: 2.5 })).toThrow(RangeError);
    await expect(connect('127.0.0.1:1', { keepAlive: -5 })).rejects.toThrow(
      new RangeError('Expected `keepAlive` to be false or an integer >= 1, got -5'),
    );
    await expect(connect('127.0.0.1:1', { commandTimeout: -1 })).rejects.toThrow(
      new RangeError('Expected `commandTimeout` to be an integer >= 0, got -1'),
    );
  });

  it('knows the commands that block on the server by design, in any case and as bytes', () => {
    expect(mayBlock(['BLPOP', 'jobs', 0])).toBe(true);
    expect(mayBlock(['bzpopmin', 'z', 1])).toBe(true);
    expect(mayBlock([Buffer.from('XReadGroup'), 'GROUP'])).toBe(true);
    expect(mayBlock(['WAIT', 1, 0])).toBe(true);
    expect(mayBlock(['GET', 'blpop'])).toBe(false);
    expect(mayBlock([Buffer.from('LPOP')])).toBe(false);
    expect(mayBlock([])).toBe(false);
  });
});

for (const kind of kinds) {
  describe.skipIf(!kind.enabled)(`the client against ${kind.name} that stops answering`, () => {
    let server: ServerProcess;
    const address = () => `127.0.0.1:${server.port}`;

    beforeEach(async () => {
      server = await kind.start();
    });

    afterEach(async () => {
      server?.resume();
      await server?.stop();
    });

    it('counts a handshake without a reply within connectTimeout as a failed attempt', async () => {
      server.pause();
      const started = Date.now();
      await using client = createClient(address(), {
        connectTimeout: 200,
        reconnect: { initialDelay: 20, maxDelay: 20, maxAttempts: 2 },
      });
      const failed = await within(outcome(client.get('k')), 5000);
      expect(failed).toBeInstanceOf(ClientError);
      expect(failed).toMatchObject({
        code: 'ERR_NOT_CONNECTED',
        message: `Not connected: Could not connect to ${address()}: no reply to the handshake within 200 ms; the command was not sent`,
      });
      // Two attempts of 200 ms each and a short backoff between them.
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('gets in once the server answers again, when attempts are left', async () => {
      server.pause();
      await using client = createClient(address(), {
        connectTimeout: 100,
        reconnect: { initialDelay: 20, maxDelay: 50, maxAttempts: 1000 },
      });
      const pending = client.set('k', 'v');
      await new Promise((resolve) => setTimeout(resolve, 400));
      server.resume();
      expect(await pending).toBe('OK');
      // The attempts abandoned during the stop are gone: one connection left.
      await using observer = createClient(address());
      const connections = async () =>
        ((await observer.command(['CLIENT', 'LIST'])) as string).trim().split('\n').length;
      for (let attempt = 0; attempt < 100 && (await connections()) > 2; attempt++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await connections()).toBe(2);
    });

    it('bounds the subscriber and the direct client by connectTimeout too', async () => {
      server.pause();
      using subscriber = createSubscriber(address(), {
        connectTimeout: 150,
        reconnect: { initialDelay: 20, maxDelay: 20, maxAttempts: 2 },
      });
      expect(await within(outcome(subscriber.ready), 5000)).toMatchObject({
        code: 'ERR_NOT_CONNECTED',
        message: `Could not connect to ${address()}: no reply to the handshake within 150 ms`,
      });
      // The direct client's set-up (SELECT here) has the same bound.
      expect(
        await within(outcome(connect(`redis://${address()}/1`, { connectTimeout: 150 })), 5000),
      ).toMatchObject({
        code: 'ERR_NOT_CONNECTED',
        message: `Could not connect to ${address()}: no reply to the handshake within 150 ms`,
      });
    });

    it("times out a direct client's command with commandTimeout, and closes its connection", async () => {
      using direct = await connect(address(), { commandTimeout: 100 });
      expect(await direct.ping()).toBe('PONG');
      server.pause();
      expect(await within(outcome(direct.get('k')), 5000)).toMatchObject({
        code: 'ERR_TIMEOUT',
        message:
          'No reply within 100 ms: the connection was closed, and the command may or may not have executed',
      });
      // Its late reply cannot be taken for the next command's: the
      // connection is gone, and the next call says so at once.
      server.resume();
      expect(await within(outcome(direct.get('k')), 5000)).toMatchObject({
        code: 'ERR_CONNECTION_LOST',
      });
    });

    it('drops a connection that stops answering, with pingInterval, and reconnects', async () => {
      await using client = createClient(address(), {
        pingInterval: 100,
        connectTimeout: 200,
        reconnect: { initialDelay: 20, maxDelay: 50, maxAttempts: 1000 },
      });
      expect(await client.set('k', 'v')).toBe('OK');
      const before = await client.command(['CLIENT', 'ID']);
      server.pause();
      // Awaited, never answered: the health check gives up on the connection.
      const started = Date.now();
      const lost = await within(outcome(client.get('k')), 3000);
      expect(lost).toMatchObject({
        code: 'ERR_CONNECTION_LOST',
        message:
          'Connection lost before the reply (no reply to a PING within 100 ms): the command may or may not have executed',
      });
      // Two to three intervals.
      expect(Date.now() - started).toBeLessThan(1000);
      server.resume();
      expect(await client.get('k')).toBe('v');
      expect(await client.command(['CLIENT', 'ID'])).not.toBe(before);
    });

    it('keeps a connection that answers, whatever the interval', async () => {
      await using client = createClient(address(), { pingInterval: 20 });
      const id = await client.command(['CLIENT', 'ID']);
      // Idle for many intervals: the PINGs are answered.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await client.command(['CLIENT', 'ID'])).toBe(id);
      // Busy: many intervals' worth of commands, no drop.
      for (let round = 0; round < 20; round++)
        await Promise.all(Array.from({ length: 50 }, (_, i) => client.incr(`n${i}`)));
      expect(await client.get('n0')).toBe('20');
      expect(await client.command(['CLIENT', 'ID'])).toBe(id);
    });

    it.skipIf(!kind.blockingCommands)(
      'leaves a lease blocked in BLPOP alone: its silence is not a dead connection',
      async () => {
        await using pool = createPool(address(), { size: 1, pingInterval: 30 });
        await using lease = await pool.lease();
        const id = await lease.client.command(['CLIENT', 'ID']);
        const popped = lease.client.command(['BLPOP', 'jobs', '0']);
        // Ten intervals blocked.
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await pool.command(['LPUSH', 'jobs', 'job-1'])).toBe(1);
        expect(await popped).toEqual(['jobs', 'job-1']);
        expect(await lease.client.command(['CLIENT', 'ID'])).toBe(id);
      },
    );

    it("writes no PING into a lease's open MULTI: EXEC answers only the caller's commands", async () => {
      await using pool = createPool(address(), { size: 1, pingInterval: 20 });
      await using lease = await pool.lease();
      expect(await lease.client.command(['MULTI'])).toBe('OK');
      expect(await lease.client.command(['SET', 'k', 'v'])).toBe('QUEUED');
      // Ten intervals with the transaction open.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await lease.client.command(['EXEC'])).toEqual(['OK']);
      // After EXEC the health check runs again: a stop is noticed.
      server.pause();
      expect(await within(outcome(lease.client.get('k')), 3000)).toMatchObject({
        code: 'ERR_CONNECTION_LOST',
      });
    });

    it('resubscribes a subscriber whose connection stopped answering, with pingInterval', async () => {
      using subscriber = createSubscriber(address(), {
        pingInterval: 100,
        connectTimeout: 200,
        reconnect: { initialDelay: 20, maxDelay: 50 },
      });
      await subscriber.subscribe('room');
      expect(subscriber.connections).toBe(1);
      server.pause();
      await new Promise((resolve) => setTimeout(resolve, 600));
      // Attempts made during the stop got no answer: none counts.
      expect(subscriber.connections).toBe(1);
      server.resume();
      await until(() => subscriber.connections === 2);
      await using publisher = createClient(address());
      expect(await deliver(publisher, subscriber, 'room', 'back')).toEqual({
        channel: 'room',
        message: 'back',
      });
    });

    it('keeps a subscriber whose consumer is behind: it stopped reading on purpose', async () => {
      using subscriber = createSubscriber(address(), { pingInterval: 30, capacity: 1 });
      await subscriber.subscribe('room');
      await using publisher = createClient(address());
      for (let i = 0; i < 3; i++) expect(await publisher.publish('room', `m${i}`)).toBe(1);
      // Ten intervals with nothing consumed.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subscriber.connections).toBe(1);
      for (let i = 0; i < 3; i++)
        expect(await subscriber.nextMessage()).toEqual({ channel: 'room', message: `m${i}` });
    });

    it.skipIf(process.platform !== 'linux')(
      'turns TCP keepalive on by default, off with keepAlive: false',
      async () => {
        await using client = createClient(address());
        const info = (await client.command(['CLIENT', 'INFO'])) as string;
        expect(tcpTimer(portOf(info))).toBe(2);
        await using plain = createClient(address(), { keepAlive: false });
        expect(tcpTimer(portOf((await plain.command(['CLIENT', 'INFO'])) as string))).toBe(0);
        using direct = await connect(address());
        expect(tcpTimer(portOf((await direct.command(['CLIENT', 'INFO'])) as string))).toBe(2);
        using subscriber = createSubscriber(address());
        await subscriber.subscribe('room');
        const line = ((await client.command(['CLIENT', 'LIST'])) as string)
          .split('\n')
          .find((entry) => / sub=1 /.test(entry))!;
        expect(tcpTimer(portOf(line))).toBe(2);
      },
    );
  });

  describe.skipIf(!kind.enabled)(`the client against ${kind.name} at its maxclients`, () => {
    let server: ServerProcess;
    let occupants: RawClient[] = [];

    beforeEach(async () => {
      server = await kind.start(['--maxclients', '2']);
      occupants = [await RawClient.connect(server.port), await RawClient.connect(server.port)];
      occupants[0]!.send([['PING']]);
      occupants[1]!.send([['PING']]);
      await Promise.all(occupants.map((occupant) => occupant.read(1)));
    });

    afterEach(async () => {
      for (const occupant of occupants) occupant.close();
      await server?.stop();
    });

    it('retries a connection turned away, and gets in once a slot is free', async () => {
      const address = `127.0.0.1:${server.port}`;
      await using client = createClient(address, {
        reconnect: { initialDelay: 20, maxDelay: 50, maxAttempts: 1000 },
      });
      using subscriber = createSubscriber(address, {
        reconnect: { initialDelay: 20, maxDelay: 50 },
      });
      const pending = client.set('k', 'v');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Not refused for good: the client is still trying.
      expect(await within(pending, 0)).toBe('still pending');
      // Two slots free, for the client and the subscriber (either could
      // take a single one first).
      occupants[0]!.close();
      occupants[1]!.close();
      expect(await pending).toBe('OK');
      await subscriber.ready;
      expect(subscriber.connections).toBe(1);
    });

    it('gives up with ERR_NOT_CONNECTED, saying why, when attempts run out', async () => {
      await using client = createClient(`127.0.0.1:${server.port}`, {
        reconnect: { initialDelay: 10, maxDelay: 10, maxAttempts: 3 },
      });
      const failed = await outcome(client.get('k'));
      expect(failed).toMatchObject({ code: 'ERR_NOT_CONNECTED' });
      expect((failed as Error).message).toContain('max number of clients reached');
    });
  });
}
