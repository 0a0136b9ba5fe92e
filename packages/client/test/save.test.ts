// SAVE, BGSAVE and LASTSAVE through the typed methods, against a real
// redis-server and @mini-redis/server, each writing its RDB file into a
// temporary directory.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '@mini-redis/server';
import { hasRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RedisClient, ReplyError } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mini-redis-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  {
    name: 'a real redis-server',
    enabled: hasRedis(),
    async start(file: string) {
      const redis = await startRealRedis(['--dir', dir, '--dbfilename', file]);
      return { port: redis.port, stop: () => redis.stop() };
    },
  },
  {
    name: '@mini-redis/server',
    enabled: true,
    async start(file: string) {
      const server = createServer({ port: 0, dir, dbfilename: file, save: '' });
      const { port } = await server.listen();
      return { port, stop: () => server.close() };
    },
  },
])('saving against $name', ({ name, enabled, start }) => {
  const file = `${name.replace(/\W+/g, '-')}.rdb`;
  let stop: () => Promise<void> = async () => {};
  let client: RedisClient;

  beforeAll(async () => {
    if (!enabled) return;
    const started = await start(file);
    stop = started.stop;
    client = createClient(`127.0.0.1:${started.port}`);
  });

  afterAll(async () => {
    await client?.close();
    await stop();
  });

  it.skipIf(!enabled)('writes the file with SAVE and BGSAVE; LASTSAVE follows', async () => {
    await client.set('k', 'v');
    expect(await client.save()).toBe('OK');
    expect(existsSync(join(dir, file))).toBe(true);
    expect(Math.abs((await client.lastsave()) - Date.now() / 1000)).toBeLessThan(5);
    expect(await client.bgsave()).toBe('Background saving started');
    const error = await client.bgsave().catch((caught: unknown) => caught);
    // A second one while the first writes: refused, unless it has finished.
    if (error instanceof ReplyError)
      expect(error.message).toBe('ERR Background save already in progress');
    else expect(error).toBe('Background saving started');
    // SCHEDULE waits only behind an AOF rewrite: behind a BGSAVE it fails the same.
    const scheduled = await client.bgsave({ SCHEDULE: true }).catch((caught: unknown) => caught);
    if (scheduled instanceof ReplyError)
      expect(scheduled.message).toBe('ERR Background save already in progress');
    else expect(scheduled).toBe('Background saving started');
  });
});
