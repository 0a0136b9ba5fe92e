// Relative paths in a config file, against a real redis-server 7.0.15.
// redis-server moves into each `dir` as it reads the line, so a later
// relative `dir` or `include` is found from there, and the files it opens
// once started (aclfile, logfile, pidfile, the Unix socket, the RDB file)
// are in the last `dir`. mini-redis-server never changes its working
// directory, and finds them in the same places.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ServerProcess } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareEach, hasRedis, RawClient } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/mini-redis-server.js', import.meta.url));

interface Started {
  readonly process: ServerProcess;
  // Where every relative path should land: <root>/<kind>/a/b.
  readonly inner: string;
}

describe.skipIf(!hasRedis())('differential: relative paths in a config file', () => {
  let root: string;
  const servers: Started[] = [];
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'relative-paths-'));
    for (const kind of ['ours', 'redis'] as const) {
      const outer = join(root, kind, 'a');
      const inner = join(outer, 'b');
      mkdirSync(inner, { recursive: true });
      // Decoys where a path read from the working directory, or from the
      // first `dir`, would find them.
      writeFileSync(join(outer, 'more.conf'), 'maxmemory-samples 3\n');
      writeFileSync(join(inner, 'more.conf'), 'maxmemory-samples 9\n');
      writeFileSync(
        join(inner, 'users.acl'),
        'user default on nopass ~* +@all\nuser zed on >pw +@all ~*\n',
      );
      const file = join(root, kind, 'server.conf');
      writeFileSync(
        file,
        [
          `dir ${outer}`,
          'dir b',
          'include more.conf',
          'aclfile users.acl',
          'logfile log.txt',
          'pidfile server.pid',
          'unixsocket server.sock',
          'dbfilename data.rdb',
          'save ""',
          'bind 127.0.0.1',
          '',
        ].join('\n'),
      );
      const started = await ServerProcess.start((port) =>
        kind === 'ours'
          ? [process.execPath, [bin, file, '--port', String(port)]]
          : ['redis-server', [file, '--port', String(port), '--daemonize', 'no']],
      );
      servers.push({ process: started, inner });
    }
  }, 30_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.process.stop()));
    rmSync(root, { recursive: true, force: true });
  });

  it('reads and writes every file in the last dir, as redis-server does', async () => {
    const [ours, redis] = servers as [Started, Started];
    await compareEach({ ours: ours.process.port, redis: redis.process.port }, [
      ['CONFIG', 'GET', 'maxmemory-samples'],
      ['ACL', 'USERS'],
      // As given, and read and written in the dir by ACL SAVE and LOAD.
      ['CONFIG', 'GET', 'aclfile'],
      ['ACL', 'SETUSER', 'amy', 'on', '>pw'],
      ['ACL', 'SAVE'],
      ['ACL', 'DELUSER', 'amy'],
      ['ACL', 'LOAD'],
      ['ACL', 'USERS'],
      ['SET', 'k', 'v'],
      ['SAVE'],
    ]);
    const client = await RawClient.connect(ours.process.port);
    client.send([['CONFIG', 'GET', 'dir']]);
    expect(await client.read(1)).toBe(
      `*2\r\n$3\r\ndir\r\n$${Buffer.byteLength(ours.inner)}\r\n${ours.inner}\r\n`,
    );
    client.close();
    for (const server of [ours, redis])
      for (const name of ['log.txt', 'server.pid', 'server.sock', 'data.rdb'])
        expect(existsSync(join(server.inner, name)), `${server.inner}/${name}`).toBe(true);
  });
});
