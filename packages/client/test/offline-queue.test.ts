// offlineQueue: false and ready(): commands that fail at once, unsent,
// while no connection is ready (before the first, during a reconnect, and
// those queued when it dropped), a reconnect that starts without waiting
// for a command, and ready() as the way to wait for a connection.
import diagnostics from 'node:diagnostics_channel';
import { createServer } from '@mini-redis/server';
import { freePort } from '@mini-redis/testing';
import { describe, expect, it } from 'vitest';
import {
  type ConnectionEvent,
  connect,
  connectionEvents,
  createClient,
  createPool,
} from '../src/index.js';
import { ControlledServer, until } from './controlled-server.js';
import { targets } from './targets.js';

// A rejection's code and message, or 'resolved'.
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; message: string }) => `${error.code}: ${error.message}`,
  );
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string; name?: string }) => error.code ?? error.name,
  );

for (const target of targets) {
  describe.skipIf(!target.enabled)(`offlineQueue: false, against ${target.name}`, () => {
    it('fails commands before the first connection; ready() waits for it', async () => {
      const server = await target.start();
      try {
        const client = createClient(server.address, { offlineQueue: false });
        expect(client.connected).toBe(false);
        expect(await outcome(client.set('k', 'v'))).toBe(
          `ERR_NOT_CONNECTED: Not connected: connecting to ${server.address}, and offlineQueue is off; the command was not sent`,
        );
        await client.ready();
        expect(client.connected).toBe(true);
        // ready() again resolves at once.
        await client.ready();
        // The SET before ready() never reached the server.
        expect(await client.get('k')).toBeNull();
        expect(await client.set('k', 'v')).toBe('OK');
        expect(await client.get('k')).toBe('v');
        await client.close();
      } finally {
        await server.stop();
      }
    });

    it('reconnects after CLIENT KILL without a command, failing commands meanwhile', async () => {
      const server = await target.start();
      const address = server.address;
      const client = createClient(address, { offlineQueue: false, name: 'offline-test' });
      // Sent from the disconnect event itself: the client is between
      // connections then, however fast the reconnect.
      const duringReconnect: Promise<string>[] = [];
      const events: string[] = [];
      const listener = (message: unknown) => {
        const event = message as ConnectionEvent;
        if (event.address !== address) return;
        events.push(event.event);
        if (event.event === 'disconnect') duringReconnect.push(outcome(client.get('k')));
      };
      diagnostics.subscribe(connectionEvents.name, listener);
      try {
        await client.ready();
        const first = await client.clientId();
        using killer = await connect(address);
        await killer.command(['CLIENT', 'KILL', 'ID', String(first)]);
        await until(() => events.length === 3);
        await client.ready();
        expect(events).toEqual(['connect', 'disconnect', 'connect']);
        expect(await Promise.all(duringReconnect)).toEqual([
          `ERR_NOT_CONNECTED: Not connected: reconnecting to ${address} after the connection was lost, and offlineQueue is off; the command was not sent`,
        ]);
        // A new connection, made before any command asked for one, with
        // the handshake's name: the only client of that name.
        const list = String(await killer.command(['CLIENT', 'LIST']));
        const ours = list.split('\n').filter((line) => line.includes('name=offline-test'));
        expect(ours).toHaveLength(1);
        const second = Number(/id=(\d+)/.exec(ours[0]!)![1]);
        expect(second).not.toBe(first);
        expect(await client.clientId()).toBe(second);
        await client.close();
      } finally {
        diagnostics.unsubscribe(connectionEvents.name, listener);
        await server.stop();
      }
    });

    it('ready() rejects with the handshake error when the password is refused', async () => {
      const server = await target.start('secret');
      try {
        const client = createClient(server.address, {
          offlineQueue: false,
          password: 'wrong',
        });
        const failed = await outcome(client.ready());
        expect(failed).toMatch(/^ERR_NOT_CONNECTED: Not connected: .*WRONGPASS/);
        // And commands fail with the same error.
        expect(await outcome(client.ping())).toBe(failed);
        await client.close();
      } finally {
        await server.stop();
      }
    });
  });
}

describe('offlineQueue: false', () => {
  it('fails commands at once while the server is down, and reconnects when it is back', async () => {
    const port = await freePort();
    let server = createServer({ port });
    await server.listen();
    const client = createClient(`127.0.0.1:${port}`, {
      offlineQueue: false,
      reconnect: { initialDelay: 10, maxDelay: 50, maxAttempts: 1000 },
    });
    try {
      await client.ready();
      expect(await client.set('k', 'v')).toBe('OK');
      await server.close();
      await until(() => !client.connected);
      // The server is down for all of these: none waited for it.
      const down = await Promise.all([
        code(client.get('k')),
        code(client.ping()),
        code(client.multi().set('a', '1').exec()),
      ]);
      expect(down).toEqual(['ERR_NOT_CONNECTED', 'ERR_NOT_CONNECTED', 'ERR_NOT_CONNECTED']);
      server = createServer({ port });
      await server.listen();
      // No command is sent: the client reconnects by itself.
      await client.ready({ signal: AbortSignal.timeout(5000) });
      expect(await client.ping()).toBe('PONG');
      // The data did not survive the restart; nothing queued ran on it.
      expect(await client.get('a')).toBeNull();
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('commands queued when the connection drops fail unsent; those in flight as lost', async () => {
    const server = await new ControlledServer().start();
    try {
      const client = createClient(`127.0.0.1:${server.port}`, {
        offlineQueue: false,
        maxInFlight: 1,
      });
      await client.ready();
      const written = code(client.get('a'));
      await until(() => server.pending === 1);
      const queued = [code(client.get('b')), code(client.get('c'))];
      server.dropConnections();
      expect(await written).toBe('ERR_CONNECTION_LOST');
      expect(await Promise.all(queued)).toEqual(['ERR_NOT_CONNECTED', 'ERR_NOT_CONNECTED']);
      await client.ready();
      // The new connection got nothing of them.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.commands).toEqual([['GET', 'a']]);
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('with the default, the same queued commands go out after the reconnect', async () => {
    const server = await new ControlledServer().start();
    try {
      const client = createClient(`127.0.0.1:${server.port}`, { maxInFlight: 1 });
      const written = code(client.get('a'));
      await until(() => server.pending === 1);
      const queued = [client.get('b'), client.get('c')];
      server.dropConnections();
      expect(await written).toBe('ERR_CONNECTION_LOST');
      await until(() => server.pending === 1);
      server.reply(1, '$1\r\nB\r\n');
      await until(() => server.pending === 1);
      server.reply(1, '$1\r\nC\r\n');
      expect(await Promise.all(queued)).toEqual(['B', 'C']);
      expect(server.commands).toEqual([
        ['GET', 'a'],
        ['GET', 'b'],
        ['GET', 'c'],
      ]);
      await client.close();
    } finally {
      await server.stop();
    }
  });

  it('a pool: commands fail before ready(), work after it; a lease waits for its connection', async () => {
    const server = createServer({ port: 0 });
    const { port } = await server.listen();
    const pool = createPool(`127.0.0.1:${port}`, { size: 2, offlineQueue: false });
    try {
      expect(await code(pool.command(['PING']))).toBe('ERR_NOT_CONNECTED');
      await pool.ready();
      expect(await pool.command(['PING'])).toBe('PONG');
      // A new lease's connection is made on lease(): its first command waits for it.
      await using lease = await pool.lease();
      expect(await lease.client.set('k', 'v')).toBe('OK');
    } finally {
      await pool.close();
      await server.close();
    }
    expect(await code(pool.ready())).toBe('ERR_CLIENT_CLOSED');
  });
});

describe('ready()', () => {
  it('rejects when the attempts run out, at once while offline, and resolves once back', async () => {
    const port = await freePort();
    const client = createClient(`127.0.0.1:${port}`, {
      reconnect: { initialDelay: 1, maxDelay: 20, maxAttempts: 3 },
    });
    let server: ReturnType<typeof createServer> | null = null;
    try {
      expect(await code(client.ready())).toBe('ERR_NOT_CONNECTED');
      // Offline: at once, as commands do.
      expect(await code(client.ready())).toBe('ERR_NOT_CONNECTED');
      expect(await code(client.ping())).toBe('ERR_NOT_CONNECTED');
      server = createServer({ port });
      await server.listen();
      // The client keeps trying every maxDelay, and ready() resolves once it is back.
      await until(() => client.connected);
      await client.ready();
      expect(await client.ping()).toBe('PONG');
    } finally {
      await client.close();
      await server?.close();
    }
  });

  it('stops waiting when its signal aborts, and rejects when the client closes first', async () => {
    const port = await freePort();
    const client = createClient(`127.0.0.1:${port}`, {
      reconnect: { initialDelay: 50, maxDelay: 1000, maxAttempts: 100 },
    });
    const timedOut = await client.ready({ signal: AbortSignal.timeout(20) }).catch((e) => e);
    expect((timedOut as Error).name).toBe('TimeoutError');
    const aborted = new AbortController();
    aborted.abort(new Error('gave up'));
    expect(await outcome(client.ready({ signal: aborted.signal }))).toBe('undefined: gave up');
    const waiting = code(client.ready());
    const other = client.clone();
    const otherWaiting = code(other.ready());
    await other.close();
    // Another handle is open: the client lives on, and so does the wait.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await code(other.ready())).toBe('ERR_CLIENT_CLOSED');
    await client.close();
    expect(await waiting).toBe('ERR_CLIENT_CLOSED');
    expect(await otherWaiting).toBe('ERR_CLIENT_CLOSED');
    expect(await code(client.ready())).toBe('ERR_CLIENT_CLOSED');
  });
});
