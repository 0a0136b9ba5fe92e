// MONITOR over real connections to our server: the exact line a monitor
// reads (timestamp and client address included, which the differential
// test masks), and the bound on a monitor that does not read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { RawClient, startServer } from './helpers.js';

describe('MONITOR', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    ({ server, port } = await startServer({
      pubsubCapacity: 64,
      pubsubOutputLimit: 4 * 1024 * 1024,
    }));
  });
  afterAll(() => server.close());

  it('writes each command as Redis does: the time in microseconds, the database and the client address', async () => {
    const monitor = await RawClient.connect(port);
    const other = await RawClient.connect(port);
    try {
      monitor.send([['MONITOR']]);
      expect(await monitor.read(1)).toBe('+OK\r\n');
      other.send([['CLIENT', 'INFO']]);
      const address = /addr=(\S+)/.exec(await other.read(1))![1]!;
      expect(await monitor.read(1)).toMatch(/^\+\d+\.\d{6} \[0 [^\]]+\] "CLIENT" "INFO"\r\n$/);
      const before = Date.now() * 1000;
      other.send([
        ['SELECT', '2'],
        ['SET', 'key', 'caf\u00e9\t\u0000'],
      ]);
      await other.read(2);
      const after = Date.now() * 1000;
      const text = await monitor.read(2);
      const match =
        /^\+(\d+)\.(\d{6}) \[2 ([^\]]+)\] "SELECT" "2"\r\n\+(\d+)\.(\d{6}) \[2 [^\]]+\] "SET" "key" "caf\\xc3\\xa9\\t\\x00"\r\n$/.exec(
          text,
        );
      expect(match, text).not.toBeNull();
      expect(match![3]).toBe(address);
      const micros = Number(match![4]) * 1_000_000 + Number(match![5]);
      expect(micros).toBeGreaterThanOrEqual(before - 1000);
      expect(micros).toBeLessThanOrEqual(after + 1000);
    } finally {
      monitor.close();
      other.close();
    }
  });

  it('disconnects a monitor that stops reading, and keeps serving everyone else', async () => {
    const monitor = await RawClient.connect(port);
    const watcher = await RawClient.connect(port);
    const other = await RawClient.connect(port);
    try {
      monitor.send([['MONITOR']]);
      watcher.send([['MONITOR']]);
      await monitor.read(1);
      await watcher.read(1);
      monitor.pause();
      // 600 lines of 40 KiB (under a client's 64 KiB line limit): 24 MB,
      // past what the sockets buffer for a peer that does not read, and
      // far past the server's 4 MiB output limit for the monitor.
      const value = 'v'.repeat(40 * 1024);
      for (let i = 0; i < 600; i++) {
        other.send([['SET', `k${i}`, value]]);
        expect(await other.read(1)).toBe('+OK\r\n');
        // The watcher reads its feed; it must not be dropped with the other.
        await watcher.read(1);
      }
      // The server let the monitor go at once, not when it reads again:
      // only the watcher is left monitoring (CLIENT LIST is not shown to it).
      let monitors = 0;
      for (let attempt = 0; attempt < 100; attempt++) {
        other.send([['CLIENT', 'LIST']]);
        monitors = (await other.read(1)).split(' flags=O').length - 1;
        if (monitors === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(monitors).toBe(1);
      // It dropped the lines past the limit: reading again, the monitor
      // gets far less than the 24 MB, then the close.
      monitor.resume();
      expect(await monitor.waitClosed()).toBe(true);
      expect(monitor.drain().length).toBeLessThan(12 * 1024 * 1024);
      other.send([['DBSIZE']]);
      expect(await other.read(1)).toBe(':600\r\n');
      expect(await watcher.read(1)).toMatch(/^\+\d+\.\d{6} \[0 [^\]]+\] "DBSIZE"\r\n$/);
      expect(watcher.closed).toBe(false);
      watcher.send([['PING']]);
      expect(await watcher.read(2)).toMatch(/^\+PONG\r\n\+\d+\.\d{6} \[0 [^\]]+\] "PING"\r\n$/);
    } finally {
      monitor.close();
      watcher.close();
      other.close();
    }
  });
});
