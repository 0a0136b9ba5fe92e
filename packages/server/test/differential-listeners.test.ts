// CONFIG SET port and bind against a real redis-server: the listeners
// move while connections already made stay; a port or an address that
// cannot be listened on gives Redis's error and leaves every setting of
// the batch, and the listeners, as they were; port 0 and a bind of no
// address listen on no TCP port; inside MULTI the move still happens, and
// two moves in one EXEC leave only the last port listening.
// Each server gets the same commands with ports of its own.
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { freePort } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { hasRedis, RawClient, type RealRedis, startRealRedis, startServer } from './helpers.js';

// Whether a new connection to `port` is answered.
async function reachable(port: number): Promise<boolean> {
  let client: RawClient;
  try {
    client = await RawClient.connect(port);
  } catch {
    return false;
  }
  try {
    client.send([['PING']]);
    return (await client.read(1)) === '+PONG\r\n';
  } finally {
    client.close();
  }
}

// One server's side: its admin connection, and ports named in commands.
interface Side {
  readonly client: RawClient;
  readonly ports: Record<string, number>;
}

describe.skipIf(!hasRedis())('differential: CONFIG SET port and bind', () => {
  let ours: { server: Server; port: number };
  let redis: RealRedis;
  // A port another listener holds.
  let taken: NetServer;
  let takenPort: number;
  const sides: Side[] = [];

  beforeAll(async () => {
    [ours, redis] = await Promise.all([startServer(), startRealRedis()]);
    takenPort = await freePort();
    taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(takenPort, '127.0.0.1', resolve));
    for (const port of [ours.port, redis.port]) {
      const names = ['next', 'after', 'inMulti', 'unused'];
      const ports: Record<string, number> = { start: port, taken: takenPort };
      for (const name of names) ports[name] = await freePort();
      sides.push({ client: await RawClient.connect(port), ports });
    }
  });

  afterAll(async () => {
    for (const side of sides) side.client.close();
    taken.close();
    await Promise.all([ours?.server.close(), redis?.stop()]);
  });

  // Sends `command` ({name} for a port of each side's own) on both admin
  // connections; the replies must agree, ports written as their names.
  async function both(...command: string[]): Promise<string> {
    const replies = await Promise.all(
      sides.map(async ({ client, ports }) => {
        client.send([
          command.map((word) => word.replace(/\{(\w+)\}/g, (_, n) => String(ports[n]))),
        ]);
        let reply = await client.read(1);
        for (const [name, port] of Object.entries(ports))
          reply = reply.replaceAll(`\r\n${port}\r\n`, `\r\n{${name}}\r\n`);
        return reply;
      }),
    );
    expect(replies[0], command.join(' ')).toBe(replies[1]);
    return replies[0]!;
  }

  // Whether each side answers on its port `name`: the same for both.
  async function answersOn(name: string): Promise<boolean> {
    const [mine, theirs] = await Promise.all(sides.map(({ ports }) => reachable(ports[name]!)));
    expect([name, mine]).toEqual([name, theirs]);
    return mine!;
  }

  it('refuses a port or address it cannot listen on, keeping the batch and the listeners as they were', async () => {
    expect(await both('CONFIG', 'SET', 'port', '{taken}')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs.\r\n",
    );
    expect(await both('CONFIG', 'SET', 'maxmemory-samples', '9', 'bind', '192.0.2.1')).toBe(
      "-ERR CONFIG SET failed (possibly related to argument 'bind') - Failed to bind to specified addresses.\r\n",
    );
    await both('CONFIG', 'GET', 'port');
    expect(await both('CONFIG', 'GET', 'bind')).toContain('\r\n127.0.0.1\r\n');
    expect(await both('CONFIG', 'GET', 'maxmemory-samples')).toContain('\r\n5\r\n');
    expect(await answersOn('start')).toBe(true);
    await both('CONFIG', 'SET', 'bind', Array(17).fill('127.0.0.1').join(' '));
    await both('CONFIG', 'SET', 'port', '{next}', 'maxmemory-policy', 'nope');
    expect(await both('CONFIG', 'GET', 'port')).toContain('{start}');
  });

  it('moves to a new port and addresses, keeping the connections it has', async () => {
    expect(await both('CONFIG', 'SET', 'bind', '127.0.0.1 -192.0.2.1', 'port', '{next}')).toBe(
      '+OK\r\n',
    );
    expect(await both('CONFIG', 'GET', 'bind')).toContain('\r\n127.0.0.1 -192.0.2.1\r\n');
    expect(await both('CONFIG', 'GET', 'port')).toContain('{next}');
    expect(await answersOn('next')).toBe(true);
    expect(await answersOn('start')).toBe(false);
    expect(await both('PING')).toBe('+PONG\r\n');
    for (const { client, ports } of sides) {
      client.send([['INFO', 'server']]);
      expect(await client.read(1)).toContain(`\r\ntcp_port:${ports.next}\r\n`);
    }
  });

  it('listens on no TCP port with port 0 or a bind of no address, and again when set back', async () => {
    expect(await both('CONFIG', 'SET', 'port', '0')).toBe('+OK\r\n');
    expect(await both('CONFIG', 'GET', 'port')).toContain('\r\n0\r\n');
    expect(await answersOn('next')).toBe(false);
    expect(await both('CONFIG', 'SET', 'port', '{after}')).toBe('+OK\r\n');
    expect(await answersOn('after')).toBe(true);
    expect(await both('CONFIG', 'SET', 'bind', '')).toBe('+OK\r\n');
    expect(await both('CONFIG', 'GET', 'bind')).toContain('\r\n\r\n');
    expect(await answersOn('after')).toBe(false);
    expect(await both('CONFIG', 'SET', 'bind', '127.0.0.1')).toBe('+OK\r\n');
    expect(await answersOn('after')).toBe(true);
  });

  it('moves inside MULTI too, twice in one EXEC to the last port', async () => {
    await both('MULTI');
    await both('CONFIG', 'SET', 'port', '{unused}');
    await both('CONFIG', 'SET', 'port', '{inMulti}');
    expect(await both('EXEC')).toBe('*2\r\n+OK\r\n+OK\r\n');
    // Ours moves after EXEC has answered: a moment later.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await answersOn('inMulti')).toBe(true);
    expect(await answersOn('unused')).toBe(false);
    expect(await answersOn('after')).toBe(false);
  });
});
