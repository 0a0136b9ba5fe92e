// CLIENT PAUSE (and WAIT, which blocks the same way) on our server alone: the end by its deadline, what one
// read's worth of pipelined commands does when held (all kept, all run in
// order), a held connection that closes or is killed, and a server that
// closes while paused. The reply bytes are checked against Redis in
// differential-pause.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { RawClient, startServer } from './helpers.js';

let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function started(): Promise<number> {
  const { server: created, port } = await startServer();
  server = created;
  return port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// What `client` received within `ms`.
async function quietFor(client: RawClient, ms: number): Promise<string> {
  await sleep(ms);
  return client.drain();
}

describe('CLIENT PAUSE', () => {
  it('ends at its deadline without an UNPAUSE', async () => {
    const port = await started();
    const admin = await RawClient.connect(port);
    const writer = await RawClient.connect(port);
    try {
      admin.send([['CLIENT', 'PAUSE', '200', 'WRITE']]);
      expect(await admin.read(1)).toBe('+OK\r\n');
      const started = Date.now();
      writer.send([['SET', 'k', 'v']]);
      expect(await writer.read(1, 3000)).toBe('+OK\r\n');
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(150);
      expect(waited).toBeLessThan(2000);
    } finally {
      admin.close();
      writer.close();
    }
  });

  it('keeps a whole pipeline behind the held command and runs it in order', async () => {
    const port = await started();
    const admin = await RawClient.connect(port);
    const writer = await RawClient.connect(port);
    try {
      admin.send([['CLIENT', 'PAUSE', '100000', 'WRITE']]);
      await admin.read(1);
      // Writes and reads interleaved, each read seeing the write before it.
      const pipeline: string[][] = [];
      for (let i = 0; i < 2000; i++) pipeline.push(['SET', 'n', String(i)], ['GET', 'n']);
      writer.send(pipeline);
      await sleep(100);
      expect(writer.drain()).toBe('');
      admin.send([['INFO', 'clients']]);
      expect(await admin.read(1)).toContain('blocked_clients:1');
      admin.send([['CLIENT', 'UNPAUSE']]);
      await admin.read(1);
      const replies = await writer.read(4000, 5000);
      let expected = '';
      for (let i = 0; i < 2000; i++) expected += `+OK\r\n$${String(i).length}\r\n${i}\r\n`;
      expect(replies).toBe(expected);
    } finally {
      admin.close();
      writer.close();
    }
  });

  it('holds the rest again when a kept command starts a new pause', async () => {
    const port = await started();
    const admin = await RawClient.connect(port);
    const client = await RawClient.connect(port);
    try {
      admin.send([['CLIENT', 'PAUSE', '100000', 'WRITE']]);
      await admin.read(1);
      client.send([
        ['SET', 'a', '1'],
        ['CLIENT', 'PAUSE', '100000', 'WRITE'],
        ['SET', 'b', '2'],
        ['GET', 'b'],
      ]);
      await sleep(50);
      admin.send([['CLIENT', 'UNPAUSE']]);
      await admin.read(1);
      // SET a and the new pause ran; SET b is held by it, and GET b behind it.
      expect(await client.read(2)).toBe('+OK\r\n+OK\r\n');
      expect(await quietFor(client, 100)).toBe('');
      admin.send([
        ['INFO', 'clients'],
        ['CLIENT', 'UNPAUSE'],
      ]);
      expect(await admin.read(2)).toContain('blocked_clients:1');
      expect(await client.read(2)).toBe('+OK\r\n$1\r\n2\r\n');
    } finally {
      admin.close();
      client.close();
    }
  });

  it('forgets a held connection that closes or is killed', async () => {
    const port = await started();
    const admin = await RawClient.connect(port);
    const leaving = await RawClient.connect(port);
    const killed = await RawClient.connect(port);
    try {
      admin.send([
        ['CLIENT', 'PAUSE', '100000', 'WRITE'],
        ['CLIENT', 'ID'],
      ]);
      await admin.read(2);
      leaving.send([['SET', 'a', '1']]);
      killed.send([
        ['CLIENT', 'ID'],
        ['SET', 'b', '1'],
      ]);
      const id = /:(\d+)/.exec(await killed.read(1))![1]!;
      await sleep(50);
      admin.send([['INFO', 'clients']]);
      expect(await admin.read(1)).toContain('blocked_clients:2');
      leaving.close();
      admin.send([['CLIENT', 'KILL', 'ID', id]]);
      expect(await admin.read(1)).toBe(':1\r\n');
      await sleep(50);
      admin.send([
        ['INFO', 'clients'],
        ['CLIENT', 'UNPAUSE'],
        ['EXISTS', 'a', 'b'],
      ]);
      const replies = await admin.read(3);
      expect(replies).toContain('blocked_clients:0');
      // Neither held write ran.
      expect(replies.endsWith('+OK\r\n:0\r\n')).toBe(true);
    } finally {
      admin.close();
      killed.close();
    }
  });

  it('closes a held connection that sends past the query buffer limit', async () => {
    const { server: created, port } = await startServer({ maxQueryBuffer: 4096 });
    server = created;
    const admin = await RawClient.connect(port);
    const flood = await RawClient.connect(port);
    try {
      admin.send([['CLIENT', 'PAUSE', '100000', 'WRITE']]);
      await admin.read(1);
      const value = 'x'.repeat(100);
      flood.send(Array.from({ length: 100 }, (_, i) => ['SET', `k${i}`, value]));
      expect(await flood.waitClosed()).toBe(true);
      expect(flood.drain()).toBe('');
      admin.send([
        ['INFO', 'clients'],
        ['CLIENT', 'UNPAUSE'],
        ['EXISTS', 'k0', 'k99'],
      ]);
      const replies = await admin.read(3);
      expect(replies).toContain('blocked_clients:0');
      expect(replies.endsWith('+OK\r\n:0\r\n')).toBe(true);
    } finally {
      admin.close();
      flood.close();
    }
  });

  it('spares a held client the idle timeout, as Redis spares blocked clients', async () => {
    const { server: created, port } = await startServer({ timeout: 1 });
    server = created;
    const admin = await RawClient.connect(port);
    const held = await RawClient.connect(port);
    try {
      admin.send([['CLIENT', 'PAUSE', '100000', 'WRITE']]);
      await admin.read(1);
      held.send([['SET', 'k', 'v']]);
      // Past the timeout: the idle admin is closed, the held client is not.
      expect(await admin.waitClosed(4000)).toBe(true);
      expect(held.closed).toBe(false);
      const late = await RawClient.connect(port);
      late.send([['CLIENT', 'UNPAUSE']]);
      expect(await late.read(1)).toBe('+OK\r\n');
      expect(await held.read(1)).toBe('+OK\r\n');
      late.close();
    } finally {
      admin.close();
      held.close();
    }
  });

  it('WAIT for a replica with no timeout blocks until the connection ends', async () => {
    const port = await started();
    const admin = await RawClient.connect(port);
    const waiting = await RawClient.connect(port);
    const killed = await RawClient.connect(port);
    try {
      waiting.send([['WAIT', '1', '0'], ['PING']]);
      killed.send([
        ['CLIENT', 'ID'],
        ['WAIT', '2', '0'],
      ]);
      const id = /:(\d+)/.exec(await killed.read(1))![1]!;
      await sleep(100);
      expect(waiting.drain()).toBe('');
      admin.send([['INFO', 'clients']]);
      expect(await admin.read(1)).toContain('blocked_clients:2');
      waiting.close();
      admin.send([['CLIENT', 'KILL', 'ID', id]]);
      expect(await admin.read(1)).toBe(':1\r\n');
      expect(await killed.waitClosed()).toBe(true);
      await sleep(50);
      admin.send([['INFO', 'clients']]);
      expect(await admin.read(1)).toContain('blocked_clients:0');
    } finally {
      admin.close();
      killed.close();
    }
  });

  it('CLIENT UNBLOCK leaves a client whose command the pause holds (0)', async () => {
    const port = await started();
    const admin = await RawClient.connect(port);
    const held = await RawClient.connect(port);
    try {
      held.send([['CLIENT', 'ID']]);
      const id = /:(\d+)/.exec(await held.read(1))![1]!;
      admin.send([['CLIENT', 'PAUSE', '100000', 'WRITE']]);
      await admin.read(1);
      held.send([['SET', 'k', 'v']]);
      await sleep(50);
      // Redis 7.0.15 crashes here (blocked.c: unknown btype); 7.2 replies 0.
      admin.send([
        ['CLIENT', 'UNBLOCK', id],
        ['CLIENT', 'UNBLOCK', id, 'ERROR'],
      ]);
      expect(await admin.read(2)).toBe(':0\r\n:0\r\n');
      expect(await quietFor(held, 50)).toBe('');
      admin.send([['CLIENT', 'UNPAUSE']]);
      await admin.read(1);
      expect(await held.read(1)).toBe('+OK\r\n');
    } finally {
      admin.close();
      held.close();
    }
  });

  it('lets the server close while paused, ending the held connections', async () => {
    const port = await started();
    const admin = await RawClient.connect(port);
    const held = await RawClient.connect(port);
    try {
      admin.send([['CLIENT', 'PAUSE', '100000']]);
      await admin.read(1);
      held.send([['PING']]);
      await sleep(50);
      await server!.close();
      server = undefined;
      expect(await held.waitClosed()).toBe(true);
      expect(held.drain()).toBe('');
    } finally {
      admin.close();
      held.close();
    }
  });
});
