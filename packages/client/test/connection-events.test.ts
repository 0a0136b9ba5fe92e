// connectionEvents (mini-redis:client:connection on node:diagnostics_channel):
// what a client actor and a subscriber publish as their connections are
// made, fail, end and go offline, with the reason and the commands lost.
import diagnostics from 'node:diagnostics_channel';
import { createServer } from '@mini-redis/server';
import { freePort } from '@mini-redis/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConnectionEvent,
  connect,
  connectionEvents,
  createClient,
  createSubscriber,
} from '../src/index.js';
import { ControlledServer, until } from './controlled-server.js';

let events: ConnectionEvent[] = [];
const listener = (message: unknown) => events.push(message as ConnectionEvent);

beforeEach(() => {
  events = [];
  diagnostics.subscribe(connectionEvents.name, listener);
});

afterEach(() => {
  diagnostics.unsubscribe(connectionEvents.name, listener);
});

// The events for one address, without the address, errors as their code and message.
function seen(address: string): object[] {
  return events
    .filter((event) => event.address === address)
    .map(({ address: _, ...rest }) =>
      'error' in rest
        ? {
            ...rest,
            error: `${(rest.error as Error & { code?: string }).code}: ${rest.error.message}`,
          }
        : rest,
    );
}

describe('connectionEvents', () => {
  it('a client: connected, killed and back, then closed', async () => {
    const server = createServer({ port: 0 });
    const { port } = await server.listen();
    const address = `127.0.0.1:${port}`;
    try {
      const client = createClient(address);
      const id = await client.clientId();
      using killer = await connect(address);
      await killer.command(['CLIENT', 'KILL', 'ID', String(id)]);
      await until(() => seen(address).length === 2);
      // The next command makes the next connection.
      expect(await client.ping()).toBe('PONG');
      await client.close();
      // close() ends the socket; the event comes when it has closed.
      await until(() => seen(address).length === 4);
      expect(seen(address)).toEqual([
        { event: 'connect', role: 'client' },
        {
          event: 'disconnect',
          role: 'client',
          reason: 'closed by the server or the network',
          inFlight: 0,
        },
        { event: 'connect', role: 'client' },
        { event: 'disconnect', role: 'client', reason: 'the client was closed', inFlight: 0 },
      ]);
    } finally {
      await server.close();
    }
  });

  it('a client: failed attempts counted, offline, then connected when the server comes', async () => {
    const port = await freePort();
    const address = `127.0.0.1:${port}`;
    await using client = createClient(address, {
      reconnect: { initialDelay: 1, maxDelay: 20, maxAttempts: 3 },
    });
    await expect(client.ping()).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
    const refused = `ERR_NOT_CONNECTED: Could not connect to ${address}: connect ECONNREFUSED ${address}`;
    expect(seen(address).slice(0, 4)).toEqual([
      { event: 'connect-failed', role: 'client', attempt: 1, error: refused },
      { event: 'connect-failed', role: 'client', attempt: 2, error: refused },
      { event: 'connect-failed', role: 'client', attempt: 3, error: refused },
      { event: 'offline', role: 'client', error: refused },
    ]);
    // Offline, it keeps trying, and keeps counting.
    await until(() => seen(address).length >= 5);
    expect(seen(address)[4]).toEqual({
      event: 'connect-failed',
      role: 'client',
      attempt: 4,
      error: refused,
    });
    const server = createServer({ port });
    await server.listen();
    try {
      await until(() =>
        seen(address).some((event) => 'event' in event && event.event === 'connect'),
      );
      expect(await client.ping()).toBe('PONG');
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('a client: the commands a lost connection took', async () => {
    const server = await new ControlledServer().start();
    const address = `127.0.0.1:${server.port}`;
    try {
      await using client = createClient(address);
      const pending = [client.get('a'), client.get('b'), client.get('c')].map((promise) =>
        promise.catch((error: { code: string }) => error.code),
      );
      await until(() => server.pending === 3);
      server.dropConnections();
      expect(await Promise.all(pending)).toEqual([
        'ERR_CONNECTION_LOST',
        'ERR_CONNECTION_LOST',
        'ERR_CONNECTION_LOST',
      ]);
      expect(seen(address)).toEqual([
        { event: 'connect', role: 'client' },
        {
          event: 'disconnect',
          role: 'client',
          reason: 'closed by the server or the network',
          inFlight: 3,
        },
      ]);
    } finally {
      await server.stop();
    }
  });

  it('a client: a connection dropped by the health check, and why', async () => {
    const server = await new ControlledServer().start();
    const address = `127.0.0.1:${server.port}`;
    try {
      await using client = createClient(address, { pingInterval: 50 });
      // The server never answers: the GET, then the health check's PING.
      const late = client.get('d').catch((error: { code: string }) => error.code);
      expect(await late).toBe('ERR_CONNECTION_LOST');
      expect(seen(address)).toEqual([
        { event: 'connect', role: 'client' },
        {
          event: 'disconnect',
          role: 'client',
          reason: 'no reply to a PING within 50 ms',
          inFlight: 2,
        },
      ]);
    } finally {
      await server.stop();
    }
  });

  it('a client and a subscriber: a reply that is not RESP, and why', async () => {
    const server = await new ControlledServer().start();
    const address = `127.0.0.1:${server.port}`;
    const why = "a reply could not be read: Protocol error: unknown type '?'";
    try {
      {
        await using client = createClient(address);
        const lost = client.get('a').catch((error: { code: string }) => error.code);
        await until(() => server.pending === 1);
        server.reply(1, '?\r\n');
        expect(await lost).toBe('ERR_CONNECTION_LOST');
        expect(seen(address)).toEqual([
          { event: 'connect', role: 'client' },
          { event: 'disconnect', role: 'client', reason: why, inFlight: 1 },
        ]);
      }
      events = [];
      // The subscriber speaks RESP2 and starts with a PING.
      const subscriber = createSubscriber(address);
      const subscribed = subscriber.subscribe('news');
      const answer = async (command: string[], reply: string) => {
        await until(() => server.pending === 1);
        expect(server.commands.at(-1)).toEqual(command);
        server.reply(1, reply);
      };
      await answer(['PING'], '+PONG\r\n');
      await answer(['SUBSCRIBE', 'news'], '?\r\n');
      // Subscribed again on the next connection, where the confirmation comes.
      await answer(['PING'], '+PONG\r\n');
      await answer(['SUBSCRIBE', 'news'], '*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n');
      await subscribed;
      subscriber.close();
      await until(() => seen(address).length === 4);
      expect(seen(address)).toEqual([
        { event: 'connect', role: 'subscriber' },
        {
          event: 'disconnect',
          role: 'subscriber',
          reason: "a frame could not be read: Protocol error: unknown type '?'",
          inFlight: 0,
        },
        { event: 'connect', role: 'subscriber' },
        { event: 'disconnect', role: 'subscriber', reason: 'the client was closed', inFlight: 0 },
      ]);
    } finally {
      await server.stop();
    }
  });

  it('a subscriber: connected, killed and back with its channels, then closed', async () => {
    const server = createServer({ port: 0 });
    const { port } = await server.listen();
    const address = `127.0.0.1:${port}`;
    try {
      const subscriber = createSubscriber(address);
      await subscriber.subscribe('news');
      using killer = await connect(address);
      await killer.command(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
      await until(() => seen(address).length === 3);
      // Subscribed again on the new connection.
      await expect.poll(() => killer.publish('news', 'again')).toBe(1);
      subscriber.close();
      await until(() => seen(address).length === 4);
      expect(seen(address)).toEqual([
        { event: 'connect', role: 'subscriber' },
        {
          event: 'disconnect',
          role: 'subscriber',
          reason: 'closed by the server or the network',
          inFlight: 0,
        },
        { event: 'connect', role: 'subscriber' },
        { event: 'disconnect', role: 'subscriber', reason: 'the client was closed', inFlight: 0 },
      ]);
    } finally {
      await server.close();
    }
  });

  it('publishes nothing, and builds nothing, when nobody listens', async () => {
    diagnostics.unsubscribe(connectionEvents.name, listener);
    expect(connectionEvents.hasSubscribers).toBe(false);
    const server = createServer({ port: 0 });
    const { port } = await server.listen();
    try {
      await using client = createClient(`127.0.0.1:${port}`);
      expect(await client.ping()).toBe('PONG');
    } finally {
      await server.close();
    }
    expect(events).toEqual([]);
  });
});
