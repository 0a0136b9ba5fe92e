// CONFIG SET dir and dbfilename, which Redis 7.0 protects, against a real
// redis-server started with enable-protected-configs yes: a dir is taken
// relative to the one before and answered absolute, one that is missing
// or no directory gets the system's reason, a dbfilename may not be a
// path, and SAVE writes where they now say. Without the setting (no, the
// default) both refuse; a server started without a dir takes one.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import {
  compareEach,
  hasRedis,
  RawClient,
  type RealRedis,
  startRealRedis,
  startServer,
} from './helpers.js';

describe.skipIf(!hasRedis())('differential: protected configs', () => {
  let root: string;
  let ours: { server: Server; port: number };
  let redis: RealRedis;
  let refusing: { server: Server; port: number };
  let refusingRedis: RealRedis;
  const dirOf = (kind: string) => join(root, kind);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'protected-configs-'));
    for (const kind of ['ours', 'redis']) mkdirSync(join(dirOf(kind), 'sub'), { recursive: true });
    [ours, redis, refusing, refusingRedis] = await Promise.all([
      startServer({
        dir: dirOf('ours'),
        save: '',
        settings: { 'enable-protected-configs': 'yes' },
      }),
      startRealRedis(['--enable-protected-configs', 'yes', '--dir', dirOf('redis')]),
      startServer(),
      startRealRedis(),
    ]);
  });

  afterAll(async () => {
    await Promise.all([
      ours?.server.close(),
      redis?.stop(),
      refusing?.server.close(),
      refusingRedis?.stop(),
    ]);
    rmSync(root, { recursive: true, force: true });
  });

  it('moves the dir and renames the file as Redis does, and saves there', async () => {
    await compareEach(
      { ours: ours.port, redis: redis.port },
      [
        ['CONFIG', 'SET', 'dir', '/nonexistent'],
        ['CONFIG', 'SET', 'dir', '/etc/passwd'],
        ['CONFIG', 'SET', 'dir', ''],
        ['CONFIG', 'SET', 'dir', 'sub'],
        ['CONFIG', 'GET', 'dir'],
        ['CONFIG', 'SET', 'dir', '..'],
        ['CONFIG', 'GET', 'dir'],
        ['CONFIG', 'SET', 'dir', 'sub/../sub/./'],
        ['CONFIG', 'GET', 'dir'],
        ['CONFIG', 'SET', 'dbfilename', 'a/b'],
        ['CONFIG', 'SET', 'dbfilename', 'x.rdb', 'maxmemory-samples', '6'],
        ['CONFIG', 'GET', 'dbfilename'],
        ['SET', 'k', 'v'],
        ['SAVE'],
      ],
      {
        normalize: (reply) =>
          reply.replace(/\$\d+\r\n\/[^\r]*\/(ours|redis)(\/sub)?\r\n/, '<dir>$2\r\n'),
      },
    );
    for (const kind of ['ours', 'redis'])
      expect(existsSync(join(dirOf(kind), 'sub', 'x.rdb')), kind).toBe(true);
  });

  it('puts the dir back when the port of the same CONFIG SET cannot be listened on', async () => {
    const taken = createNetServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      await compareEach(
        { ours: ours.port, redis: redis.port },
        [
          ['CONFIG', 'GET', 'dir'],
          ['CONFIG', 'SET', 'dir', '..', 'port', String(port)],
          ['CONFIG', 'GET', 'dir'],
          ['PING'],
        ],
        {
          normalize: (reply) =>
            reply.replace(/\$\d+\r\n\/[^\r]*\/(ours|redis)(\/sub)?\r\n/, '<dir>$2\r\n'),
        },
      );
    } finally {
      taken.close();
    }
  });

  it('refuses both by default, as Redis does', async () => {
    await compareEach({ ours: refusing.port, redis: refusingRedis.port }, [
      ['CONFIG', 'SET', 'dir', '/tmp'],
      ['CONFIG', 'SET', 'dbfilename', 'x.rdb'],
    ]);
  });

  it('keeps its data in a dir given at runtime when it was started without one', async () => {
    const { server, port } = await startServer({
      settings: { 'enable-protected-configs': 'local' },
    });
    try {
      const client = await RawClient.connect(port);
      client.send([['SET', 'k', 'v'], ['SAVE'], ['CONFIG', 'SET', 'dir', root], ['SAVE']]);
      const replies = await client.read(4);
      expect(replies.startsWith('+OK\r\n-ERR nothing is saved')).toBe(true);
      expect(replies.endsWith('+OK\r\n+OK\r\n')).toBe(true);
      client.close();
      expect(existsSync(join(root, 'dump.rdb'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
