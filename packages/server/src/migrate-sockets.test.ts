// MIGRATE's connection cache: a connection is reused while in use, closed
// and forgotten 10 seconds after its last use (fake timers; the sockets
// are real), kept when the target closed it until it is used (its
// exchange then fails at writing) and dropped, and none is made once the
// cache is closed.
import { createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { MigrateSockets, MigrateTarget } from './migrate-sockets.js';

async function listen(): Promise<{ server: Server; port: number; accepted: Socket[] }> {
  const accepted: Socket[] = [];
  const server = createServer((socket) => {
    accepted.push(socket);
    // Answers every line it gets with +OK, as a target's RESTORE.
    socket.on('data', (chunk) => {
      for (const line of chunk.toString('latin1').split('\r\n'))
        if (line.startsWith('*')) socket.write('+OK\r\n');
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, accepted };
}

describe('MigrateSockets', () => {
  it('reuses a connection, and closes it 10 seconds after its last use', async () => {
    const { server, port, accepted } = await listen();
    const sockets = new MigrateSockets();
    // Only the timers: the sockets' I/O stays real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const target = (await sockets.get('t', '127.0.0.1', port, 1000)) as MigrateTarget;
      expect(target).toBeInstanceOf(MigrateTarget);
      const ping = Buffer.from('*1\r\n$4\r\nPING\r\n');
      expect(await target.exchange(ping, 1, 1000)).toEqual({
        replies: ['OK'],
        failed: null,
        timedOut: false,
      });
      expect(await sockets.get('t', '127.0.0.1', port, 1000)).toBe(target);
      vi.advanceTimersByTime(9_999);
      // A use starts the 10 seconds again.
      await target.exchange(ping, 1, 1000);
      vi.advanceTimersByTime(9_999);
      expect(target.closed).toBe(false);
      expect(sockets.size).toBe(1);
      vi.advanceTimersByTime(2);
      expect(target.closed).toBe(true);
      expect(sockets.size).toBe(0);
    } finally {
      vi.useRealTimers();
      sockets.closeAll();
      server.close();
      for (const socket of accepted) socket.destroy();
    }
  });

  it('keeps a connection the target closed until it is used and dropped, and makes none once closed', async () => {
    const { server, port, accepted } = await listen();
    const sockets = new MigrateSockets();
    try {
      const first = (await sockets.get('t', '127.0.0.1', port, 1000)) as MigrateTarget;
      await vi.waitFor(() => expect(accepted).toHaveLength(1));
      accepted[0]!.destroy();
      await vi.waitFor(() => expect(first.closed).toBe(true));
      // Still cached and counted, as in Redis, until it is used: then its
      // exchange fails at writing, and the caller drops it.
      expect(sockets.size).toBe(1);
      expect(await sockets.get('t', '127.0.0.1', port, 1000)).toBe(first);
      const failed = await first.exchange(Buffer.from('*1\r\n$4\r\nPING\r\n'), 1, 1000);
      expect(failed).toEqual({ replies: [], failed: 'writing', timedOut: false });
      sockets.drop('t');
      expect(sockets.size).toBe(0);
      const second = await sockets.get('t', '127.0.0.1', port, 1000);
      expect(second).toBeInstanceOf(MigrateTarget);
      expect(second).not.toBe(first);
      expect(sockets.size).toBe(1);
      sockets.closeAll();
      expect(sockets.size).toBe(0);
      expect((second as MigrateTarget).closed).toBe(true);
      expect(await sockets.get('t', '127.0.0.1', port, 1000)).toBe('unreachable');
    } finally {
      server.close();
      for (const socket of accepted) socket.destroy();
    }
  });

  it('tells a refused connect from a name that does not resolve', async () => {
    const sockets = new MigrateSockets();
    const { server, port } = await listen();
    await new Promise((resolve) => server.close(resolve));
    expect(await sockets.get('a', '127.0.0.1', port, 1000)).toBe('refused');
    expect(await sockets.get('b', '127.0.0.1', 0, 1000)).toBe('refused');
    expect(await sockets.get('c', '127.0.0.1', 70000, 1000)).toBe('refused');
    expect(await sockets.get('d', '127.0.0.1', -5, 1000)).toBe('unreachable');
    expect(await sockets.get('e', 'nosuchhost.invalid', 6379, 1000)).toBe('unreachable');
    expect(sockets.size).toBe(0);
  });
});
