// INFO persistence against a real redis-server, both saving into a
// directory of their own: Redis 7.0's fields, in its order, and the same
// values through saves and loads (rdb_saves, the last background save's
// time, the keys the last load read and those it left out as expired),
// masking only the clock (a save's whole seconds too), the change count
// (Redis counts changed elements, this server write commands) and the
// fork's copy-on-write size (this server does not fork).
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

// INFO persistence with the clock, the change count and the fork's figures masked.
function masked(reply: string): string {
  return (
    reply
      .replace(/\$\d+\r\n/, '')
      .replace(/rdb_last_save_time:\d+/, 'rdb_last_save_time:<time>')
      .replace(/rdb_changes_since_last_save:\d+/, 'rdb_changes_since_last_save:<n>')
      // The fork's copy-on-write: there is no fork here (0).
      .replace(/rdb_last_cow_size:\d+/, 'rdb_last_cow_size:<bytes>')
      // Whole seconds of the clock: a save may straddle one (-1 stays).
      .replace(/rdb_last_bgsave_time_sec:\d+/, 'rdb_last_bgsave_time_sec:<s>')
  );
}

describe.skipIf(!enabled)('differential: INFO persistence', () => {
  let root: string;
  let ours: { server: Server; port: number } | undefined;
  let redis: RealRedis | undefined;
  const ports = {
    get ours() {
      return ours!.port;
    },
    get redis() {
      return redis!.port;
    },
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mini-redis-persistence-info-'));
    mkdirSync(join(root, 'ours'));
    mkdirSync(join(root, 'redis'));
    ours = await startServer({ dir: join(root, 'ours'), save: '', enableDebugCommand: 'yes' });
    redis = await startRealRedis(['--dir', join(root, 'redis'), '--enable-debug-command', 'yes']);
  });

  afterAll(async () => {
    await ours?.server.close().catch(() => {});
    await redis?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  // BGSAVE on both, then waits until neither is saving.
  async function backgroundSave(): Promise<void> {
    await Promise.all(
      [ports.redis, ports.ours].map(async (port) => {
        const client = await RawClient.connect(port);
        try {
          client.send([['BGSAVE']]);
          await client.read(1);
          for (;;) {
            client.send([['INFO', 'persistence']]);
            if ((await client.read(1)).includes('rdb_bgsave_in_progress:0')) return;
            await sleep(20);
          }
        } finally {
          client.close();
        }
      }),
    );
  }

  it("has Redis 7.0's fields, and the same values through saves and loads", async () => {
    const info = [['INFO', 'persistence']] as const;
    await compareEach(ports, info, { normalize: masked });
    await compareEach(ports, [['SET', 'a', '1'], ['SET', 'b', '2', 'PX', '300'], ['SAVE']]);
    await compareEach(ports, info, { normalize: masked });
    await backgroundSave();
    await compareEach(ports, info, { normalize: masked });
    // b was saved alive; by the load it has expired, and is left out.
    await sleep(400);
    await compareEach(ports, [['DEBUG', 'RELOAD', 'NOSAVE'], ['DBSIZE']]);
    await compareEach(ports, info, { normalize: masked });
    const [theirs] = await Promise.all([RawClient.connect(ports.redis)]);
    theirs.send([['INFO', 'persistence']]);
    const reply = await theirs.read(1);
    theirs.close();
    expect(reply).toContain('rdb_saves:2\r\n');
    expect(reply).toContain('rdb_last_load_keys_expired:1\r\nrdb_last_load_keys_loaded:1\r\n');
  });
});
