// Every layer of the client over a Unix socket (a path, or a unix: URL
// with credentials and a database), against @mini-redis/server and a real
// redis-server listening on one: the server sees the socket (CLIENT INFO's
// `path:0` address and `U` flag), and the actor reconnects there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ClientError,
  Connection,
  connect,
  createClient,
  createMonitor,
  createPool,
  createSubscriber,
} from '../src/index.js';
import { targets } from './targets.js';

const dir = mkdtempSync(join(tmpdir(), 'mini-redis-client-unix-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

// The fields of CLIENT INFO that say how the client came in.
function transport(info: string): string {
  return `${/addr=\S+ laddr=\S+/.exec(info)![0]} ${/flags=\S+/.exec(info)![0]}`;
}

for (const target of targets) {
  describe.skipIf(!target.enabled)(`over a Unix socket, against ${target.name}`, () => {
    it('the actor, with credentials and a database in a unix: URL, and its reconnect', async () => {
      const path = join(dir, `a${++counter}.sock`);
      const server = await target.start('pw', path);
      try {
        await using client = createClient(`unix://:pw@${path}?db=3`, { name: 'through-socket' });
        expect(await client.set('unix:key', 'value')).toBe('OK');
        const info = await client.clientInfo();
        expect(transport(info)).toBe(`addr=${path}:0 laddr=${path}:0 flags=U`);
        expect(info).toContain(' db=3 ');
        expect(info).toContain(' name=through-socket ');
        // Killed by another connection: the actor comes back over the
        // socket, to the same database and name.
        using killer = await connect(`unix://:pw@${path}`);
        const before = await client.clientId();
        expect(await killer.command(['CLIENT', 'KILL', 'ID', String(before)])).toBe(1);
        await expect.poll(() => client.ping().catch(() => 'lost'), { timeout: 5000 }).toBe('PONG');
        expect(await client.clientId()).not.toBe(before);
        expect(await client.get('unix:key')).toBe('value');
        expect(await client.clientGetname()).toBe('through-socket');
      } finally {
        await server.stop();
      }
    });

    it('the direct client, the subscriber, the monitor, the pool and Connection, by path', async () => {
      const path = join(dir, `b${++counter}.sock`);
      const server = await target.start(undefined, path);
      try {
        using direct = await connect(path);
        expect(transport((await direct.command(['CLIENT', 'INFO'])) as string)).toBe(
          `addr=${path}:0 laddr=${path}:0 flags=U`,
        );
        using subscriber = createSubscriber(path);
        await subscriber.subscribe('socket-news');
        await using monitor = await createMonitor(path);
        expect(await direct.publish('socket-news', 'hello')).toBe(1);
        expect(await subscriber.nextMessage()).toEqual({
          channel: 'socket-news',
          message: 'hello',
        });
        expect(await monitor.next()).toMatchObject({
          source: `unix:${path}`,
          args: ['PUBLISH', 'socket-news', 'hello'],
        });
        await using pool = createPool(path, { size: 2 });
        expect(await pool.client().set('pooled', '1')).toBe('OK');
        await using lease = await pool.lease();
        expect(await lease.client.get('pooled')).toBe('1');
        const connection = await Connection.open(path);
        try {
          await connection.writeCommand(['PING', 'raw']);
          expect(await connection.readFrame()).toEqual({ type: 'bulk', value: Buffer.from('raw') });
        } finally {
          connection.close();
        }
      } finally {
        await server.stop();
      }
    });
  });
}

describe('a Unix socket nobody listens on', () => {
  it('fails with ERR_NOT_CONNECTED, naming the path', async () => {
    const path = join(dir, 'nobody.sock');
    const error = await connect(path).catch((caught: unknown) => caught);
    expect(ClientError.is(error) && error.code).toBe('ERR_NOT_CONNECTED');
    expect((error as Error).message).toBe(`Could not connect to ${path}: connect ENOENT ${path}`);
    await using client = createClient(`unix://${path}`, { reconnect: false });
    await expect(client.ping()).rejects.toMatchObject({
      code: 'ERR_NOT_CONNECTED',
      message: expect.stringContaining(`Could not connect to ${path}`),
    });
  });
});
