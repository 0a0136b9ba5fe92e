// Client eviction (maxmemory-clients) against a real redis-server, in the
// scenarios of Redis's own client-eviction suite: CONFIG GET and SET with
// their errors, byte for byte; a connection closed for a large argument,
// a large incomplete command, a large transaction, many watched keys or
// subscriptions, a subscriber's unread messages, or unread invalidations
// redirected to it (pushed during another connection's command), while the others
// keep being served and the closed one's command never runs; CLIENT
// NO-EVICT; a lower bound closing connections at once, only as many as
// it takes, largest first; and INFO's evicted_clients.
import { afterEach, describe, expect, it } from 'vitest';
import { compareEach, hasRedis, RawClient, useDifferentialServers } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LIMIT = 3_000_000;

describe.skipIf(!hasRedis())('differential: client eviction (maxmemory-clients)', () => {
  const ports = useDifferentialServers();
  const opened: RawClient[] = [];

  async function open(port: number, name?: string): Promise<RawClient> {
    const client = await RawClient.connect(port);
    opened.push(client);
    if (name !== undefined) {
      client.send([['CLIENT', 'SETNAME', name]]);
      await client.read(1);
    }
    return client;
  }

  // Sends `commands` from `client` and returns their replies.
  async function call(client: RawClient, ...commands: string[][]): Promise<string> {
    client.send(commands);
    return client.read(commands.length);
  }

  async function clientField(admin: RawClient, name: string, field: string): Promise<number> {
    const list = await call(admin, ['CLIENT', 'LIST']);
    const line = list.split('\n').find((entry) => entry.includes(` name=${name} `));
    if (line === undefined) return -1;
    return Number(new RegExp(` ${field}=(\\d+)`).exec(line)![1]);
  }

  async function namedCount(admin: RawClient, prefix: string): Promise<number> {
    const list = await call(admin, ['CLIENT', 'LIST']);
    return list.split('\n').filter((line) => line.includes(` name=${prefix}`)).length;
  }

  // Runs `scenario` against each server, from a connection that is never
  // evicted, with maxmemory-clients at `limit`; returns what each saw, and
  // how many connections each evicted (INFO's evicted_clients).
  async function onBoth<T>(
    limit: number,
    scenario: (port: number, admin: RawClient) => Promise<T>,
  ): Promise<{ result: T; evicted: string }[]> {
    const outcomes: { result: T; evicted: string }[] = [];
    for (const port of [ports.redis, ports.ours]) {
      const admin = await open(port, 'admin');
      await call(admin, ['CLIENT', 'NO-EVICT', 'ON'], ['FLUSHALL'], ['CONFIG', 'RESETSTAT']);
      await call(admin, ['CONFIG', 'SET', 'maxmemory-clients', String(limit)]);
      const result = await scenario(port, admin);
      const evicted = /evicted_clients:(\d+)/.exec(await call(admin, ['INFO', 'stats']))![1]!;
      outcomes.push({ result, evicted });
    }
    return outcomes;
  }

  afterEach(async () => {
    for (const client of opened.splice(0)) client.close();
    for (const port of [ports.redis, ports.ours]) {
      const admin = await RawClient.connect(port);
      await call(admin, ['CONFIG', 'SET', 'maxmemory-clients', '0'], ['FLUSHALL']);
      admin.close();
    }
    await sleep(50);
  });

  it('CONFIG GET and SET: memory values and percentages, with the errors', async () => {
    const commands: string[][] = [['CONFIG', 'GET', 'maxmemory-clients']];
    for (const value of [
      '10%',
      '150%',
      '0%',
      '-1',
      '-1%',
      '1kb',
      'abc',
      '1.5%',
      '05%',
      '100%',
      '101%',
      '5kb%',
      ' 5%',
      '5%%',
      '1K',
      '',
      '99999999999999999999%',
      '0b',
      '4mb',
    ]) {
      commands.push(['CONFIG', 'SET', 'maxmemory-clients', value]);
      commands.push(['CONFIG', 'GET', 'maxmemory-clients']);
    }
    commands.push(['CONFIG', 'SET', 'maxmemory-clients', '0']);
    await compareEach(ports, commands, { reset: [['CONFIG', 'SET', 'maxmemory-clients', '0']] });
  });

  it('closes a connection whose argument passes the bound, before its command runs', async () => {
    const [expected, actual] = await onBoth(LIMIT, async (port, admin) => {
      const client = await open(port);
      const small = await call(client, ['MSET', 'k', 'v', 'k2', 'v'.repeat(1_000_000)]);
      client.send([['MSET', 'k', 'changed', 'k2', 'v'.repeat(LIMIT)]]);
      const closed = await client.waitClosed(5000);
      return { small, closed, k: await call(admin, ['GET', 'k']) };
    });
    expect(actual).toEqual(expected);
    expect(expected).toEqual({
      result: { small: '+OK\r\n', closed: true, k: '$1\r\nv\r\n' },
      evicted: '1',
    });
  });

  it('closes a connection whose incomplete command holds more than the bound', async () => {
    const [expected, actual] = await onBoth(LIMIT, async (port) => {
      const client = await open(port);
      client.write(`*1\r\n$${LIMIT}\r\n${'v'.repeat(LIMIT)}`);
      return client.waitClosed(5000);
    });
    expect(actual).toEqual(expected);
    expect(expected).toEqual({ result: true, evicted: '1' });
  });

  it('closes a connection whose transaction passes the bound', async () => {
    const [expected, actual] = await onBoth(LIMIT, async (port) => {
      const client = await open(port);
      const quarter = 'v'.repeat(LIMIT / 4);
      const under = await call(
        client,
        ['MULTI'],
        ['SET', 'k', quarter],
        ['SET', 'k', quarter],
        ['EXEC'],
      );
      client.send([['MULTI'], ...Array.from({ length: 5 }, () => ['SET', 'k', quarter])]);
      return { under: under.slice(-14), closed: await client.waitClosed(5000) };
    });
    expect(actual).toEqual(expected);
    expect(expected).toEqual({
      result: { under: '*2\r\n+OK\r\n+OK\r\n', closed: true },
      evicted: '1',
    });
  });

  it('counts watched keys and subscriptions', async () => {
    const [expected, actual] = await onBoth(200_000, async (port) => {
      const outcomes: boolean[] = [];
      for (const command of ['WATCH', 'PSUBSCRIBE', 'SUBSCRIBE']) {
        const client = await open(port);
        for (let i = 0; i < 20_000 && !client.closed; i += 100) {
          // A hundred at a time, each with its own reply.
          client.send(Array.from({ length: 100 }, (_, j) => [command, `${command}:${i + j}`]));
          await client.read(100).catch(() => '');
        }
        outcomes.push(client.closed);
      }
      return outcomes;
    });
    expect(actual).toEqual(expected);
    expect(expected).toEqual({ result: [true, true, true], evicted: '3' });
  });

  it('closes a subscriber whose unread messages pass the bound, before the pubsub output limit', async () => {
    const [expected, actual] = await onBoth(LIMIT, async (port, admin) => {
      const subscriber = await open(port, 'subscriber');
      await call(subscriber, ['SUBSCRIBE', 'news']);
      subscriber.pause();
      const message = 'm'.repeat(100_000);
      let published = 0;
      // The kernel's buffers fill first; then the server's output grows.
      while (published < 400 && (await clientField(admin, 'subscriber', 'tot-mem')) >= 0) {
        await call(admin, ...Array.from({ length: 10 }, () => ['PUBLISH', 'news', message]));
        published += 10;
      }
      return { gone: (await clientField(admin, 'subscriber', 'tot-mem')) === -1 };
    });
    expect(actual).toEqual(expected);
    expect(expected).toEqual({ result: { gone: true }, evicted: '1' });
  });

  it('closes a connection that does not read the invalidations redirected to it', async () => {
    const [expected, actual] = await onBoth(LIMIT, async (port, admin) => {
      const redirected = await open(port, 'redirected');
      const id = (await call(redirected, ['CLIENT', 'ID'])).slice(1, -2);
      await call(redirected, ['SUBSCRIBE', '__redis__:invalidate']);
      redirected.pause();
      const client = await open(port);
      // A long key, so that each invalidation is 10 KB; a script changes
      // it without sending it each time.
      const key = 'k'.repeat(10 * 1024);
      await call(client, ['CLIENT', 'TRACKING', 'ON', 'REDIRECT', id, 'BCAST']);
      const sha = (await call(client, ['SCRIPT', 'LOAD', `redis.call('incr', '${key}')`])).split(
        '\r\n',
      )[1]!;
      let highest = 0;
      for (let i = 0; i < 2000; i++) {
        const memory = await clientField(admin, 'redirected', 'tot-mem');
        if (memory === -1) break;
        highest = Math.max(highest, memory);
        await call(client, ['EVALSHA', sha, '0']);
      }
      // Gone, and never seen over the bound.
      return {
        gone: (await clientField(admin, 'redirected', 'tot-mem')) === -1,
        under: highest < LIMIT,
      };
    });
    expect(actual).toEqual(expected);
    expect(expected).toEqual({ result: { gone: true, under: true }, evicted: '1' });
  });

  it('never closes a connection that said CLIENT NO-EVICT ON', async () => {
    const [expected, actual] = await onBoth(LIMIT, async (port, admin) => {
      const outcomes: Record<string, boolean> = {};
      for (const setting of ['ON', 'OFF']) {
        const client = await open(port, `client-${setting}`);
        await call(client, ['CLIENT', 'NO-EVICT', setting]);
        client.write(`*1\r\n$${LIMIT + 1}\r\n${'v'.repeat(LIMIT + 1)}`);
        const closed = await client.waitClosed(1000);
        outcomes[setting] = closed;
        if (!closed) {
          // Still held: over the bound, and shown so.
          outcomes.over = (await clientField(admin, `client-${setting}`, 'tot-mem')) > LIMIT;
          client.close();
          await sleep(50);
        }
      }
      return outcomes;
    });
    expect(actual).toEqual(expected);
    expect(expected).toEqual({ result: { ON: false, over: true, OFF: true }, evicted: '1' });
  });

  it('applies a lower bound at once, only as far as it takes, largest first', async () => {
    const [expected, actual] = await onBoth(0, async (port, admin) => {
      const outcomes: number[][] = [];
      // Three clients each of three sizes, each held as an incomplete
      // command; each size at least twice the one before.
      const sizes = [100_000, 1_000_000, 3_000_000];
      const measured: number[] = [];
      for (const [i, size] of sizes.entries()) {
        for (let j = 0; j < 3; j++) {
          const client = await open(port, `size${i}-${j}`);
          client.write(`*2\r\n$${size}\r\n${'v'.repeat(size)}`);
        }
        let memory = 0;
        for (let tries = 0; tries < 100 && memory < size; tries++) {
          await sleep(20);
          memory = await clientField(admin, `size${i}-2`, 'tot-mem');
        }
        measured.push(memory);
      }
      let total = 3 * measured.reduce((sum, memory) => sum + memory, 0);
      total += await clientField(admin, 'admin', 'tot-mem');
      // Each step leaves room for all but the largest size left.
      for (const memory of [...measured].reverse()) {
        total -= 3 * memory;
        await call(admin, ['CONFIG', 'SET', 'maxmemory-clients', String(total)]);
        await sleep(50);
        const counts: number[] = [];
        for (let i = 0; i < sizes.length; i++) counts.push(await namedCount(admin, `size${i}-`));
        outcomes.push(counts);
      }
      return outcomes;
    });
    expect(actual).toEqual(expected);
    expect(expected).toEqual({
      result: [
        [3, 3, 0],
        [3, 0, 0],
        [0, 0, 0],
      ],
      evicted: '9',
    });
  });
});
