// close({ signal }): a shutdown with a deadline. Against a server that
// never answers and during an outage, the last handle's close resolves
// once the signal aborts: queued commands fail unsent (ERR_CLIENT_CLOSED),
// written ones as lost (ERR_CONNECTION_LOST), and nothing reconnects.
import { createServer } from '@mini-redis/server';
import { freePort, rawExchange } from '@mini-redis/testing';
import { describe, expect, it } from 'vitest';
import { createClient, createPool } from '../src/index.js';
import { ControlledServer, until } from './controlled-server.js';

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('close({ signal })', () => {
  it('stops waiting for a server that never answers', async () => {
    const server = await new ControlledServer().start();
    try {
      const client = createClient(`127.0.0.1:${server.port}`);
      const written = code(client.get('a'));
      await until(() => server.pending === 1);
      const started = Date.now();
      await client.close({ signal: AbortSignal.timeout(100) });
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await written).toBe('ERR_CONNECTION_LOST');
      // The connection is gone, and no other was made.
      await until(() => server.connections === 0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(server.connections).toBe(0);
      expect(server.hellos).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it('stops an outage wait: queued commands fail unsent, and no attempt follows', async () => {
    const port = await freePort();
    const client = createClient(`127.0.0.1:${port}`, {
      reconnect: { initialDelay: 50, maxDelay: 1000, maxAttempts: 50 },
    });
    const queued = [code(client.get('a')), code(client.set('b', '1'))];
    const other = client.clone();
    // Not the last handle: it closes without waiting, and the signal does nothing.
    await other.close({ signal: AbortSignal.abort() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await client.close({ signal: AbortSignal.timeout(100) });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await Promise.all(queued)).toEqual(['ERR_CLIENT_CLOSED', 'ERR_CLIENT_CLOSED']);
    // A server that comes up now gets no connection from it.
    const server = createServer({ port });
    await server.listen();
    try {
      await new Promise((resolve) => setTimeout(resolve, 1200));
      // CLIENT LIST lists the asking connection alone.
      const list = await rawExchange(port, [['CLIENT', 'LIST']]);
      expect(list.match(/id=/g)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('without a signal, or before it aborts, waits for the replies as always', async () => {
    const server = await new ControlledServer().start();
    try {
      const client = createClient(`127.0.0.1:${server.port}`);
      const written = code(client.get('a'));
      await until(() => server.pending === 1);
      let closed = false;
      const closing = client.close({ signal: AbortSignal.timeout(10_000) }).then(() => {
        closed = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(false);
      server.reply(1, '$1\r\nx\r\n');
      await closing;
      expect(await written).toBe('resolved');
    } finally {
      await server.stop();
    }
  });

  it('a second close on the last handle brings its own deadline', async () => {
    const server = await new ControlledServer().start();
    try {
      const client = createClient(`127.0.0.1:${server.port}`);
      const written = code(client.get('a'));
      await until(() => server.pending === 1);
      const graceful = client.close();
      await client.close({ signal: AbortSignal.timeout(50) });
      await graceful;
      expect(await written).toBe('ERR_CONNECTION_LOST');
    } finally {
      await server.stop();
    }
  });

  it('a pool passes it to every connection', async () => {
    const server = await new ControlledServer().start();
    try {
      const pool = createPool(`127.0.0.1:${server.port}`, { size: 2 });
      const written = [code(pool.client().get('a')), code(pool.client().get('b'))];
      await until(() => server.pending === 2);
      await pool.close({ signal: AbortSignal.timeout(100) });
      expect(await Promise.all(written)).toEqual(['ERR_CONNECTION_LOST', 'ERR_CONNECTION_LOST']);
    } finally {
      await server.stop();
    }
  });
});
