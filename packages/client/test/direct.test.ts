// mini-redis's client test scenarios for the direct client, its Subscriber,
// the Connection layer, addresses, the pool and diagnostics.
import diagnostics from 'node:diagnostics_channel';
import { createServer, type Server } from '@mini-redis/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientError,
  Connection,
  connect,
  createClient,
  createPool,
  createSubscriber,
  describeAddress,
  type Lease,
  parseAddress,
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

describe('connect (direct client)', () => {
  it('pings, with and without a message', async () => {
    using client = await connect(address);
    expect(await client.ping()).toBe('PONG');
    expect(await client.ping('hello')).toBe('hello');
  });

  it('gets and sets a key, with an expiry', async () => {
    using client = await connect(address);
    expect(await client.get('direct:k')).toBeNull();
    await client.set('direct:k', 'v');
    expect(await client.get('direct:k')).toBe('v');
    expect(await client.getBuffer('direct:k')).toEqual(Buffer.from('v'));
    await client.set('direct:short', 'v', { PX: 50 });
    // Poll rather than sleep a fixed time: a loaded machine may be slow.
    let value: string | null = 'v';
    for (let i = 0; i < 300 && value !== null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      value = await client.get('direct:short');
    }
    expect(value).toBeNull();
  });

  it('skips tracking invalidations between replies after HELLO 3 and CLIENT TRACKING ON', async () => {
    using client = await connect(address);
    await using writer = createClient(address);
    await client.command(['HELLO', '3']);
    expect(await client.command(['CLIENT', 'TRACKING', 'ON'])).toBe('OK');
    await writer.set('direct:tracked', 'old');
    expect(await client.get('direct:tracked')).toBe('old');
    await writer.set('direct:tracked', 'new');
    // The invalidation came first; the reply is the reply.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await client.get('direct:tracked')).toBe('new');
    expect(await client.ping()).toBe('PONG');
  });

  it('receives messages on one channel', async () => {
    const subscriber = await (await connect(address)).subscribe(['hello']);
    using publisher = await connect(address);
    expect(await publisher.publish('hello', 'world')).toBe(1);
    expect(await subscriber.nextMessage()).toEqual({ channel: 'hello', message: 'world' });
    subscriber.close();
  });

  it('receives messages on several channels, through for await', async () => {
    const subscriber = await (await connect(address)).subscribe(['a', 'b', 'c']);
    using publisher = await connect(address);
    await publisher.publish('a', '1');
    await publisher.publish('c', '3');
    const received = [];
    for await (const message of subscriber) {
      received.push(message);
      if (received.length === 2) break;
    }
    expect(received).toEqual([
      { channel: 'a', message: '1' },
      { channel: 'c', message: '3' },
    ]);
    subscriber.close();
  });

  it('unsubscribes from some channels and from all', async () => {
    const subscriber = await (await connect(address)).subscribe(['x', 'y', 'z']);
    await subscriber.unsubscribe(['y']);
    expect([...subscriber.channels].sort()).toEqual(['x', 'z']);
    using publisher = await connect(address);
    expect(await publisher.publish('y', 'lost')).toBe(0);
    expect(await publisher.publish('x', 'kept')).toBe(1);
    expect(await subscriber.nextMessage()).toEqual({ channel: 'x', message: 'kept' });
    await subscriber.unsubscribe();
    expect(subscriber.channels).toEqual([]);
    expect(await publisher.publish('x', 'gone')).toBe(0);
    subscriber.close();
  });

  it('reports error replies as ReplyError and a closed server as the end', async () => {
    using client = await connect(address);
    await expect(client.command(['NOPE'])).rejects.toThrow("ERR unknown command 'NOPE'");
    await client.command(['QUIT']);
    await expect(client.ping()).rejects.toBeInstanceOf(ClientError);
  });
});

describe('the direct client has one caller at a time', () => {
  it('rejects a call made while another is in progress with ERR_BUSY, unsent', async () => {
    using client = await connect(address);
    await client.command(['DEL', 'busy:n']);
    const first = client.command(['INCR', 'busy:n']);
    const second = client.command(['INCR', 'busy:n']).catch((caught: unknown) => caught);
    expect(await first).toBe(1);
    const error = await second;
    expect(ClientError.is(error) && error.code).toBe('ERR_BUSY');
    expect((error as Error).message).toBe(
      'A command is already in progress on this client: the direct client runs one at a time (await each call), createClient() shares a connection between callers',
    );
    // The second INCR was never sent, and the client goes on.
    expect(await client.get('busy:n')).toBe('1');
    const many = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => client.ping(`p${i}`)),
    );
    expect(many[0]).toEqual({ status: 'fulfilled', value: 'p0' });
    expect(
      many.slice(1).every((r) => r.status === 'rejected' && r.reason.code === 'ERR_BUSY'),
    ).toBe(true);
    expect(await client.ping('after')).toBe('after');
  });

  it('refuses commands once the connection became a Subscriber or a Monitor', async () => {
    const client = await connect(address);
    const subscriber = await client.subscribe(['busy:ch']);
    await expect(client.get('k')).rejects.toMatchObject({
      code: 'ERR_BUSY',
      message: "This client's connection became a Subscriber: use that, or connect() again",
    });
    await expect(client.subscribe(['other'])).rejects.toMatchObject({ code: 'ERR_BUSY' });
    subscriber.close();
    const watcher = await connect(address);
    const monitor = await watcher.monitor();
    await expect(watcher.ping()).rejects.toMatchObject({
      code: 'ERR_BUSY',
      message: "This client's connection became a Monitor: use that, or connect() again",
    });
    monitor.close();
  });

  it('rejects a second Connection#readFrame while one waits, and leaves the first its frame', async () => {
    const connection = await Connection.open(address);
    const first = connection.readFrame();
    await expect(connection.readFrame()).rejects.toMatchObject({ code: 'ERR_BUSY' });
    await connection.writeCommand(['PING']);
    expect(await first).toEqual({ type: 'simple', value: 'PONG' });
    connection.close();
  });

  it('lets one task iterate a Subscriber while another changes its subscriptions', async () => {
    const subscriber = await (await connect(address)).subscribe(['live:a']);
    using publisher = await connect(address);
    const received: string[] = [];
    const reader = (async () => {
      for await (const { channel, message } of subscriber) {
        received.push(`${channel}=${message}`);
        if (message === 'last') break;
      }
    })();
    // The reader is waiting on the socket while these run.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await subscriber.subscribe(['live:b', 'live:c']);
    expect(subscriber.channels).toEqual(['live:a', 'live:b', 'live:c']);
    expect(await publisher.publish('live:b', '1')).toBe(1);
    expect(await publisher.publish('live:a', '2')).toBe(1);
    await subscriber.unsubscribe(['live:a']);
    expect(await publisher.publish('live:a', 'lost')).toBe(0);
    expect(await publisher.publish('live:c', 'last')).toBe(1);
    await reader;
    expect(received).toEqual(['live:b=1', 'live:a=2', 'live:c=last']);
    subscriber.close();
    expect(await subscriber.nextMessage()).toBeUndefined();
  });
});

describe('the direct Subscriber against a scripted server', () => {
  it('ends an unsubscribe from all at the confirmation that leaves none, however many come', async () => {
    const fake = await new ControlledServer().start();
    const confirm = (kind: string, channel: string, left: number) =>
      `*3\r\n$${kind.length}\r\n${kind}\r\n$${channel.length}\r\n${channel}\r\n:${left}\r\n`;
    const client = await connect(`127.0.0.1:${fake.port}`);
    const subscribing = client.subscribe(['x']);
    await until(() => fake.commands.length === 1);
    fake.reply(1, confirm('subscribe', 'x', 1));
    const subscriber = await subscribing;
    // The server has three channels: two from a subscribe made elsewhere
    // in the program that this side has not seen confirmed yet.
    let done = false;
    const unsubscribing = subscriber.unsubscribe().then(() => {
      done = true;
    });
    await until(() => fake.commands.length === 2);
    expect(fake.commands[1]).toEqual(['UNSUBSCRIBE']);
    fake.reply(1, confirm('unsubscribe', 'x', 2));
    fake.reply(1, confirm('unsubscribe', 'y', 1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false);
    fake.reply(1, confirm('unsubscribe', 'z', 0));
    await unsubscribing;
    expect(subscriber.channels).toEqual([]);
    subscriber.close();
    await fake.stop();
  });
});

describe("the direct Subscriber's backlog", () => {
  // Publishes `count` messages m0, m1... to `channel`; each PUBLISH has
  // been answered, so the server has written them to the subscriber.
  async function publish(channel: string, count: number): Promise<string[]> {
    using publisher = await connect(address);
    const messages = Array.from({ length: count }, (_, i) => `m${i}`);
    for (const message of messages) expect(await publisher.publish(channel, message)).toBe(1);
    return messages;
  }

  it('keeps the messages that arrive before a confirmation, in order', async () => {
    const subscriber = await (await connect(address)).subscribe(['kept:a'], { backlog: 100 });
    const sent = await publish('kept:a', 50);
    await subscriber.subscribe(['kept:b']);
    await publish('kept:b', 1);
    const received: string[] = [];
    for (let i = 0; i < 51; i++) received.push((await subscriber.nextMessage())!.message);
    expect(received).toEqual([...sent, 'm0']);
    subscriber.close();
  });

  it('closes the connection with ERR_BACKLOG_FULL when the backlog fills, and loses nothing it read', async () => {
    const subscriber = await (await connect(address)).subscribe(['full:a'], { backlog: 10 });
    const sent = await publish('full:a', 50);
    const error = await subscriber.subscribe(['full:b']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('ERR_BACKLOG_FULL');
    expect((error as ClientError).message).toBe(
      '10 unread messages arrived while subscribe waited for its confirmation; the subscriber closed its connection',
    );
    // The ten kept, then whatever had been decoded ahead of them: a prefix
    // of what was sent, in order, and then the end.
    const received: string[] = [];
    for await (const { message } of subscriber) received.push(message);
    expect(received.length).toBeGreaterThanOrEqual(10);
    expect(received).toEqual(sent.slice(0, received.length));
    expect(subscriber.channels).toEqual(['full:a']);
  });

  it('rejects a backlog that is not a positive integer', async () => {
    using client = await connect(address);
    await expect(client.subscribe(['x'], { backlog: 0 })).rejects.toThrow(
      'backlog must be a positive integer, got 0',
    );
  });
});

describe('read-ahead bound (backpressure on a flood of messages)', () => {
  // A server that disconnects a subscriber over 256 KiB of unsent output,
  // as Redis does at its pub/sub output-buffer limit.
  let strict: Server;
  let strictAddress: string;
  const MESSAGES = 20_000;
  const PAYLOAD = 'x'.repeat(1024);

  beforeAll(async () => {
    strict = createServer({ port: 0, pubsubOutputLimit: 256 * 1024 });
    strictAddress = `127.0.0.1:${(await strict.listen()).port}`;
  });

  afterAll(async () => {
    await strict.close();
  });

  // Floods `channel` with 20 MB while nobody reads, then counts what the
  // subscriber still gets before its connection ends.
  async function flood(channel: string, next: () => Promise<unknown>): Promise<number> {
    await using publisher = createClient(strictAddress);
    await Promise.all(Array.from({ length: MESSAGES }, () => publisher.publish(channel, PAYLOAD)));
    let received = 0;
    while ((await next()) !== undefined) received++;
    return received;
  }

  it('the direct subscriber stops reading; the server holds the rest and disconnects it', async () => {
    const subscriber = await (await connect(strictAddress)).subscribe(['flood']);
    const received = await flood('flood', () => subscriber.nextMessage());
    // Read ahead (1,024) plus what the kernel's buffers held: far from all
    // 20,000, which it would have taken into memory without the bound.
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(MESSAGES);
    subscriber.close();
  });

  it('createSubscriber stops reading too once its queue is full', async () => {
    using subscriber = createSubscriber(strictAddress, { capacity: 16 });
    await subscriber.subscribe('flood2');
    // It reconnects after the server drops it: count until a quiet second.
    const received = await flood('flood2', () =>
      subscriber.nextMessage({ signal: AbortSignal.timeout(1000) }).catch(() => undefined),
    );
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(MESSAGES);
    expect(subscriber.connections).toBe(2);
  });
});

describe('Connection', () => {
  it('reads and writes frames', async () => {
    const connection = await Connection.open(address);
    await connection.writeCommand(['SET', 'frame', 'x']);
    expect(await connection.readFrame()).toEqual({ type: 'simple', value: 'OK' });
    await connection.writeFrame({
      type: 'array',
      value: [
        { type: 'bulk', value: Buffer.from('GET') },
        { type: 'bulk', value: Buffer.from('frame') },
      ],
    });
    expect(await connection.readFrame()).toEqual({ type: 'bulk', value: Buffer.from('x') });
    connection.close();
    expect(await connection.readFrame()).toBeUndefined();
  });
});

describe('parseAddress', () => {
  it('reads host:port and redis:// URLs', () => {
    expect(parseAddress('localhost:7000')).toEqual({
      host: 'localhost',
      port: 7000,
      tls: false,
      db: 0,
    });
    expect(parseAddress('redis://user:p%40ss@example.com:6380/2')).toEqual({
      host: 'example.com',
      port: 6380,
      tls: false,
      db: 2,
      username: 'user',
      password: 'p@ss',
    });
    expect(parseAddress('rediss://:secret@h').tls).toBe(true);
    expect(() => parseAddress('redis://h/x')).toThrow(ClientError);
    expect(() => parseAddress('a:b:c')).toThrow(
      "Expected a Redis address (host:port, redis://... or a Unix socket's path), got 'a:b:c'",
    );
  });

  it("reads a Unix socket's path, alone or in a unix: URL", () => {
    const socket = { host: '', port: 0, path: '/run/redis/redis.sock', tls: false, db: 0 };
    expect(parseAddress('/run/redis/redis.sock')).toEqual(socket);
    expect(parseAddress('unix:/run/redis/redis.sock')).toEqual(socket);
    expect(parseAddress('unix:///run/redis/redis.sock')).toEqual(socket);
    expect(parseAddress('unix:///run/redis/redis.sock?db=12')).toEqual({ ...socket, db: 12 });
    expect(parseAddress('unix://app:p%40ss@/run/redis/redis.sock?db=1')).toEqual({
      ...socket,
      db: 1,
      username: 'app',
      password: 'p@ss',
    });
    expect(parseAddress('unix://:secret@/run/redis/redis.sock')).toEqual({
      ...socket,
      password: 'secret',
    });
    expect(parseAddress('unix://guest@/run/redis/redis.sock')).toEqual({
      ...socket,
      username: 'guest',
    });
    expect(parseAddress('unix:///tmp/my%20redis.sock').path).toBe('/tmp/my redis.sock');
    // Written as the client names it in errors.
    expect(describeAddress(parseAddress('unix:///run/redis/redis.sock'))).toBe(
      '/run/redis/redis.sock',
    );
    expect(describeAddress(parseAddress('[::1]:7000'))).toBe('[::1]:7000');
    expect(describeAddress(parseAddress('redis://h:7000'))).toBe('h:7000');
  });

  it('refuses what it would otherwise misread, with ERR_INVALID_ADDRESS', () => {
    const reason = (address: string) => {
      try {
        parseAddress(address);
      } catch (error) {
        expect(error).toBeInstanceOf(ClientError);
        expect((error as ClientError).code).toBe('ERR_INVALID_ADDRESS');
        return (error as Error).message.replace(/^.*': /, '');
      }
      return 'accepted';
    };
    // A query some other clients read would otherwise leave database 0.
    expect(reason('redis://h/1?db=2')).toBe(
      'query and fragment are not read: put the database in the path (redis://host:port/2) and other settings in the options',
    );
    expect(reason('redis://h#x')).toMatch(/^query and fragment are not read/);
    expect(reason('redis://h:0')).toBe('port 0 is out of range');
    expect(reason('h:0')).toBe('port 0 is out of range');
    expect(reason('redis://h/1.0')).toBe("database '1.0' is not a number");
    expect(reason('redis://h/-0')).toBe("database '-0' is not a number");
    expect(reason('redis://h/99999999999999999999')).toBe(
      "database '99999999999999999999' is not a number",
    );
    // Was a URIError with no code.
    expect(reason('redis://u:%zz@h')).toBe('the username or password has a malformed %-escape');
    expect(reason('redis://h:65536')).toBe('not a URL');
    expect(parseAddress('redis://h:65535/15').port).toBe(65535);
    // unix: URLs read the database from ?db=, and nothing else.
    expect(reason('unix:///s.sock?password=x')).toBe(
      "the query '?password=x' is not read: only ?db=N is (put other settings in the options)",
    );
    expect(reason('unix:///s.sock?db=1&db=2')).toMatch(/^the query '\?db=1&db=2' is not read/);
    expect(reason('unix:///s.sock?db=-1')).toMatch(/^the query '\?db=-1' is not read/);
    expect(reason('unix:///s.sock?db=99999999999999999999')).toBe(
      "database '99999999999999999999' is not a number",
    );
    const expected =
      'expected unix:///path/to/redis.sock, with an optional user:password@ before the path and ?db=N after it';
    // A host, a relative path, a fragment: none is a socket's path.
    expect(reason('unix://localhost/s.sock')).toBe(expected);
    expect(reason('unix:s.sock')).toBe(expected);
    expect(reason('unix://')).toBe(expected);
    expect(reason('unix:///s.sock#x')).toBe(expected);
    expect(reason('unix:///s%zz.sock')).toBe('the path has a malformed %-escape');
    // Node would connect to the path cut short to 107 bytes, another socket.
    expect(reason(`/tmp/${'x'.repeat(103)}`)).toBe(
      "a Unix socket's path is at most 107 bytes here, and this one has 108",
    );
    // Bytes, not characters: é is two.
    expect(reason(`unix:///tmp/${'%C3%A9'.repeat(52)}`)).toBe(
      "a Unix socket's path is at most 107 bytes here, and this one has 109",
    );
    expect(parseAddress(`/tmp/${'x'.repeat(102)}`).path).toHaveLength(107);
    expect(reason('unix:///a%00b.sock')).toBe("a Unix socket's path cannot hold a NUL byte");
    expect(reason('unix://u:%zz@/s.sock')).toBe(
      'the username or password has a malformed %-escape',
    );
  });
});

describe('createPool', () => {
  it('routes commands over several connections and leases one exclusively', async () => {
    await using pool = createPool(address, { size: 3 });
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => pool.command(['SET', `pool:${i}`, String(i)])),
    );
    expect(await pool.client().get('pool:7')).toBe('7');
    {
      await using lease = await pool.lease();
      await lease.client.command(['SELECT', '5']);
      await lease.client.set('leased', 'yes');
      expect(await lease.client.get('leased')).toBe('yes');
    }
    // The SELECT stayed on the leased connection.
    expect(await pool.client().get('leased')).toBeNull();
  });

  it('waits for a lease while size are out; closing rejects waiting and later leases', async () => {
    const pool = createPool(address, { size: 1 });
    const first = await pool.lease();
    const firstId = await first.client.command(['CLIENT', 'ID']);
    let second: Lease | null = null;
    const waiting = pool.lease().then((lease) => {
      second = lease;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second).toBeNull();
    await first.release();
    await waiting;
    expect(await second!.client.ping()).toBe('PONG');
    // The second lease has the first's connection, reset; the first
    // holder's handle cannot reach it.
    await expect(first.client.ping()).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    expect(await second!.client.command(['CLIENT', 'ID'])).toBe(firstId);
    const third = pool.lease();
    await pool.close();
    await expect(third).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    await expect(pool.lease()).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    await expect(pool.command(['PING'])).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    // A lease still out keeps its connection until it is released.
    expect(await second!.client.ping()).toBe('PONG');
    await second!.release();
  });
});

describe('diagnostics', () => {
  it('publishes command start and end when someone listens', async () => {
    const events: unknown[] = [];
    const onEnd = (message: unknown) => events.push(message);
    diagnostics.subscribe('mini-redis:client:command:end', onEnd);
    try {
      await using client = createClient(address);
      await client.set('diag', '1');
    } finally {
      diagnostics.unsubscribe('mini-redis:client:command:end', onEnd);
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ args: ['SET', 'diag', '1'] });
  });
});
