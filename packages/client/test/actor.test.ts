// The client actor against @mini-redis/server and against a controlled fake
// server for the failure cases.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer, type Server } from '@mini-redis/server';
import { freePort } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientError,
  connect,
  createClient,
  createPool,
  createSubscriber,
  ReplyError,
} from '../src/index.js';
import { ControlledServer, until } from './controlled-server.js';

let server: Server;
let address: string;

beforeAll(async () => {
  server = createServer({ port: 0 });
  const { port } = await server.listen();
  address = `127.0.0.1:${port}`;
});

afterAll(async () => {
  await server.close();
});

describe('createClient against @mini-redis/server', () => {
  it('matches 10,000 concurrent GET/SET replies to their callers', async () => {
    await using client = createClient(address);
    const keys = Array.from({ length: 10_000 }, (_, i) => `c:${i}`);
    expect(await Promise.all(keys.map((key, i) => client.set(key, `value-${i}`)))).toEqual(
      keys.map(() => 'OK'),
    );
    const values = await Promise.all(keys.map((key) => client.get(key)));
    values.forEach((value, i) => {
      expect(value).toBe(`value-${i}`);
    });
  });

  it('returns Buffers from the ...Buffer variants and strings elsewhere', async () => {
    await using client = createClient(address);
    await client.set('bin', Buffer.from([0, 255, 10]));
    const [buffer, text] = await Promise.all([client.getBuffer('bin'), client.get('bin')]);
    expect(buffer).toEqual(Buffer.from([0, 255, 10]));
    expect(typeof text).toBe('string');
    expect(await client.mgetBuffer(['bin', 'none'])).toEqual([Buffer.from([0, 255, 10]), null]);
  });

  it('reads large replies exactly, two clients interleaved, while they share a read buffer', async () => {
    // Replies far longer than one read (64 KiB), as strings and as Buffers,
    // from two connections whose reads alternate in the one shared buffer.
    await using first = createClient(address);
    await using second = createClient(address);
    const big = Array.from({ length: 4 }, (_, i) =>
      String.fromCharCode(97 + i).repeat(300_000 + i),
    );
    const binary = Buffer.alloc(200_000);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7) & 0xff;
    await Promise.all([
      ...big.map((value, i) => first.set(`big:${i}`, value)),
      second.set('big:binary', binary),
    ]);
    const [strings, smalls, buffers] = await Promise.all([
      Promise.all(big.map((_, i) => first.get(`big:${i}`))),
      Promise.all(Array.from({ length: 200 }, (_, i) => second.echo(`small-${i}`))),
      Promise.all(Array.from({ length: 3 }, () => second.getBuffer('big:binary'))),
    ]);
    expect(strings).toEqual(big);
    expect(smalls).toEqual(Array.from({ length: 200 }, (_, i) => `small-${i}`));
    for (const buffer of buffers) expect(buffer!.equals(binary)).toBe(true);
  });

  it('rejects error replies with ReplyError and keeps going', async () => {
    await using client = createClient(address);
    await client.set('s', 'text');
    const error = await client.incr('s').catch((e: unknown) => e);
    expect(ReplyError.is(error) && error.message).toBe(
      'ERR value is not an integer or out of range',
    );
    expect(await client.incr('counter:ok')).toBe(1);
  });

  it('refuses SUBSCRIBE and MONITOR, which need a connection of their own', async () => {
    await using client = createClient(address);
    await expect(client.command(['subscribe', 'x'])).rejects.toThrow(
      'SUBSCRIBE needs a connection of its own: use createSubscriber() or connect(address).subscribe()',
    );
    await expect(client.command(['MONITOR'])).rejects.toBeInstanceOf(TypeError);
    expect(await client.ping()).toBe('PONG');
  });

  it('opens no connection when an option is out of range', async () => {
    using observer = await connect(address);
    const connections = async () =>
      String(await observer.command(['CLIENT', 'LIST']))
        .trim()
        .split('\n').length;
    const before = await connections();
    for (const options of [
      { commandTimeout: -5 },
      { maxInFlight: 0 },
      { capacity: 0 },
      { connectTimeout: 0 },
      { reconnect: { initialDelay: -1 } },
      { reconnect: { maxAttempts: Number.NaN } },
    ])
      expect(() => createClient(address, options)).toThrow(RangeError);
    expect(() => createClient(address, { reconnect: { maxDelay: 1.5 } })).toThrow(
      'Expected `reconnect.maxDelay` to be an integer >= 0, got 1.5',
    );
    expect(() => createSubscriber(address, { reconnect: { maxAttempts: -1 } })).toThrow(
      'Expected `reconnect.maxAttempts` to be an integer >= 0, got -1',
    );
    expect(() => createSubscriber(address, { pingInterval: 1.5 })).toThrow(RangeError);
    // A connection made anyway would show up by now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await connections()).toBe(before);
  });

  it('refuses an empty command, which the server would skip without a reply, and stays in step', async () => {
    await using client = createClient(address);
    const empty = client.command([]);
    const pong = client.ping();
    await expect(empty).rejects.toThrow(
      'Expected a command as an array of at least one argument (its name), got an empty array',
    );
    expect(await pong).toBe('PONG');
    await expect(client.pipeline().get('a').command([]).exec()).rejects.toBeInstanceOf(TypeError);
    using direct = await connect(address);
    await expect(direct.command([])).rejects.toBeInstanceOf(TypeError);
    expect(await direct.ping()).toBe('PONG');
  });

  it('sends nothing of a pipeline with an invalid argument, and stays in step', async () => {
    await using client = createClient(address);
    await expect(
      client.pipeline().set('pa', '1').command(['SET', 'pb', Number.NaN]).exec(),
    ).rejects.toBeInstanceOf(TypeError);
    expect(await client.get('pa')).toBeNull();
    expect(await client.ping()).toBe('PONG');
  });

  it('runs explicit pipelines as typed tuples', async () => {
    await using client = createClient(address);
    const [ok, incremented, value, ttl] = await client
      .pipeline()
      .set('p', '1', { EX: 100 })
      .incr('p')
      .get('p')
      .ttl('p')
      .exec();
    expect([ok, incremented, value, ttl]).toEqual(['OK', 2, '2', 100]);
    await expect(client.pipeline().set('q', 'x').incr('q').exec()).rejects.toBeInstanceOf(
      ReplyError,
    );
  });

  it('keeps working on a clone after the original closes; the last close ends the connection', async () => {
    const client = createClient(address);
    await client.ping();
    const clone = client.clone();
    await client.close();
    expect(await clone.ping()).toBe('PONG');
    await expect(client.ping()).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    await clone.close();
    await expect(clone.get('x')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
  });

  it('uses exactly one connection for many concurrent callers', async () => {
    await using observer = createClient(address);
    const before = ((await observer.command(['CLIENT', 'LIST'])) as string)
      .trim()
      .split('\n').length;
    const client = createClient(address, { name: 'single-connection' });
    await Promise.all(Array.from({ length: 500 }, (_, i) => client.set(`one:${i}`, 'x')));
    const list = ((await observer.command(['CLIENT', 'LIST'])) as string).trim().split('\n');
    expect(list.length).toBe(before + 1);
    expect(list.filter((line) => line.includes('name=single-connection'))).toHaveLength(1);
    await client.close();
  });

  it('keeps commands in the order they were issued when idle-connection writes and batches mix', async () => {
    await using client = createClient(address);
    await client.del('order');
    // Commands issued one per microtask, in bursts and after pauses: some
    // find the connection idle and are written at once, others queue
    // behind them. INCR's replies say the order the server ran them in.
    const replies: Promise<number>[] = [];
    for (let i = 0; i < 600; i++) {
      replies.push(client.incr('order'));
      // 0 to 5 microtasks apart: some land while the manager is between
      // taking a batch from the channel and writing it.
      for (let turn = 0; turn < i % 6; turn++) await Promise.resolve();
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve));
      if (i % 50 === 0) await replies[i];
    }
    expect(await Promise.all(replies)).toEqual(Array.from({ length: 600 }, (_, i) => i + 1));
  });

  it('selects the database of the address and keeps it across a reconnect', async () => {
    await using client = createClient(`redis://${address}/3`);
    await client.set('db3', 'here');
    await using other = createClient(address);
    expect(await other.get('db3')).toBeNull();
    // Kill the connection from the server side; the next command reconnects.
    const list = (await other.command(['CLIENT', 'LIST'])) as string;
    const id = /id=(\d+)[^\n]*db=3/.exec(list)?.[1];
    await other.command(['CLIENT', 'KILL', 'ID', id!]);
    await until(() => true);
    let value: string | null = null;
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        value = await client.get('db3');
        break;
      } catch (error) {
        // The command in flight when the connection died: lost, as documented.
        expect(ClientError.is(error) && error.code).toBe('ERR_CONNECTION_LOST');
      }
    }
    expect(value).toBe('here');
  });
});

describe('createClient failures', () => {
  it('an abort before the command is written means it is never sent', async () => {
    const fake = await new ControlledServer().start();
    await using client = createClient(`127.0.0.1:${fake.port}`, { maxInFlight: 1 });
    const first = client.set('a', '1');
    await until(() => fake.commands.length === 1);
    const controller = new AbortController();
    const second = client.set('b', '2', { signal: controller.signal });
    controller.abort(new Error('changed my mind'));
    await expect(second).rejects.toThrow('changed my mind');
    fake.reply(1);
    expect(await first).toBe('OK');
    const third = client.set('c', '3');
    await until(() => fake.commands.length === 2);
    fake.reply(1);
    expect(await third).toBe('OK');
    expect(fake.commands.map((c) => c[1])).toEqual(['a', 'c']);
    await fake.stop();
  });

  it('holds maxInFlight when a request written on an idle connection is followed by more', async () => {
    const fake = await new ControlledServer().start();
    await using client = createClient(`127.0.0.1:${fake.port}`, { maxInFlight: 2 });
    // Two in flight fill the bound; once both are answered the manager
    // waits on the channel for up to two more.
    const warm = [client.set('w', '1'), client.set('w', '2')];
    await until(() => fake.commands.length === 2);
    fake.reply(2);
    expect(await Promise.all(warm)).toEqual(['OK', 'OK']);
    // Idle now: 'a' is written at once, and only 'b' may join it.
    const sets = ['a', 'b', 'c', 'd'].map((key) => client.set(key, '1'));
    await until(() => fake.commands.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.commands.slice(2).map((c) => c[1])).toEqual(['a', 'b']);
    fake.reply(2);
    await until(() => fake.commands.length === 6);
    fake.reply(2);
    expect(await Promise.all(sets)).toEqual(['OK', 'OK', 'OK', 'OK']);
    expect(fake.commands.slice(2).map((c) => c[1])).toEqual(['a', 'b', 'c', 'd']);
    await fake.stop();
  });

  it('an abort after the write rejects at once, and its reply is dropped in order', async () => {
    const fake = await new ControlledServer().start();
    await using client = createClient(`127.0.0.1:${fake.port}`);
    const controller = new AbortController();
    const aborted = client.get('x', { signal: controller.signal });
    const next = client.get('y');
    await until(() => fake.commands.length === 2);
    controller.abort(new Error('gone'));
    await expect(aborted).rejects.toThrow('gone');
    fake.reply(1, '$4\r\nforx\r\n');
    fake.reply(1, '$4\r\nfory\r\n');
    expect(await next).toBe('fory');
    await fake.stop();
  });

  it('a reply that is not RESP drops the connection and tells the callers in flight why', async () => {
    const fake = await new ControlledServer().start();
    await using client = createClient(`127.0.0.1:${fake.port}`);
    const first = client.get('a');
    const second = client.get('b');
    await until(() => fake.commands.length === 2);
    fake.reply(1, '?what\r\n');
    const why =
      "Connection lost before the reply (a reply could not be read: Protocol error: unknown type '?'): the command may or may not have executed";
    const lost = { status: 'rejected', reason: new ClientError('ERR_CONNECTION_LOST', why) };
    expect(await Promise.allSettled([first, second])).toEqual([lost, lost]);
    // The next connection starts in step.
    const after = client.get('c');
    await until(() => fake.commands.length === 3);
    fake.reply(1, '$5\r\nafter\r\n');
    expect(await after).toBe('after');
    expect(fake.hellos).toBe(2);
    await fake.stop();
  });

  it('times out with ERR_TIMEOUT from one timer, and later replies stay matched', async () => {
    const fake = await new ControlledServer().start();
    await using client = createClient(`127.0.0.1:${fake.port}`, { commandTimeout: 50 });
    const slow = client.get('slow');
    await expect(slow).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    const after = client.get('after', { timeout: 5000 });
    await until(() => fake.commands.length === 2);
    fake.reply(1, '$4\r\nlate\r\n');
    fake.reply(1, '$5\r\nafter\r\n');
    expect(await after).toBe('after');
    await fake.stop();
  });

  // Node's timers wait at most 2^31 - 1 ms: a longer delay fires after
  // 1 ms with a TimeoutOverflowWarning, which timed such commands out at
  // once (or re-armed the timer every millisecond for Infinity).
  it('keeps a command whose timeout is beyond what a timer can wait pending, without warnings', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const fake = await new ControlledServer().start();
      await using client = createClient(`127.0.0.1:${fake.port}`, {
        commandTimeout: 3_000_000_000,
      });
      const outcomes: unknown[] = [];
      const long = client
        .get('long')
        .then((value) => outcomes.push(value), outcomes.push.bind(outcomes));
      const never = client
        .get('never', { timeout: Number.POSITIVE_INFINITY })
        .then((value) => outcomes.push(value), outcomes.push.bind(outcomes));
      await until(() => fake.commands.length === 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(outcomes).toEqual([]);
      fake.reply(1, '$1\r\na\r\n');
      fake.reply(1, '$1\r\nb\r\n');
      await Promise.all([long, never]);
      expect(outcomes).toEqual(['a', 'b']);
      expect(warnings).toEqual([]);
      await fake.stop();
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('fails every command in flight with ERR_CONNECTION_LOST when the server dies mid-pipeline', async () => {
    const fake = await new ControlledServer().start();
    await using client = createClient(`127.0.0.1:${fake.port}`, { reconnect: false });
    const inFlight = Array.from({ length: 100 }, (_, i) =>
      client.set(`k${i}`, 'v').catch((e: unknown) => e),
    );
    await until(() => fake.commands.length === 100);
    fake.reply(10);
    fake.dropConnections();
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.slice(0, 10)).toEqual(Array(10).fill('OK'));
    for (const outcome of outcomes.slice(10)) {
      expect(ClientError.is(outcome) && outcome.code).toBe('ERR_CONNECTION_LOST');
      expect((outcome as Error).message).toContain('may or may not have executed');
    }
    // Reconnection is off: later commands fail at once, never sent.
    await expect(client.get('later')).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
    await fake.stop();
  });

  it('sends queued commands after reconnecting, and never retries one that was in flight', async () => {
    const fake = await new ControlledServer().start();
    await using client = createClient(`127.0.0.1:${fake.port}`, {
      reconnect: { initialDelay: 10, maxDelay: 20 },
    });
    const inFlight = client.set('once', '1').catch((e: unknown) => e);
    await until(() => fake.commands.length === 1);
    fake.dropConnections();
    expect(ClientError.is(await inFlight)).toBe(true);
    const queued = client.get('after-reconnect');
    await until(() => fake.commands.length === 2);
    fake.reply(1, '$2\r\nok\r\n');
    expect(await queued).toBe('ok');
    expect(fake.commands.filter((c) => c[1] === 'once')).toHaveLength(1);
    await fake.stop();
  });

  it('holds memory flat under 1,000,000 commands against a stalled server (backpressure)', async () => {
    const fake = await new ControlledServer().start();
    const client = createClient(`127.0.0.1:${fake.port}`, {
      capacity: 32,
      maxInFlight: 128,
      reconnect: false,
    });
    let started = 0;
    // 1,000 producers each trying to issue 1,000 commands, one at a time.
    const producers = Array.from({ length: 1000 }, async () => {
      started++;
      for (let i = 0; i < 1000; i++) await client.set('k', 'v');
    });
    const heapBefore = process.memoryUsage().heapUsed;
    await until(() => fake.commands.length === 128);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Exactly maxInFlight were written; 32 more wait in the channel and the
    // rest wait in send: one command per producer, nothing accumulates.
    expect(started).toBe(1000);
    expect(fake.commands.length).toBe(128);
    expect(client.load).toBe(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    fake.dropConnections();
    await Promise.allSettled(producers);
    await client.close();
    await fake.stop();
  });

  it('fails with ERR_HANDSHAKE on a wrong password and ERR_NOT_CONNECTED when nothing listens', async () => {
    const secured = createServer({ port: 0, requirepass: 'secret' });
    const { port } = await secured.listen();
    const wrong = createClient(`redis://:nope@127.0.0.1:${port}`, { reconnect: false });
    await expect(wrong.ping()).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
    await wrong.close();
    await using right = createClient(`redis://:secret@127.0.0.1:${port}`);
    expect(await right.ping()).toBe('PONG');
    await secured.close();
    const nowhere = createClient('127.0.0.1:1', { reconnect: false });
    await expect(nowhere.ping()).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
    await nowhere.close();
  });

  it('reports a connection closed during its handshake as a failed attempt, not a lost command', async () => {
    const fake = await new ControlledServer().start();
    fake.dropHandshakes = Number.POSITIVE_INFINITY;
    const client = createClient(`127.0.0.1:${fake.port}`, { reconnect: false });
    const error = await client.ping().catch((caught: unknown) => caught);
    expect(ClientError.is(error) && error.code).toBe('ERR_NOT_CONNECTED');
    expect((error as Error).message).toBe(
      `Not connected: Could not connect to 127.0.0.1:${fake.port}: the connection closed during the handshake; the command was not sent`,
    );
    await client.close();
    await fake.stop();
  });

  it("retries a pool lease's first connection as the pool's are, and never replaces it once made", async () => {
    const fake = await new ControlledServer().start();
    const pool = createPool(`127.0.0.1:${fake.port}`, {
      size: 1,
      reconnect: { initialDelay: 5, maxDelay: 10, maxAttempts: 5 },
    });
    // The routed connection first, so the cuts below are the lease's.
    await until(() => pool.client().connected);
    // The lease's first two attempts are cut during the handshake (a
    // server restarting); the third gets through.
    fake.dropHandshakes = 2;
    const lease = await pool.lease();
    const value = lease.client.get('k');
    await until(() => fake.commands.length === 1);
    fake.reply(1, '$1\r\nv\r\n');
    expect(await value).toBe('v');
    // One HELLO for the routed connection, three for the lease's.
    expect(fake.hellos).toBe(4);
    // Once connected, a drop is final for the lease.
    fake.dropConnections();
    await until(() => !lease.client.connected);
    const error = await lease.client.get('k').catch((caught: unknown) => caught);
    expect(ClientError.is(error) && error.code).toBe('ERR_NOT_CONNECTED');
    expect((error as Error).message).toBe(
      'Not connected: the leased connection was lost: release the lease and take another; the command was not sent',
    );
    await lease.release();
    await pool.close();
    await fake.stop();
  });
});

describe('createClient offline', () => {
  it('fails queued and later commands after maxAttempts, keeps trying, and works once the server is back', async () => {
    const port = await freePort();
    await using client = createClient(`127.0.0.1:${port}`, {
      reconnect: { initialDelay: 5, maxDelay: 20, maxAttempts: 2 },
    });
    const refused = `Not connected: Could not connect to 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}; the command was not sent`;
    // Queued while the two attempts run, then failed unsent.
    await expect(client.get('k')).rejects.toMatchObject({
      code: 'ERR_NOT_CONNECTED',
      message: refused,
    });
    // Offline: a later command fails at once, and nothing was sent.
    await expect(client.set('k', 'v')).rejects.toMatchObject({
      code: 'ERR_NOT_CONNECTED',
      message: refused,
    });
    expect(client.connected).toBe(false);
    // The server comes up on that port: the client finds it by itself.
    const late = createServer({ port });
    await late.listen();
    try {
      await until(() => client.connected);
      expect(await client.set('k', 'v')).toBe('OK');
      expect(await client.get('k')).toBe('v');
      // Both failed commands were never sent: one connection, one SET counted.
      expect(await client.command(['DBSIZE'])).toBe(1);
    } finally {
      await client.close();
      await late.close();
    }
  });

  it('routes pool commands past a connection that is offline while another is up', async () => {
    const fake = await new ControlledServer().start();
    // One of the two routed connections is cut during its only attempt
    // (a server at maxclients turns one away, say) and stays offline.
    fake.dropHandshakes = 1;
    await using pool = createPool(`127.0.0.1:${fake.port}`, {
      size: 2,
      reconnect: { initialDelay: 5, maxDelay: 60_000, maxAttempts: 1 },
    });
    await until(() => fake.hellos === 2 && pool.client().connected);
    const gets = Array.from({ length: 10 }, () => pool.command(['GET', 'k']));
    await until(() => fake.commands.length === 10);
    fake.reply(10, '$1\r\nv\r\n');
    expect(await Promise.all(gets)).toEqual(Array(10).fill('v'));
    await pool.close();
    await fake.stop();
  });

  it('still gives up for good when reconnection is off or the server refuses the credentials', async () => {
    const port = await freePort();
    await using off = createClient(`127.0.0.1:${port}`, { reconnect: false });
    await expect(off.ping()).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
    const secured = createServer({ port: 0, requirepass: 'secret' });
    const securedPort = (await secured.listen()).port;
    const late = createServer({ port });
    await late.listen();
    try {
      await using wrong = createClient(`redis://:nope@127.0.0.1:${securedPort}`, {
        reconnect: { initialDelay: 5, maxDelay: 20, maxAttempts: 2 },
      });
      await expect(wrong.ping()).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
      // Neither tries again: a server listening now changes nothing.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(off.ping()).rejects.toMatchObject({ code: 'ERR_NOT_CONNECTED' });
      expect(off.connected).toBe(false);
      await expect(wrong.ping()).rejects.toMatchObject({
        code: 'ERR_NOT_CONNECTED',
        message: expect.stringMatching(/^Not connected: HELLO failed: WRONGPASS/),
      });
    } finally {
      await late.close();
      await secured.close();
    }
  });

  it('does not keep an idle process alive while offline', async () => {
    // A process whose only client went offline, and which forgets to close
    // it, ends by itself: the offline wait is an unref'd timer.
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
    const port = await freePort();
    const script = `
      import { createClient } from ${JSON.stringify(dist)};
      const client = createClient('127.0.0.1:${port}', { reconnect: { initialDelay: 5, maxDelay: 50, maxAttempts: 2 } });
      const error = await client.ping().catch((caught) => caught);
      console.log(error.code);
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script],
      { timeout: 10_000 },
    );
    expect(stdout).toBe('ERR_NOT_CONNECTED\n');
  });
});

describe('createClient close', () => {
  it('waits for the replies still awaited, and for none whose callers gave up', async () => {
    const fake = await new ControlledServer().start();
    const client = createClient(`127.0.0.1:${fake.port}`);
    const controller = new AbortController();
    const aborted = client.get('a', { signal: controller.signal }).catch((e: unknown) => e);
    const timedOut = client.get('b', { timeout: 50 }).catch((e: unknown) => e);
    const awaited = client.get('c');
    await until(() => fake.commands.length === 3);
    controller.abort(new Error('gone'));
    let closed = false;
    const closing = client.close().then(() => {
      closed = true;
    });
    expect(await aborted).toMatchObject({ message: 'gone' });
    expect(await timedOut).toMatchObject({ code: 'ERR_TIMEOUT' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    fake.reply(2, '$7\r\ndropped\r\n');
    fake.reply(1, '$1\r\nc\r\n');
    expect(await awaited).toBe('c');
    await closing;
    await until(() => fake.connections === 0);
    await fake.stop();
  });

  it('closes at once when every command in flight was aborted (a blocking one, say)', async () => {
    const fake = await new ControlledServer().start();
    const client = createClient(`127.0.0.1:${fake.port}`);
    const controller = new AbortController();
    const blocked = client
      .command(['BLPOP', 'jobs', '0'], { signal: controller.signal })
      .catch((e: unknown) => e);
    await until(() => fake.commands.length === 1);
    controller.abort(new Error('stop waiting'));
    expect(await blocked).toMatchObject({ message: 'stop waiting' });
    // The fake never replies: before, close() waited for that reply for ever.
    const outcome = await Promise.race([
      client.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000)),
    ]);
    expect(outcome).toBe('closed');
    await until(() => fake.connections === 0);
    await fake.stop();
  });

  it('does not wait out the reconnection schedule when nothing is left to send', async () => {
    // Nothing listens on port 1: the manager retries every 200 ms, 50 times.
    const client = createClient('127.0.0.1:1', {
      reconnect: { initialDelay: 200, maxDelay: 200, maxAttempts: 50 },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const outcome = await Promise.race([
      client.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(() => resolve('still retrying'), 3000)),
    ]);
    expect(outcome).toBe('closed');
  });
});
