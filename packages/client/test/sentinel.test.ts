// The client through Redis Sentinel, against real processes: a master, a
// replica of it and a sentinel (redis-server --sentinel) monitoring them,
// each on a loopback port of its own. The actor, the pool and the
// subscriber find the master (or the replica) through the sentinel, skip
// a sentinel that is down, say clearly when none knows the name, and
// follow a failover (SENTINEL FAILOVER) to the new master. Then, with a
// sentinel the test controls in front of real servers, what a real
// failover does too fast to catch: a sentinel naming a replica as the
// master (the ROLE check), and a master demoted under a connected client
// (READONLY).

import diagnostics from 'node:diagnostics_channel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestDecoder } from '@mini-redis/resp';
import { freePort, hasRedis, ServerProcess, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientError,
  type ConnectionEvent,
  connect,
  connectionEvents,
  createClient,
  createPool,
  createSubscriber,
  ReplyError,
} from '../src/index.js';

const enabled = hasRedis();

// The servers' directories (see beforeAll), removed after the file's tests.
const root = mkdtempSync(join(tmpdir(), 'mini-redis-sentinel-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let directories = 0;
function directory(what: string): string {
  return mkdtempSync(join(root, `${what}-${++directories}-`));
}

// The port a server listens on, by its own word.
async function portOf(port: number): Promise<number> {
  using client = await connect(`127.0.0.1:${port}`);
  const info = (await client.command(['INFO', 'server'])) as string;
  return Number(/tcp_port:(\d+)/.exec(info)![1]);
}

// What ROLE says the server at `port` is.
async function roleOf(port: number): Promise<string> {
  using client = await connect(`127.0.0.1:${port}`);
  return String(((await client.command(['ROLE'])) as unknown[])[0]);
}

describe.skipIf(!enabled)('through Redis Sentinel', () => {
  let master: ServerProcess;
  let replica: ServerProcess;
  let sentinel: ServerProcess;
  // A port nothing listens on: a sentinel that is down.
  let downPort: number;
  let sentinels: string[];

  beforeAll(async () => {
    // Each in a directory of its own: a replica writes the master's
    // snapshot to its dbfilename, which any redis-server started later in
    // the same directory would load.
    master = await startRealRedis(['--dir', directory('master')]);
    replica = await startRealRedis([
      '--dir',
      directory('replica'),
      '--replicaof',
      '127.0.0.1',
      String(master.port),
    ]);
    const config = join(directory('sentinel'), 'sentinel.conf');
    // Sentinel rewrites its configuration file: one it can write.
    writeFileSync(
      config,
      [
        `sentinel monitor mymaster 127.0.0.1 ${master.port} 1`,
        'sentinel down-after-milliseconds mymaster 1000',
        'sentinel failover-timeout mymaster 10000',
        '',
      ].join('\n'),
    );
    sentinel = await ServerProcess.start((port) => [
      'redis-server',
      [config, '--sentinel', '--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no'],
    ]);
    downPort = await freePort();
    sentinels = [`127.0.0.1:${downPort}`, `127.0.0.1:${sentinel.port}`];
    // The sentinel learns of the replica from the master's INFO.
    using asking = await connect(`127.0.0.1:${sentinel.port}`);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const replicas = (await asking.command(['SENTINEL', 'replicas', 'mymaster'])) as string[][];
      const field = (fields: string[], name: string) => fields[fields.indexOf(name) + 1];
      if (
        replicas.some(
          (fields) =>
            field(fields, 'master-link-status') === 'ok' && field(fields, 'flags') === 'slave',
        )
      )
        break;
      if (Date.now() > deadline)
        throw new Error('the sentinel did not see the replica within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 40_000);

  afterAll(async () => {
    await sentinel?.stop();
    // Killed: after the failover each may be the other's replica, and a
    // master ended with SIGTERM waits for its replica to catch up.
    await replica?.kill();
    await master?.kill();
  });

  it('finds the master past a sentinel that is down, and writes there', async () => {
    await using client = createClient({ sentinels, name: 'mymaster' }, { name: 'via-sentinel' });
    expect(await client.set('sentinel:key', 'one')).toBe('OK');
    expect(await client.get('sentinel:key')).toBe('one');
    expect(await portOf(master.port)).toBe(master.port);
    // The connection is the master's: its CLIENT LIST has it.
    using admin = await connect(`127.0.0.1:${master.port}`);
    const list = (await admin.command(['CLIENT', 'LIST'])) as string;
    expect(list.split('\n').filter((line) => line.includes('name=via-sentinel'))).toHaveLength(1);
  });

  it("a pool's leases: the master's, and a lease given back is reset, checked and handed out again", async () => {
    await using pool = createPool({ sentinels, name: 'mymaster' }, { size: 1 });
    let firstId: number;
    {
      await using lease = await pool.lease();
      firstId = await lease.client.clientId();
      await lease.client.watch('sentinel:watched');
      expect(await lease.client.multi().set('sentinel:watched', '1').exec()).toEqual(['OK']);
    }
    // The same connection (RESET, then the handshake with its ROLE check).
    await using again = await pool.lease();
    expect(await again.client.clientId()).toBe(firstId);
    expect(await again.client.get('sentinel:watched')).toBe('1');
    using admin = await connect(`127.0.0.1:${master.port}`);
    expect(await admin.command(['GET', 'sentinel:watched'])).toBe('1');
  });

  it("a sentinel's host alone means port 26379, and the list is checked", () => {
    expect(() => createClient({ sentinels: [], name: 'mymaster' })).toThrow(
      new RangeError('Expected `sentinels` to name at least one sentinel'),
    );
    expect(() => createClient({ sentinels: ['127.0.0.1'], name: '' })).toThrow(
      new RangeError("Expected `name` to be the group's name, as the sentinels know it"),
    );
    expect(() =>
      createClient({
        sentinels: ['127.0.0.1'],
        name: 'mymaster',
        role: 'primary' as 'master',
      }),
    ).toThrow(new RangeError("Expected `role` to be 'master' or 'replica', got 'primary'"));
    expect(() => createClient({ sentinels: ['redis://:x'], name: 'mymaster' })).toThrow(
      ClientError,
    );
  });

  it("a sentinel's own password: given in the options or the address, and its refusal reported", async () => {
    const alone = await startRealRedis(['--dir', directory('alone')]);
    const config = join(directory('sentinel-auth'), 'sentinel.conf');
    writeFileSync(
      config,
      `requirepass sentinel-pw\nsentinel monitor authmaster 127.0.0.1 ${alone.port} 1\n`,
    );
    const guarded = await ServerProcess.start((port) => [
      'redis-server',
      [config, '--sentinel', '--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no'],
    ]);
    try {
      const at = `127.0.0.1:${guarded.port}`;
      await using byOption = createClient({
        sentinels: [at],
        name: 'authmaster',
        password: 'sentinel-pw',
      });
      expect(await byOption.ping()).toBe('PONG');
      await using byAddress = createClient({
        sentinels: [`redis://:sentinel-pw@${at}`],
        name: 'authmaster',
      });
      expect(await byAddress.ping()).toBe('PONG');
      await using refused = createClient(
        { sentinels: [at], name: 'authmaster' },
        { reconnect: { maxAttempts: 1 } },
      );
      const error = (await refused.ready().catch((failed: unknown) => failed)) as ClientError;
      expect(error.code).toBe('ERR_NOT_CONNECTED');
      expect(error.message).toBe(
        `Not connected: No sentinel named the master of 'authmaster' (Sentinel): ${at}: NOAUTH Authentication required.; the command was not sent`,
      );
    } finally {
      await guarded.stop();
      await alone.stop();
    }
  });

  it('a replica: reads what the master wrote, and refuses writes with READONLY', async () => {
    using writer = await connect(`127.0.0.1:${master.port}`);
    await writer.command(['SET', 'sentinel:replicated', 'yes']);
    expect(await writer.command(['WAIT', '1', '5000'])).toBe(1);
    await using client = createClient({ sentinels, name: 'mymaster', role: 'replica' });
    expect(await client.get('sentinel:replicated')).toBe('yes');
    expect(((await client.command(['ROLE'])) as unknown[])[0]).toBe('slave');
    const refused = await client.set('sentinel:replicated', 'no').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReplyError);
    expect((refused as ReplyError).message).toBe(
      "READONLY You can't write against a read only replica.",
    );
    // Still connected to the replica: READONLY is this caller's error here.
    expect(await client.get('sentinel:replicated')).toBe('yes');
  });

  it('a name no sentinel knows fails with each sentinel’s reason', async () => {
    await using client = createClient(
      { sentinels, name: 'nosuch' },
      { reconnect: { maxAttempts: 1 }, connectTimeout: 2000 },
    );
    const error = await client.ready().catch((failed: unknown) => failed);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).code).toBe('ERR_NOT_CONNECTED');
    expect((error as ClientError).message).toMatch(
      new RegExp(
        `^Not connected: No sentinel named the master of 'nosuch' \\(Sentinel\\): 127\\.0\\.0\\.1:${downPort}: .+; 127\\.0\\.0\\.1:${sentinel.port}: it monitors no master named 'nosuch'; the command was not sent$`,
      ),
    );
  });

  it('a sentinel the answering one knows of joins the list: the client finds the master through it later', async () => {
    for (const discover of [true, false]) {
      const fake = await new FakeSentinel().start();
      fake.names = master.port;
      fake.knows = [sentinel.port];
      const name = `discover-${discover}`;
      await using client = createClient(
        { sentinels: [`127.0.0.1:${fake.port}`], name: 'mymaster', discover },
        { name, reconnect: { initialDelay: 20, maxDelay: 50, maxAttempts: 3 } },
      );
      expect(await client.ping()).toBe('PONG');
      // The only sentinel given goes away, and so does the connection.
      await fake.close();
      using admin = await connect(`127.0.0.1:${master.port}`);
      expect(
        await admin.command(['CLIENT', 'KILL', 'SKIPME', 'yes', 'TYPE', 'normal']),
      ).toBeGreaterThan(0);
      if (discover) {
        await expect.poll(() => client.ping().catch(() => 'lost'), { timeout: 5000 }).toBe('PONG');
        const list = (await admin.command(['CLIENT', 'LIST'])) as string;
        expect(list).toContain(`name=${name} `);
      } else {
        // Only the sentinel given is asked, and it is gone: offline.
        await expect
          .poll(() => client.ping().catch((failed: ClientError) => failed.message), {
            timeout: 5000,
          })
          .toMatch(
            new RegExp(
              `^Not connected: No sentinel named the master of 'mymaster' \\(Sentinel\\): 127\\.0\\.0\\.1:${fake.port}: [^;]+; the command was not sent$`,
            ),
          );
      }
    }
  });

  it('follows a failover: the client, the pool and the subscriber end up on the new master', async () => {
    const newMaster = replica.port;
    await using client = createClient({ sentinels, name: 'mymaster' });
    await using pool = createPool({ sentinels, name: 'mymaster' }, { size: 2 });
    const subscriber = createSubscriber({ sentinels, name: 'mymaster' });
    try {
      await subscriber.subscribe('sentinel:news');
      expect(await client.set('sentinel:before', '1')).toBe('OK');
      expect(await pool.command(['SET', 'sentinel:pool', '1'])).toBe('OK');

      using asking = await connect(`127.0.0.1:${sentinel.port}`);
      expect(await asking.command(['SENTINEL', 'FAILOVER', 'mymaster'])).toBe('OK');
      // Writes go on during the failover. Each one either succeeds or
      // fails with a clear error (READONLY from the demoted master, or the
      // connection lost when Sentinel closed it), never hangs.
      await expect
        .poll(
          async () => {
            try {
              await client.set('sentinel:during', 'x');
              await pool.command(['SET', 'sentinel:pool', '2']);
            } catch (error) {
              if (error instanceof ReplyError) expect(error.code).toBe('READONLY');
              else
                expect((error as ClientError).code).toMatch(
                  /ERR_CONNECTION_LOST|ERR_NOT_CONNECTED/,
                );
              return 'failed';
            }
            return (await client.command(['INFO', 'server'])) as string;
          },
          { timeout: 30_000, interval: 100 },
        )
        .toContain(`tcp_port:${newMaster}`);
      expect(await roleOf(newMaster)).toBe('master');
      // The data written before the failover is on the new master.
      expect(await client.get('sentinel:before')).toBe('1');
      expect(await client.set('sentinel:after', '2')).toBe('OK');
      using direct = await connect(`127.0.0.1:${newMaster}`);
      expect(await direct.command(['GET', 'sentinel:after'])).toBe('2');
      // The pool's connections follow too.
      await expect
        .poll(async () => {
          const info = (await pool.command(['INFO', 'server']).catch(() => '')) as string;
          return info.includes(`tcp_port:${newMaster}`);
        })
        .toBe(true);
      expect(await pool.command(['SET', 'sentinel:pool', '3'])).toBe('OK');
      expect(await direct.command(['GET', 'sentinel:pool'])).toBe('3');
      // The subscriber resubscribed on the new master (Sentinel closed its
      // connection to the old one), so it hears what is published there.
      await expect
        .poll(async () => direct.command(['PUBLISH', 'sentinel:news', 'hello']), {
          timeout: 15_000,
          interval: 100,
        })
        .toBe(1);
      const message = await subscriber.nextMessage();
      expect(message).toEqual({ channel: 'sentinel:news', message: 'hello' });
    } finally {
      subscriber.close();
    }
  }, 60_000);
});

// A sentinel that names whatever the test says: SENTINEL
// get-master-addr-by-name answers `names` (null: no such master), SENTINEL
// sentinels answers `knows`, and `announce` publishes to those
// subscribed to +switch-master.
class FakeSentinel {
  names: number | null = null;
  // The ports of the other sentinels it knows of (SENTINEL sentinels).
  knows: number[] = [];
  // SENTINEL get-master-addr-by-name requests answered.
  lookups = 0;
  port = 0;
  readonly subscribers = new Set<Socket>();
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;

  constructor() {
    this.#server = createNetServer((socket) => {
      this.#sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        this.#sockets.delete(socket);
        this.subscribers.delete(socket);
      });
      const decoder = new RequestDecoder({
        onCommand: (args) => {
          const command = args.string(0).toLowerCase();
          const sub = args.length > 1 ? args.string(1).toLowerCase() : '';
          if (command === 'subscribe' && sub === '+switch-master') {
            this.subscribers.add(socket);
            socket.write('*3\r\n$9\r\nsubscribe\r\n$14\r\n+switch-master\r\n:1\r\n');
          } else if (sub === 'get-master-addr-by-name') {
            this.lookups++;
            socket.write(
              this.names === null
                ? '*-1\r\n'
                : `*2\r\n$9\r\n127.0.0.1\r\n$${String(this.names).length}\r\n${this.names}\r\n`,
            );
          } else if (sub === 'sentinels')
            socket.write(
              `*${this.knows.length}\r\n${this.knows
                .map(
                  (port) =>
                    `*4\r\n$2\r\nip\r\n$9\r\n127.0.0.1\r\n$4\r\nport\r\n$${String(port).length}\r\n${port}\r\n`,
                )
                .join('')}`,
            );
          else socket.write('-ERR unknown\r\n');
        },
        onError: () => socket.destroy(),
      });
      socket.on('data', (chunk: Buffer) => decoder.write(chunk));
    });
  }

  /** Publishes `text` on +switch-master, as a sentinel does at a failover's end. */
  announce(text: string): void {
    for (const socket of this.subscribers)
      socket.write(
        `*3\r\n$7\r\nmessage\r\n$14\r\n+switch-master\r\n$${text.length}\r\n${text}\r\n`,
      );
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as { port: number }).port;
    return this;
  }

  // Stops listening and closes every connection, as a sentinel that dies.
  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    if (!this.#server.listening) return Promise.resolve();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

describe.skipIf(!enabled)('through a sentinel the test controls', () => {
  const events: ConnectionEvent[] = [];
  const listener = (event: unknown) => events.push(event as ConnectionEvent);

  it('mapAddress: the address a sentinel gives, translated to the one this process reaches', async () => {
    const server = await startRealRedis(['--dir', directory('server')]);
    const fake = await new FakeSentinel().start();
    try {
      // As behind NAT: the sentinel announces a port nobody here reaches.
      fake.names = 1;
      const sentinels = [`127.0.0.1:${fake.port}`];
      await using client = createClient(
        {
          sentinels,
          name: 'mymaster',
          mapAddress: ({ host, port }) =>
            port === 1 ? { host, port: server.port } : { host, port },
        },
        { name: 'mapped' },
      );
      expect(await client.ping()).toBe('PONG');
      using admin = await connect(`127.0.0.1:${server.port}`);
      expect(await admin.command(['CLIENT', 'LIST'])).toContain(' name=mapped ');
      await using unmapped = createClient(
        { sentinels, name: 'mymaster', mapAddress: () => ({ host: '', port: 0 }) },
        { reconnect: { maxAttempts: 1 } },
      );
      const error = (await unmapped.ready().catch((failed: unknown) => failed)) as ClientError;
      expect(error.message).toBe(
        `Not connected: No sentinel named the master of 'mymaster' (Sentinel): 127.0.0.1:${fake.port}: mapAddress returned no address for 127.0.0.1:1; the command was not sent`,
      );
    } finally {
      await fake.close();
      await server.stop();
    }
  });

  it('the +switch-master subscription moves to another sentinel when its own goes, and a failover missed meanwhile is caught', async () => {
    const first = await startRealRedis(['--dir', directory('first')]);
    const second = await startRealRedis(['--dir', directory('second')]);
    const watched = await new FakeSentinel().start();
    const standby = await new FakeSentinel().start();
    try {
      watched.names = first.port;
      standby.names = first.port;
      await using client = createClient({
        sentinels: [`127.0.0.1:${watched.port}`, `127.0.0.1:${standby.port}`],
        name: 'mymaster',
      });
      expect(await client.set('fake:key', 'first')).toBe('OK');
      await expect.poll(() => watched.subscribers.size).toBe(1);
      expect(standby.subscribers.size).toBe(0);
      // The watched sentinel goes away, and a failover happens before the
      // subscription is made again: nobody announces it to this client.
      standby.names = second.port;
      await watched.close();
      await expect.poll(() => standby.subscribers.size, { timeout: 5000 }).toBe(1);
      // The first is still a writable master: only the resubscription's
      // check moves the client.
      await expect
        .poll(
          async () => {
            await client.set('fake:after', 'x');
            return client.command(['INFO', 'server']);
          },
          { timeout: 5000 },
        )
        .toContain(`tcp_port:${second.port}`);
      expect(await roleOf(first.port)).toBe('master');
    } finally {
      await watched.close();
      await standby.close();
      await first.stop();
      await second.stop();
    }
  });

  it('the sentinel that answered is asked first next time', async () => {
    const server = await startRealRedis(['--dir', directory('server')]);
    const unaware = await new FakeSentinel().start();
    const aware = await new FakeSentinel().start();
    try {
      aware.names = server.port;
      await using client = createClient(
        { sentinels: [`127.0.0.1:${unaware.port}`, `127.0.0.1:${aware.port}`], name: 'mymaster' },
        { name: 'reordered' },
      );
      expect(await client.ping()).toBe('PONG');
      // The +switch-master subscription asks the one that answered too.
      await expect.poll(() => aware.subscribers.size).toBe(1);
      expect([unaware.lookups, aware.lookups]).toEqual([1, 2]);
      using admin = await connect(`127.0.0.1:${server.port}`);
      expect(await admin.command(['CLIENT', 'KILL', 'SKIPME', 'yes', 'TYPE', 'normal'])).toBe(1);
      await expect.poll(() => client.ping().catch(() => 'lost'), { timeout: 5000 }).toBe('PONG');
      expect([unaware.lookups, aware.lookups]).toEqual([1, 3]);
    } finally {
      await unaware.close();
      await aware.close();
      await server.stop();
    }
  });

  it('a server named as the master that is a replica is not used: the attempt fails and is retried', async () => {
    const master = await startRealRedis(['--dir', directory('master')]);
    const replica = await startRealRedis([
      '--dir',
      directory('replica'),
      '--replicaof',
      '127.0.0.1',
      String(master.port),
    ]);
    const fake = await new FakeSentinel().start();
    diagnostics.subscribe(connectionEvents.name, listener);
    try {
      fake.names = replica.port;
      events.length = 0;
      await using client = createClient(
        { sentinels: [`127.0.0.1:${fake.port}`], name: 'mymaster' },
        { reconnect: { initialDelay: 20, maxDelay: 50, maxAttempts: 1000 } },
      );
      const written = client.set('fake:key', 'v');
      await expect.poll(() => events.length, { timeout: 5000 }).toBeGreaterThan(0);
      const failed = events[0] as Extract<ConnectionEvent, { event: 'connect-failed' }>;
      expect(failed.event).toBe('connect-failed');
      expect(failed.address).toBe(`127.0.0.1:${replica.port}`);
      expect(failed.error.message).toBe(
        `127.0.0.1:${replica.port} was named the master of 'mymaster' (Sentinel) but is a replica (a failover in progress?)`,
      );
      fake.names = master.port;
      expect(await written).toBe('OK');
      expect(await portOf(master.port)).toBe(master.port);
      using direct = await connect(`127.0.0.1:${master.port}`);
      expect(await direct.command(['GET', 'fake:key'])).toBe('v');
    } finally {
      diagnostics.unsubscribe(connectionEvents.name, listener);
      await fake.close();
      await replica.stop();
      await master.stop();
    }
  });

  it('a master demoted under the client: the writes it refuses fail with READONLY, the rest go to the new master', async () => {
    const first = await startRealRedis(['--dir', directory('first')]);
    const second = await startRealRedis(['--dir', directory('second')]);
    const fake = await new FakeSentinel().start();
    diagnostics.subscribe(connectionEvents.name, listener);
    try {
      fake.names = first.port;
      await using client = createClient({
        sentinels: [`127.0.0.1:${fake.port}`],
        name: 'mymaster',
      });
      expect(await client.set('fake:key', 'first')).toBe('OK');
      // The first becomes the second's replica; its clients stay connected
      // (REPLICAOF closes none), as when a sentinel's CLIENT KILL is lost.
      using admin = await connect(`127.0.0.1:${first.port}`);
      expect(await admin.command(['REPLICAOF', '127.0.0.1', String(second.port)])).toBe('OK');
      fake.names = second.port;
      events.length = 0;
      // Three commands on the old connection at once: the writes are
      // refused, the read is answered, none is lost.
      const outcomes = await Promise.allSettled([
        client.set('fake:a', '1'),
        client.get('fake:key'),
        client.set('fake:b', '2'),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'rejected',
        'fulfilled',
        'rejected',
      ]);
      for (const outcome of [outcomes[0], outcomes[2]] as PromiseRejectedResult[])
        expect((outcome.reason as ReplyError).message).toBe(
          "READONLY You can't write against a read only replica.",
        );
      // The next command goes to the master the sentinel names now.
      expect(await client.set('fake:after', 'second')).toBe('OK');
      using direct = await connect(`127.0.0.1:${second.port}`);
      expect(await direct.command(['GET', 'fake:after'])).toBe('second');
      const disconnect = events.find((event) => event.event === 'disconnect') as Extract<
        ConnectionEvent,
        { event: 'disconnect' }
      >;
      expect(disconnect.address).toBe(`127.0.0.1:${first.port}`);
      expect(disconnect.reason).toBe(`127.0.0.1:${first.port} became a replica`);
      expect(disconnect.inFlight).toBe(0);
      expect(events.find((event) => event.event === 'connect')?.address).toBe(
        `127.0.0.1:${second.port}`,
      );
    } finally {
      diagnostics.unsubscribe(connectionEvents.name, listener);
      await fake.close();
      // The replica first: a master with a replica waits for it on SIGTERM.
      await first.stop();
      await second.stop();
    }
  });

  it('a failover a sentinel announces: the client and the subscriber leave the old master at once, while it still takes writes', async () => {
    const first = await startRealRedis(['--dir', directory('first')]);
    const second = await startRealRedis(['--dir', directory('second')]);
    const fake = await new FakeSentinel().start();
    diagnostics.subscribe(connectionEvents.name, listener);
    const sentinels = [`127.0.0.1:${fake.port}`];
    const subscriber = createSubscriber({ sentinels, name: 'mymaster' });
    try {
      fake.names = first.port;
      await using client = createClient({ sentinels, name: 'mymaster' });
      expect(await client.set('fake:key', 'first')).toBe('OK');
      await subscriber.subscribe('fake:news');
      // The client's lookup and the subscriber's share no locator: each
      // subscribes to +switch-master.
      await expect.poll(() => fake.subscribers.size).toBe(2);
      // Another group's failover is not this client's.
      fake.announce(`othermaster 127.0.0.1 ${first.port} 127.0.0.1 ${second.port}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await client.command(['INFO', 'server'])).toContain(`tcp_port:${first.port}`);
      events.length = 0;
      fake.names = second.port;
      fake.announce(`mymaster 127.0.0.1 ${first.port} 127.0.0.1 ${second.port}`);
      await expect
        .poll(async () => {
          await client.set('fake:after', 'x');
          return client.command(['INFO', 'server']);
        })
        .toContain(`tcp_port:${second.port}`);
      // Not READONLY, not a killed connection: the first is still a master.
      expect(await roleOf(first.port)).toBe('master');
      const disconnect = events.find(
        (event) => event.event === 'disconnect' && event.role === 'client',
      ) as Extract<ConnectionEvent, { event: 'disconnect' }>;
      expect(disconnect.reason).toBe(
        `127.0.0.1:${first.port} is no longer the master (+switch-master)`,
      );
      expect(disconnect.inFlight).toBe(0);
      // The subscriber is on the second now, and hears what is published there.
      using publisher = await connect(`127.0.0.1:${second.port}`);
      await expect
        .poll(() => publisher.command(['PUBLISH', 'fake:news', 'moved']), { timeout: 5000 })
        .toBe(1);
      expect(await subscriber.nextMessage()).toEqual({ channel: 'fake:news', message: 'moved' });
    } finally {
      subscriber.close();
      diagnostics.unsubscribe(connectionEvents.name, listener);
      await fake.close();
      await first.stop();
      await second.stop();
    }
  });
});
