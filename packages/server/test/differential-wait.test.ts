// WAIT against a real redis-server without replicas: 0 at once when no
// replica is asked for or inside a transaction; otherwise 0 after the
// timeout, with the connection's later commands waiting behind it, shown
// as blocked (CLIENT LIST's `b`, INFO's blocked_clients) meanwhile; the
// argument errors; and CLIENT UNBLOCK. Reply bytes, in the order they came, must match.
import { describe, expect, it } from 'vitest';
import { hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!hasRedis())('differential: WAIT', () => {
  const ports = useDifferentialServers();

  async function run(port: number): Promise<string[]> {
    const client = await RawClient.connect(port);
    const admin = await RawClient.connect(port);
    const log: string[] = [];
    try {
      client.send([
        ['WAIT', '0', '0'],
        ['WAIT', '-1', '100'],
        ['WAIT', 'x', '0'],
        ['WAIT', '1', 'x'],
        ['WAIT', '1', '-1'],
        ['WAIT', '1'],
        ['MULTI'],
        ['WAIT', '1', '0'],
        ['EXEC'],
      ]);
      log.push(`at once ${await client.read(9)}`);
      const started = Date.now();
      client.send([['WAIT', '1', '300'], ['PING']]);
      await sleep(100);
      log.push(`waits: ${client.drain()}`);
      admin.send([
        ['CLIENT', 'LIST', 'TYPE', 'normal'],
        ['INFO', 'clients'],
      ]);
      const [list, info] = (await admin.read(2)).split('$').slice(1);
      log.push(
        `flags ${[...list!.matchAll(/flags=(\S+) .*?cmd=(\S+)/g)]
          .map((m) => `${m[1]}/${m[2]}`)
          .sort()
          .join(' ')}`,
      );
      log.push(/blocked_clients:\d+/.exec(info!)![0]);
      log.push(`then ${await client.read(2, 3000)}`);
      const waited = Date.now() - started;
      log.push(`waited at least 250 ms: ${waited >= 250}`);
      return log;
    } finally {
      client.close();
      admin.close();
    }
  }

  // CLIENT UNBLOCK of two waiting clients, one as a timeout and one as an
  // error, then the argument checks. (Not of a client CLIENT PAUSE holds:
  // Redis 7.0.15 crashes on that; client-pause.test.ts covers ours.)
  async function unblock(port: number): Promise<string[]> {
    const admin = await RawClient.connect(port);
    const first = await RawClient.connect(port);
    const second = await RawClient.connect(port);
    const log: string[] = [];
    try {
      first.send([['CLIENT', 'ID']]);
      second.send([['CLIENT', 'ID']]);
      const id1 = /:(\d+)/.exec(await first.read(1))![1]!;
      const id2 = /:(\d+)/.exec(await second.read(1))![1]!;
      first.send([['WAIT', '1', '0'], ['PING']]);
      second.send([['WAIT', '1', '0'], ['PING']]);
      await sleep(50);
      admin.send([
        ['CLIENT', 'UNBLOCK', id1],
        ['CLIENT', 'UNBLOCK', id1],
        ['CLIENT', 'UNBLOCK', id2, 'error'],
        ['CLIENT', 'UNBLOCK', '999999'],
        ['CLIENT', 'UNBLOCK', 'x'],
        ['CLIENT', 'UNBLOCK', 'x', 'BOGUS'],
        ['CLIENT', 'UNBLOCK'],
        ['CLIENT', 'UNBLOCK', '1', 'timeout', 'x'],
      ]);
      log.push(`admin ${await admin.read(8)}`);
      log.push(`first ${await first.read(2)}`, `second ${await second.read(2)}`);
      return log;
    } finally {
      admin.close();
      first.close();
      second.close();
    }
  }

  it('CLIENT UNBLOCK ends a WAIT, as a timeout or an error', async () => {
    const expected = await unblock(ports.redis);
    expect(expected).toContain('first :0\r\n+PONG\r\n');
    expect(await unblock(ports.ours)).toEqual(expected);
  });

  it('in RESP2', async () => {
    const expected = await run(ports.redis);
    expect(expected).toContain('waits: ');
    expect(expected).toContain('blocked_clients:1');
    expect(await run(ports.ours)).toEqual(expected);
  });
});
