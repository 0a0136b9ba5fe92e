// MEMORY through the typed methods, against @mini-redis/server and a real
// redis-server (over RESP3 and RESP2): USAGE's figures, which both
// servers compute alike, SAMPLES, a missing key; STATS as numbers and
// per-database Maps; DOCTOR, MALLOC-STATS and PURGE. Then a server out
// of memory (maxmemory under its data, noeviction): the refused write is a
// ReplyError with code OOM, the connection goes on serving, a transaction
// that queued a refused command rejects, and a new connection's handshake
// still succeeds.
import { describe, expect, it } from 'vitest';
import { createClient, ReplyError } from '../src/index.js';
import { targets, useTargetClient } from './targets.js';

describe.each(targets)('MEMORY against $name', (target) => {
  const clientOf = useTargetClient(target);

  it.skipIf(!target.enabled)('gives the bytes a key takes, or null', async () => {
    const client = clientOf();
    await client.flushall();
    await client.set('k', 'v');
    // An 8-byte key allocation, a 24-byte table entry, and the value held
    // with its object in one 32-byte allocation.
    expect(await client.memoryUsage('k')).toBe(64);
    await client.rpush('list', ['a', 'b', 'c']);
    expect(await client.memoryUsage('list', { samples: 0 })).toBe(144);
    await client.append('grown', 'hello');
    await client.append('grown', '0123456789abcdef');
    // APPEND leaves room to grow: 48 bytes for 21.
    expect(await client.memoryUsage('grown')).toBe(96);
    expect(await client.memoryUsage('missing')).toBeNull();
    await expect(client.memoryUsage('k', { samples: -1 })).rejects.toThrow('ERR syntax error');
  });

  it.skipIf(!target.enabled)('reports the memory figures by name', async () => {
    const client = clientOf();
    await client.flushall();
    await client.set('a', '1');
    await client.set('b', '2');
    const stats = await client.memoryStats();
    expect(stats.get('keys.count')).toBe(2);
    expect(stats.get('total.allocated')).toBeGreaterThan(0);
    expect(stats.get('peak.allocated')).toBeGreaterThanOrEqual(
      stats.get('total.allocated') as number,
    );
    expect(typeof stats.get('dataset.percentage')).toBe('number');
    expect(Number.isNaN(stats.get('peak.percentage'))).toBe(false);
    // Two keys in a table of 4 slots: 2 * (24 + 16) + 4 * 8.
    expect(stats.get('db.0')).toEqual(
      new Map([
        ['overhead.hashtable.main', 112],
        ['overhead.hashtable.expires', 0],
        ['overhead.hashtable.slot-to-keys', 0],
      ]),
    );
    expect(await client.memoryDoctor()).toMatch(/^(Hi )?Sam/);
    expect(await client.memoryMallocStats()).toMatch(
      /^(___ Begin jemalloc statistics ___|Stats not supported for the current allocator)/,
    );
    expect(await client.memoryPurge()).toBe('OK');
  });

  it.skipIf(!target.enabled)('surfaces OOM as a reply error and goes on serving', async () => {
    const client = clientOf();
    await client.flushall();
    await client.set('k', 'v');
    await client.command(['CONFIG', 'SET', 'maxmemory', '1']);
    try {
      const refused = await client.set('a', '1').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ReplyError);
      expect((refused as ReplyError).code).toBe('OOM');
      expect((refused as ReplyError).message).toBe(
        "OOM command not allowed when used memory > 'maxmemory'.",
      );
      expect(await client.get('k')).toBe('v');
      // In a transaction even a read is refused while queueing, and exec()
      // rejects with that refusal (EXEC ran nothing).
      await expect(client.multi().get('k').exec()).rejects.toThrow(
        "OOM command not allowed when used memory > 'maxmemory'.",
      );
      // A new connection's handshake (HELLO, CLIENT SETNAME) is not refused.
      // (A map over RESP3, a flat array over RESP2.)
      const setting = await client.command(['CONFIG', 'GET', 'port']);
      const port = setting instanceof Map ? setting.get('port') : (setting as string[])[1];
      const named = createClient(`127.0.0.1:${port}`, { name: 'while-out-of-memory' });
      try {
        expect(await named.ping()).toBe('PONG');
        expect(await named.command(['CLIENT', 'GETNAME'])).toBe('while-out-of-memory');
      } finally {
        await named.close();
      }
      expect(await client.exists(['a'])).toBe(0);
    } finally {
      await client.command(['CONFIG', 'SET', 'maxmemory', '0']);
    }
  });
});
