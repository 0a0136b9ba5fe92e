// Writes refused while snapshots fail (stop-writes-on-bgsave-error),
// against a real redis-server. Both servers save into a directory of
// their own, with a save point, and a background save is made to fail by
// a directory standing where the snapshot would be renamed to (the rename
// fails in either server). Then, with the same replies byte for byte:
// writes, PING and EXEC of a transaction that queued a write are refused
// with MISCONF, as are a script's writes and scripts that declare they may
// write; reads, no-writes scripts and PUBLISH run; the setting, and
// removing the save points, lift the refusal; and a background save or a
// SAVE that succeeds ends it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const enabled = hasRedis();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A reply's one INFO field, as `name:value`.
function infoField(reply: string, name: string): string {
  return new RegExp(`${name}:[^\\r]*`).exec(reply)?.[0] ?? `no ${name}`;
}

describe.skipIf(!enabled)('differential: stop-writes-on-bgsave-error', () => {
  let root: string;
  let ours: { server: Server; port: number } | undefined;
  let redis: RealRedis | undefined;
  const dirs = { ours: '', redis: '' };
  const ports = {
    get ours() {
      return ours!.port;
    },
    get redis() {
      return redis!.port;
    },
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mini-redis-disk-errors-'));
    dirs.ours = join(root, 'ours');
    dirs.redis = join(root, 'redis');
    mkdirSync(dirs.ours);
    mkdirSync(dirs.redis);
    ours = await startServer({ dir: dirs.ours, save: '3600 1' });
    redis = await startRealRedis(['--dir', dirs.redis, '--save', '3600 1']);
  });

  afterAll(async () => {
    await ours?.server.close().catch(() => {});
    await redis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  // Blocks (or unblocks) the rename that ends a save in both directories.
  function blockSaves(blocked: boolean): void {
    for (const dir of [dirs.ours, dirs.redis]) {
      const target = join(dir, 'dump.rdb');
      rmSync(target, { recursive: true, force: true });
      if (blocked) mkdirSync(join(target, 'in-the-way'), { recursive: true });
    }
  }

  // BGSAVE on both, and waits until neither is saving; resolves the
  // rdb_last_bgsave_status each reports then.
  async function backgroundSave(): Promise<string[]> {
    return Promise.all(
      [ports.redis, ports.ours].map(async (port) => {
        const client = await RawClient.connect(port);
        try {
          client.send([['BGSAVE']]);
          expect(await client.read(1)).toBe('+Background saving started\r\n');
          for (;;) {
            client.send([['INFO', 'persistence']]);
            const info = await client.read(1);
            if (infoField(info, 'rdb_bgsave_in_progress') === 'rdb_bgsave_in_progress:0')
              return infoField(info, 'rdb_last_bgsave_status');
            await sleep(20);
          }
        } finally {
          client.close();
        }
      }),
    );
  }

  it('refuses writes and PING with MISCONF after a failed background save, until one succeeds', async () => {
    // A transaction that queues a write while saves still work: its EXEC
    // comes after the failure.
    const early = await Promise.all([
      RawClient.connect(ports.redis),
      RawClient.connect(ports.ours),
    ]);
    try {
      for (const client of early) {
        client.send([['MULTI'], ['SET', 'queued', 'early']]);
        expect(await client.read(2)).toBe('+OK\r\n+QUEUED\r\n');
      }
      await compareEach(ports, [['FLUSHALL'], ['SET', 'a', '1'], ['PFADD', 'h', 'x']]);
      blockSaves(true);
      expect(await backgroundSave()).toEqual([
        'rdb_last_bgsave_status:err',
        'rdb_last_bgsave_status:err',
      ]);
      const [theirs, mine] = early as [RawClient, RawClient];
      theirs.send([['EXEC']]);
      mine.send([['EXEC']]);
      const exec = await theirs.read(1);
      expect(exec).toMatch(/^-EXECABORT Transaction discarded because of: MISCONF /);
      expect(await mine.read(1)).toBe(exec);
    } finally {
      for (const client of early) client.close();
    }
    await compareEach(ports, [
      ['SET', 'a', '2'],
      ['DEL', 'a'],
      ['EXPIRE', 'a', '100'],
      ['FLUSHALL'],
      ['PING'],
      ['PING', 'hello'],
      ['ECHO', 'reads run'],
      ['GET', 'a'],
      ['PFCOUNT', 'h'],
      ['PUBLISH', 'channel', 'message'],
      ['MULTI'],
      ['GET', 'a'],
      ['SET', 'a', '3'],
      ['EXEC'],
      ['MULTI'],
      ['GET', 'a'],
      ['EXEC'],
      ['EVAL', "return redis.call('set', 'a', '4')", '0'],
      ['EVAL', "return redis.pcall('set', 'a', '4')", '0'],
      ['EVAL', "return redis.call('get', 'a')", '0'],
      ['EVAL', "#!lua\nreturn redis.call('get', 'a')", '0'],
      ['EVAL', "#!lua flags=no-writes\nreturn redis.call('get', 'a')", '0'],
      ['EVAL_RO', "return redis.call('get', 'a')", '0'],
      ['FUNCTION', 'LOAD', "#!lua name=lib\nredis.register_function('f', function() return 1 end)"],
      ['FCALL', 'f', '0'],
      ['CONFIG', 'GET', 'stop-writes-on-bgsave-error'],
      ['CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'maybe'],
      // The setting lifts it, and so does having no save points.
      ['CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'no'],
      ['SET', 'a', '5'],
      ['CONFIG', 'SET', 'stop-writes-on-bgsave-error', 'YES'],
      ['CONFIG', 'GET', 'stop-writes-on-bgsave-error'],
      ['SET', 'a', '6'],
      ['CONFIG', 'SET', 'save', ''],
      ['SET', 'a', '7'],
      ['CONFIG', 'SET', 'save', '3600 1'],
      ['SET', 'a', '8'],
      ['GET', 'a'],
      // PING in a subscribed connection is refused too.
      ['SUBSCRIBE', 'news'],
      ['PING'],
    ]);
    // A background save that succeeds ends it.
    blockSaves(false);
    expect(await backgroundSave()).toEqual([
      'rdb_last_bgsave_status:ok',
      'rdb_last_bgsave_status:ok',
    ]);
    await compareEach(ports, [['SET', 'a', '9'], ['PING']]);
    // And so does a SAVE that succeeds.
    blockSaves(true);
    expect(await backgroundSave()).toEqual([
      'rdb_last_bgsave_status:err',
      'rdb_last_bgsave_status:err',
    ]);
    await compareEach(ports, [['SET', 'a', '10']]);
    blockSaves(false);
    await compareEach(ports, [['SAVE'], ['SET', 'a', '11'], ['GET', 'a']], {
      normalize: (reply) => reply,
    });
    await compareEach(ports, [['INFO', 'persistence']], {
      normalize: (reply) => infoField(reply, 'rdb_last_bgsave_status'),
    });
  });
});
