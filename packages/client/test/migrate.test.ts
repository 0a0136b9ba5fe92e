// MIGRATE through the typed method, from @mini-redis/server and from a
// real redis-server (over RESP3 and RESP2), each to a second server of
// its kind that asks for a password: one key and several (KEYS), COPY,
// REPLACE, AUTH as a password and as a user and password, NOKEY, the
// target's errors (BUSYKEY, WRONGPASS) and an unreachable target's IOERR.
import { freePort } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type RedisClient } from '../src/index.js';
import { targets, useTargetClient } from './targets.js';

describe.each(targets)('MIGRATE from $name', (target) => {
  const clientOf = useTargetClient(target);
  let destination: { address: string; stop(): Promise<void> } | undefined;
  let there: RedisClient | undefined;
  let port = 0;
  beforeAll(async () => {
    if (!target.enabled) return;
    destination = await target.start('pw');
    port = Number(destination.address.split(':')[1]);
    there = createClient(`redis://default:pw@${destination.address}`);
  });
  afterAll(async () => {
    await there?.close();
    await destination?.stop();
  });

  it.skipIf(!target.enabled)('moves keys, and keeps them with COPY', async () => {
    const client = clientOf();
    await client.flushall();
    await there!.flushall();
    await client.set('a', '1', { PX: 50_000 });
    await client.hset('h', { f: 'v' });
    await client.rpush('l', ['x', 'y']);
    expect(await client.migrate('127.0.0.1', port, 'a', 0, 1000, { AUTH: 'pw' })).toBe('OK');
    expect(await client.exists('a')).toBe(0);
    expect(await there!.get('a')).toBe('1');
    expect(await there!.pttl('a')).toBeGreaterThan(40_000);
    const auth2 = { AUTH: { username: 'default', password: 'pw' }, COPY: true };
    expect(await client.migrate('127.0.0.1', port, ['h', 'missing', 'l'], 0, 0, auth2)).toBe('OK');
    expect(await client.exists(['h', 'l'])).toBe(2);
    expect(await there!.hgetall('h')).toEqual({ f: 'v' });
    expect(await there!.lrange('l', 0, -1)).toEqual(['x', 'y']);
    expect(await client.migrate('127.0.0.1', port, ['missing'], 0, 1000)).toBe('NOKEY');
  });

  it.skipIf(!target.enabled)('rejects with the target error and with IOERR', async () => {
    const client = clientOf();
    await client.flushall();
    await there!.flushall();
    await client.set('k', 'here');
    await there!.set('k', 'there');
    await expect(client.migrate('127.0.0.1', port, 'k', 0, 1000, { AUTH: 'pw' })).rejects.toThrow(
      'ERR Target instance replied with error: BUSYKEY Target key name already exists.',
    );
    // (No NOAUTH without AUTH now: the source's cached connection to the
    // target stays logged in, as Redis's does.)
    expect(await client.migrate('127.0.0.1', port, 'missing', 0, 1000)).toBe('NOKEY');
    await expect(client.migrate('127.0.0.1', port, 'k', 0, 1000, { AUTH: 'no' })).rejects.toThrow(
      'ERR Target instance replied with error: WRONGPASS invalid username-password pair or user is disabled.',
    );
    const replaced = { AUTH: 'pw', REPLACE: true };
    expect(await client.migrate('127.0.0.1', port, 'k', 0, 1000, replaced)).toBe('OK');
    expect(await there!.get('k')).toBe('here');
    await client.set('k', 'again');
    await expect(client.migrate('127.0.0.1', await freePort(), 'k', 0, 1000)).rejects.toThrow(
      'IOERR error or timeout writing to target instance',
    );
    expect(await client.get('k')).toBe('again');
  });
});
