// maxmemory on our server (key-eviction.ts): what it counts (the keys as
// MEMORY USAGE sizes them plus the databases' tables, exactly), noeviction's
// OOM and its end when keys go, each eviction policy choosing the keys
// its name says (with maxmemory-samples high enough that the sampling
// cannot miss), the evicted notifications and counter, eviction going on
// between commands at tenacity 0, a lower limit set by CONFIG SET, and
// the createServer options. The replies Redis gives for the same states
// are compared in differential-key-eviction.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../src/index.js';
import { RawClient, startServer } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One command's reply, as text: a simple string or error line without its
// type byte, an integer, a bulk string's bytes, or null for a null.
async function call(client: RawClient, ...command: string[]): Promise<string | number | null> {
  client.send([command]);
  const raw = await client.read(1);
  const type = raw[0];
  const line = raw.slice(1, raw.indexOf('\r\n'));
  if (type === ':') return Number(line);
  if (type === '$') return line === '-1' ? null : raw.slice(raw.indexOf('\r\n') + 2, -2);
  if (type === '+' || type === '-') return line;
  return raw;
}

async function infoField(client: RawClient, name: string): Promise<number> {
  const info = String(await call(client, 'INFO', 'everything'));
  const match = new RegExp(`\\r\\n${name}:(\\d+)\\r\\n`).exec(info);
  if (match === null) throw new Error(`no ${name} in INFO`);
  return Number(match[1]);
}

// The bytes maxmemory counts, as INFO tells them: used_memory less
// mem_not_counted_for_evict, read from the same INFO.
async function counted(client: RawClient): Promise<number> {
  const info = String(await call(client, 'INFO', 'memory'));
  const field = (name: string) => Number(new RegExp(`\\r\\n${name}:(\\d+)\\r\\n`).exec(info)![1]);
  return field('used_memory') - field('mem_not_counted_for_evict');
}

function tableSlots(count: number): number {
  let slots = 4;
  while (slots < count) slots *= 2;
  return slots;
}

const VALUE = 'x'.repeat(100);

describe('maxmemory', () => {
  let server: Server;
  let port: number;
  let client: RawClient;
  const warnings: string[] = [];

  beforeAll(async () => {
    ({ server, port } = await startServer({ onWarning: (message) => warnings.push(message) }));
    client = await RawClient.connect(port);
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  async function reset(policy: string, samples = 64): Promise<void> {
    await call(client, 'CONFIG', 'SET', 'maxmemory', '0');
    await call(client, 'FLUSHALL');
    await call(client, 'CONFIG', 'RESETSTAT');
    await call(client, 'CONFIG', 'SET', 'maxmemory-policy', policy);
    await call(client, 'CONFIG', 'SET', 'maxmemory-samples', String(samples));
    await call(client, 'CONFIG', 'SET', 'maxmemory-eviction-tenacity', '10');
    // A limit far above the data, so that it is counted from the start.
    await call(client, 'CONFIG', 'SET', 'maxmemory', '10gb');
  }

  async function fill(prefix: string, count: number, ...extra: string[]): Promise<void> {
    client.send(Array.from({ length: count }, (_, i) => ['SET', `${prefix}${i}`, VALUE, ...extra]));
    await client.read(count);
  }

  it('counts each key as MEMORY USAGE sizes it, and the tables, exactly', async () => {
    await reset('noeviction');
    await fill('k', 10);
    await call(client, 'SET', 'ttl', 'v', 'EX', '1000');
    await call(client, 'HSET', 'h', 'f', 'v', 'g', 'w');
    await call(client, 'RPUSH', 'l', 'a', 'b', 'c');
    await call(client, 'CONFIG', 'SET', 'maxmemory', '1gb');
    const sizes = new Map<string, number>();
    for (const key of [...Array.from({ length: 10 }, (_, i) => `k${i}`), 'ttl', 'h', 'l'])
      sizes.set(key, Number(await call(client, 'MEMORY', 'USAGE', key)));
    let expected = [...sizes.values()].reduce((sum, size) => sum + size, 0);
    // Thirteen keys (16 slots), one deadline (4 slots and its entry).
    expected += 8 * tableSlots(13) + 8 * 4 + 24;
    expect(await counted(client)).toBe(expected);
    // A change to a key is measured again: APPEND grows k0's value.
    const before = Number(await call(client, 'MEMORY', 'USAGE', 'k0'));
    await call(client, 'APPEND', 'k0', 'y'.repeat(1000));
    const after = Number(await call(client, 'MEMORY', 'USAGE', 'k0'));
    expect(after).toBeGreaterThan(before + 1000);
    expected += after - before;
    expect(await counted(client)).toBe(expected);
    // A deleted key is taken off (11 keys still take 16 slots).
    await call(client, 'DEL', 'h', 'l');
    expect(await counted(client)).toBe(expected - sizes.get('h')! - sizes.get('l')!);
    // Without a limit nothing is counted.
    await call(client, 'CONFIG', 'SET', 'maxmemory', '0');
    expect(await infoField(client, 'mem_not_counted_for_evict')).toBe(0);
  });

  it('refuses writes with OOM under noeviction, serves reads, and writes again once keys go', async () => {
    await reset('noeviction');
    await fill('k', 20);
    const limit = await counted(client);
    await call(client, 'CONFIG', 'SET', 'maxmemory', String(limit));
    // At the limit, not over it: one more write passes, and takes it over.
    expect(await call(client, 'SET', 'one-more', VALUE)).toBe('OK');
    expect(await call(client, 'SET', 'refused', VALUE)).toBe(
      "OOM command not allowed when used memory > 'maxmemory'.",
    );
    expect(await call(client, 'RPUSH', 'list', 'a')).toBe(
      "OOM command not allowed when used memory > 'maxmemory'.",
    );
    expect(await call(client, 'GET', 'k1')).toBe(VALUE);
    expect(await call(client, 'EXISTS', 'refused', 'list')).toBe(0);
    // DEL may always run; with two keys gone the data fits again.
    expect(await call(client, 'DEL', 'k1', 'k2')).toBe(2);
    expect(await call(client, 'SET', 'again', VALUE)).toBe('OK');
    expect(await infoField(client, 'evicted_keys')).toBe(0);
    expect(await call(client, 'DBSIZE')).toBe(20);
  });

  it('evicts any keys under allkeys-random, counting and notifying each', async () => {
    await reset('allkeys-random');
    await call(client, 'CONFIG', 'SET', 'notify-keyspace-events', 'Ee');
    const subscriber = await RawClient.connect(port);
    try {
      subscriber.send([['PSUBSCRIBE', '__keyevent@*__:evicted']]);
      await subscriber.read(1);
      await fill('seed', 10);
      const limit = (await counted(client)) * 5;
      await call(client, 'CONFIG', 'SET', 'maxmemory', String(limit));
      await fill('k', 200);
      // Checked before each command: the data is over the limit by at most
      // the last SET's key.
      const size = Number(await call(client, 'MEMORY', 'USAGE', 'k199'));
      expect(await counted(client)).toBeLessThanOrEqual(limit + size);
      const keys = Number(await call(client, 'DBSIZE'));
      const evicted = await infoField(client, 'evicted_keys');
      expect(evicted).toBeGreaterThan(100);
      expect(keys + evicted).toBe(210);
      let messages = '';
      while ((messages.match(/pmessage/g) ?? []).length < evicted)
        messages += await subscriber.read(1);
      expect((messages.match(/\$7\r\nevicted\r\n/g) ?? []).length).toBe(0);
      expect((messages.match(/__keyevent@0__:evicted/g) ?? []).length).toBe(evicted);
    } finally {
      subscriber.close();
      await call(client, 'CONFIG', 'SET', 'notify-keyspace-events', '');
    }
  });

  it('tells a transaction watching an evicted key, and a connection tracking it', async () => {
    await reset('allkeys-random');
    await fill('k', 20);
    const watcher = await RawClient.connect(port);
    const tracker = await RawClient.connect(port);
    try {
      tracker.send([
        ['HELLO', '3'],
        ['CLIENT', 'TRACKING', 'ON'],
        ['GET', 'k0'],
      ]);
      await tracker.read(3);
      watcher.send([['WATCH', 'k0']]);
      await watcher.read(1);
      // A limit under one key: every key goes (within a round or two).
      await call(client, 'CONFIG', 'SET', 'maxmemory', '1');
      const deadline = Date.now() + 5000;
      while (Number(await call(client, 'DBSIZE')) > 0 && Date.now() < deadline) await sleep(5);
      expect(await call(client, 'DBSIZE')).toBe(0);
      watcher.send([['MULTI'], ['GET', 'k0'], ['EXEC']]);
      expect(await watcher.read(3)).toBe('+OK\r\n+QUEUED\r\n*-1\r\n');
      expect(await tracker.read(1)).toBe('>2\r\n$10\r\ninvalidate\r\n*1\r\n$2\r\nk0\r\n');
    } finally {
      watcher.close();
      tracker.close();
    }
  });

  it('evicts the least recently used under allkeys-lru', async () => {
    await reset('allkeys-lru');
    await fill('cold', 150);
    await fill('hot', 50);
    await sleep(20);
    // The hot keys are used after every cold one was written.
    client.send(Array.from({ length: 50 }, (_, i) => ['GET', `hot${i}`]));
    await client.read(50);
    const limit = Math.floor((await counted(client)) * 0.55);
    await call(client, 'CONFIG', 'SET', 'maxmemory', String(limit));
    await call(client, 'PING');
    for (let i = 0; i < 50; i++) expect(await call(client, 'EXISTS', `hot${i}`)).toBe(1);
    const evicted = await infoField(client, 'evicted_keys');
    expect(evicted).toBeGreaterThan(50);
    expect(await call(client, 'DBSIZE')).toBe(200 - evicted);
    expect(await counted(client)).toBeLessThanOrEqual(limit);
  });

  it('evicts the least frequently used under allkeys-lfu, and counts accesses in OBJECT FREQ', async () => {
    await reset('allkeys-lfu');
    await fill('cold', 150);
    await fill('hot', 50);
    expect(await call(client, 'OBJECT', 'FREQ', 'hot0')).toBe(5);
    client.send(Array.from({ length: 50 }, (_, i) => ['GET', `hot${i}`]));
    await client.read(50);
    // The first access from 5 always counts; later ones ever less often.
    expect(await call(client, 'OBJECT', 'FREQ', 'hot0')).toBe(6);
    expect(await call(client, 'OBJECT', 'FREQ', 'cold0')).toBe(5);
    const limit = Math.floor((await counted(client)) * 0.55);
    await call(client, 'CONFIG', 'SET', 'maxmemory', String(limit));
    await call(client, 'PING');
    for (let i = 0; i < 50; i++) expect(await call(client, 'EXISTS', `hot${i}`)).toBe(1);
    expect(await infoField(client, 'evicted_keys')).toBeGreaterThan(50);
  });

  it('evicts only keys with a deadline under volatile policies, nearest first under volatile-ttl', async () => {
    await reset('volatile-ttl');
    await fill('keep', 50);
    client.send(
      Array.from({ length: 100 }, (_, i) => ['SET', `ttl${i}`, VALUE, 'EX', String(1000 + i)]),
    );
    await client.read(100);
    const limit = Math.floor((await counted(client)) * 0.7);
    await call(client, 'CONFIG', 'SET', 'maxmemory', String(limit));
    await call(client, 'PING');
    const evicted = await infoField(client, 'evicted_keys');
    expect(evicted).toBeGreaterThan(20);
    expect(evicted).toBeLessThan(100);
    for (let i = 0; i < 50; i++) expect(await call(client, 'EXISTS', `keep${i}`)).toBe(1);
    // The latest deadlines are the last to go.
    expect(await call(client, 'EXISTS', 'ttl99')).toBe(1);
    expect(await call(client, 'EXISTS', 'ttl0')).toBe(0);
    // With no key with a deadline left to evict: OOM.
    await call(client, 'CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru');
    await call(client, 'CONFIG', 'SET', 'maxmemory', '1');
    // Evicting every key with a deadline may take more than one round.
    const deadline = Date.now() + 5000;
    while (Number(await call(client, 'DBSIZE')) > 50 && Date.now() < deadline) await sleep(5);
    expect(await call(client, 'SET', 'more', 'v')).toBe(
      "OOM command not allowed when used memory > 'maxmemory'.",
    );
    expect(await call(client, 'DBSIZE')).toBe(50);
  });

  it('goes on evicting between commands when a round runs out of time (tenacity 0)', async () => {
    await reset('allkeys-random');
    await fill('k', 2000);
    await call(client, 'CONFIG', 'SET', 'maxmemory-eviction-tenacity', '0');
    warnings.length = 0;
    const limit = Math.floor((await counted(client)) / 10);
    expect(await call(client, 'CONFIG', 'SET', 'maxmemory', String(limit))).toBe('OK');
    expect(warnings[0]).toMatch(
      /^WARNING: the new maxmemory value set via CONFIG SET \(\d+\) is smaller than the current memory usage \(\d+\)\./,
    );
    // Each round evicts 16 keys, then yields: commands are served meanwhile,
    // not refused, and the rounds go on until the data fits.
    const deadline = Date.now() + 5000;
    while ((await counted(client)) > limit && Date.now() < deadline) await sleep(5);
    expect(await counted(client)).toBeLessThanOrEqual(limit);
    expect(await call(client, 'DBSIZE')).toBe(2000 - (await infoField(client, 'evicted_keys')));
    expect(await call(client, 'SET', 'k0', VALUE)).toBe('OK');
  });

  it('evicts in every database, and keeps LFU counters only under an LFU policy', async () => {
    await reset('allkeys-random');
    await call(client, 'SELECT', '3');
    await fill('db3-', 100);
    await call(client, 'SELECT', '0');
    await fill('db0-', 100);
    await call(
      client,
      'CONFIG',
      'SET',
      'maxmemory',
      String(Math.floor((await counted(client)) / 4)),
    );
    await call(client, 'PING');
    const db0 = Number(await call(client, 'DBSIZE'));
    await call(client, 'SELECT', '3');
    const db3 = Number(await call(client, 'DBSIZE'));
    await call(client, 'SELECT', '0');
    // One key from each database in turn.
    expect(Math.abs(db0 - db3)).toBeLessThanOrEqual(1);
    expect(db0 + db3).toBe(200 - (await infoField(client, 'evicted_keys')));
    expect(await call(client, 'OBJECT', 'FREQ', 'missing')).toBeNull();
    expect(await call(client, 'SET', 'k', 'v')).toBe('OK');
    expect(await call(client, 'OBJECT', 'FREQ', 'k')).toMatch(
      /^ERR An LFU maxmemory policy is not selected/,
    );
  });

  it("saves each key's LFU counter or idle time with it, as the policy says, and loads it back", async () => {
    const { server: debuggable, port: debugPort } = await startServer({
      enableDebugCommand: 'yes',
    });
    const other = await RawClient.connect(debugPort);
    try {
      await call(other, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
      await call(other, 'SET', 'f', 'v');
      const payload = await (async () => {
        other.send([['DUMP', 'f']]);
        const raw = await other.read(1);
        const body = raw.indexOf('\r\n') + 2;
        return Buffer.from(raw.slice(body, -2), 'latin1');
      })();
      other.send([['RESTORE', 'r', '0', payload, 'FREQ', '100']]);
      expect(await other.read(1)).toBe('+OK\r\n');
      expect(await call(other, 'DEBUG', 'RELOAD')).toBe('OK');
      expect(await call(other, 'OBJECT', 'FREQ', 'r')).toBe(100);
      // 5 when set, and DUMP's read was its first access.
      expect(await call(other, 'OBJECT', 'FREQ', 'f')).toBe(6);
      await call(other, 'CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru');
      other.send([['RESTORE', 'idle', '0', payload, 'IDLETIME', '1000']]);
      expect(await other.read(1)).toBe('+OK\r\n');
      expect(await call(other, 'DEBUG', 'RELOAD')).toBe('OK');
      const idle = Number(await call(other, 'OBJECT', 'IDLETIME', 'idle'));
      expect(idle).toBeGreaterThanOrEqual(1000);
      expect(idle).toBeLessThanOrEqual(1001);
      // Under a policy that is neither, nothing is saved: a load is an access.
      await call(other, 'CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
      expect(await call(other, 'DEBUG', 'RELOAD')).toBe('OK');
      expect(await call(other, 'OBJECT', 'IDLETIME', 'idle')).toBe(0);
    } finally {
      other.close();
      await debuggable.close();
    }
  });

  it('makes a maxmemory-clients percentage a share of maxmemory, applied when either changes', async () => {
    await reset('noeviction');
    await call(client, 'CONFIG', 'SET', 'maxmemory', '0');
    await call(client, 'CONFIG', 'SET', 'maxmemory-clients', '10%');
    const big = await RawClient.connect(port);
    try {
      // An argument announced at 300,000 bytes: no bound while maxmemory is 0.
      big.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$300000\r\nxyz');
      await sleep(50);
      expect(big.closed).toBe(false);
      // 10% of 2 MiB is 209,715 bytes: the connection is over it at once.
      await call(client, 'CONFIG', 'SET', 'maxmemory', '2mb');
      expect(await big.waitClosed()).toBe(true);
      expect(await infoField(client, 'evicted_clients')).toBe(1);
    } finally {
      big.close();
      await call(client, 'CONFIG', 'SET', 'maxmemory-clients', '0');
    }
  });

  it('takes maxmemory and maxmemory-policy as createServer options', async () => {
    const { server: limited, port: limitedPort } = await startServer({
      maxmemory: 100 * 1024 * 1024,
      maxmemoryPolicy: 'allkeys-lfu',
    });
    const other = await RawClient.connect(limitedPort);
    try {
      other.send([['CONFIG', 'GET', 'maxmemory*']]);
      const reply = await other.read(1);
      expect(reply).toContain('$9\r\nmaxmemory\r\n$9\r\n104857600\r\n');
      expect(reply).toContain('$16\r\nmaxmemory-policy\r\n$11\r\nallkeys-lfu\r\n');
      expect(await call(other, 'SET', 'k', 'v')).toBe('OK');
      expect(await call(other, 'OBJECT', 'FREQ', 'k')).toBe(5);
    } finally {
      other.close();
      await limited.close();
    }
    await expect(startServer({ maxmemoryPolicy: 'lru' as never })).rejects.toThrow(
      'Expected `maxmemoryPolicy` to be one of volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction, got "lru"',
    );
  });
});
