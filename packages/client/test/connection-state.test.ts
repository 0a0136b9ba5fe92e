// The state of the connection every handle shares (src/actor/connection-state.ts):
// SELECT, AUTH, CLIENT SETNAME and CLIENT NO-EVICT survive a reconnect; commands that would
// break the shared connection are refused before anything is sent. Run
// against @mini-redis/server and against a real redis-server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientError, createClient, createPool, type RedisClient } from '../src/index.js';
import { targets } from './targets.js';

// Kills `client`'s connection from `admin`, then runs `next` until it gets
// through the reconnect. The command in flight when the connection died
// fails with ERR_CONNECTION_LOST, as documented; nothing else may fail.
async function afterReconnect<T>(
  client: RedisClient,
  admin: RedisClient,
  next: () => Promise<T>,
): Promise<T> {
  const id = (await client.command(['CLIENT', 'ID'])) as number;
  expect(await admin.command(['CLIENT', 'KILL', 'ID', id])).toBe(1);
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const result = await next();
      // Prove it went over a new connection.
      expect(await client.command(['CLIENT', 'ID'])).not.toBe(id);
      return result;
    } catch (error) {
      if (!(ClientError.is(error) && error.code === 'ERR_CONNECTION_LOST')) throw error;
    }
  }
  throw new Error('no reply after 50 attempts');
}

for (const target of targets) {
  describe.skipIf(!target.enabled)(`connection state against ${target.name}`, () => {
    let address: string;
    let stop: () => Promise<void>;

    beforeAll(async () => {
      ({ address, stop } = await target.start());
    });

    afterAll(async () => {
      await stop?.();
    });

    it('selects again, after a reconnect, the database SELECT chose', async () => {
      await using admin = createClient(address);
      await using client = createClient(address);
      expect(await client.select(5)).toBe('OK');
      await client.set('state:db', 'five');
      expect(await client.command(['SELECT', Buffer.from('6')])).toBe('OK');
      await client.set('state:db', 'six');
      expect(await afterReconnect(client, admin, () => client.get('state:db'))).toBe('six');
      // An error reply changes nothing.
      await expect(client.command(['SELECT', '99'])).rejects.toThrow(
        'ERR DB index is out of range',
      );
      expect(await afterReconnect(client, admin, () => client.get('state:db'))).toBe('six');
      // Other handles of the client share the connection, and so the database.
      const clone = client.clone();
      expect(await clone.get('state:db')).toBe('six');
      await clone.close();
      expect(await admin.get('state:db')).toBeNull();
    });

    it('names the connection again, after a reconnect, as CLIENT SETNAME left it', async () => {
      await using admin = createClient(address);
      await using client = createClient(address, { name: 'first-name' });
      expect(await client.command(['client', 'setname', 'second-name'])).toBe('OK');
      expect(await afterReconnect(client, admin, () => client.command(['CLIENT', 'GETNAME']))).toBe(
        'second-name',
      );
      // An empty name clears it, and it stays cleared.
      expect(await client.command(['CLIENT', 'SETNAME', ''])).toBe('OK');
      expect(
        await afterReconnect(client, admin, () => client.command(['CLIENT', 'GETNAME'])),
      ).toBeNull();
    });

    it('exempts the connection from client eviction again, after a reconnect, as the option or CLIENT NO-EVICT left it', async () => {
      await using admin = createClient(address);
      await using client = createClient(address, { noEvict: true });
      const flags = async () => /flags=(\S+)/.exec(await client.clientInfo())![1]!;
      expect(await flags()).toBe('e');
      expect(await afterReconnect(client, admin, flags)).toBe('e');
      // Taken back through command(), in the server's any case: it stays off.
      expect(await client.command(['CLIENT', 'NO-EVICT', 'Off'])).toBe('OK');
      expect(await flags()).toBe('N');
      expect(await afterReconnect(client, admin, flags)).toBe('N');
      expect(await client.clientNoEvict(true)).toBe('OK');
      expect(await afterReconnect(client, admin, flags)).toBe('e');
      // A refused value changes nothing.
      await expect(client.command(['CLIENT', 'NO-EVICT', 'maybe'])).rejects.toThrow(
        /^ERR syntax error/,
      );
      expect(await afterReconnect(client, admin, flags)).toBe('e');
    });

    it("exempts every routed connection of a pool with the option, and takes back a lease holder's exemption", async () => {
      await using pool = createPool(address, { size: 2, noEvict: true, name: 'exempt-pool' });
      // Every routed connection has done its handshake.
      await pool.ready();
      const lines = String(await pool.client().clientList({ TYPE: 'normal' }));
      await expect(pool.client().clientNoEvict(false)).rejects.toThrow(
        /^CLIENT NO-EVICT would change one connection/,
      );
      await using plain = createPool(address, { size: 1 });
      let leased: number;
      {
        await using lease = await plain.lease();
        leased = await lease.client.clientId();
        expect(await lease.client.clientNoEvict(true)).toBe('OK');
      }
      {
        await using lease = await plain.lease();
        // The same connection, reset: no longer exempt.
        expect(await lease.client.clientId()).toBe(leased);
        expect(/flags=(\S+)/.exec(await lease.client.clientInfo())![1]).toBe('N');
      }
      // Both routed connections of the first pool are exempt.
      const routed = lines.split('\n').filter((line) => line.includes(' name=exempt-pool '));
      expect(routed.map((line) => /flags=(\S+)/.exec(line)![1])).toEqual(['e', 'e']);
    });

    it('refuses, with nothing sent, commands that would break the shared connection', async () => {
      await using client = createClient(address);
      await client.set('state:refused', 'value');
      const id = await client.clientId();
      const refused: [string[], string][] = [
        [
          ['MULTI'],
          "MULTI would take other callers' commands into the transaction: use multi(), which writes the transaction back to back",
        ],
        [['exec'], 'EXEC ends a transaction, and transactions go through multi()'],
        [['DISCARD'], 'DISCARD ends a transaction, and transactions go through multi()'],
        [
          ['WATCH', 'state:refused'],
          'WATCH applies to the connection every handle shares: lease a connection (pool.lease()) or use connect(address)',
        ],
        [
          ['UNWATCH'],
          'UNWATCH applies to the connection every handle shares: lease a connection (pool.lease()) or use connect(address)',
        ],
        [
          ['HELLO', '2'],
          'HELLO would change the protocol the client chose: use the username, password and name options',
        ],
        [
          ['RESET'],
          "RESET would reset the connection every handle shares: use connect(address) for a connection of one's own",
        ],
        [
          ['CLIENT', 'REPLY', 'OFF'],
          'CLIENT REPLY would stop the replies the client matches to callers one to one',
        ],
        [
          ['PSUBSCRIBE', 'x*'],
          'PSUBSCRIBE needs a connection of its own: use createSubscriber() or connect(address).subscribe()',
        ],
        [
          ['SSUBSCRIBE', 'shard'],
          'SSUBSCRIBE needs a connection of its own: use createSubscriber() and its ssubscribe()',
        ],
        [
          ['SUNSUBSCRIBE'],
          'SUNSUBSCRIBE needs a connection of its own: use createSubscriber() and its sunsubscribe()',
        ],
        [['MONITOR'], 'MONITOR needs a connection of its own: use createMonitor(address)'],
        [
          ['SYNC'],
          "SYNC would make the connection a replica, fed the server's dataset and writes instead of replies",
        ],
        [
          ['psync', '?', '-1'],
          "PSYNC would make the connection a replica, fed the server's dataset and writes instead of replies",
        ],
        [
          ['QUIT'],
          'QUIT would close the connection every handle shares, and the client would open another: use close()',
        ],
      ];
      for (const [args, message] of refused) {
        await expect(client.command(args)).rejects.toThrow(new TypeError(message));
      }
      await expect(client.commandBuffer([Buffer.from('multi')])).rejects.toBeInstanceOf(TypeError);
      // The typed methods are refused the same way.
      await expect(client.watch(['state:refused'])).rejects.toThrow(new TypeError(refused[3]![1]));
      await expect(client.unwatch()).rejects.toThrow(new TypeError(refused[4]![1]));
      // Had MULTI gone out, this would be QUEUED; had HELLO 2, a RESP2 connection.
      expect(await client.get('state:refused')).toBe('value');
      const info = (await client.command(['CLIENT', 'INFO'])) as string;
      expect(info).toMatch(new RegExp(` resp=${target.protocol}(\\s|$)`));
      expect(info).toContain(' multi=-1 ');
      // Had SYNC or QUIT gone out, the connection would have been replaced.
      expect(await client.clientId()).toBe(id);
    });

    it('refuses state changes in batches, where they could not be restored', () => {
      const client = createClient(address);
      expect(() => client.pipeline().command(['SELECT', 1])).toThrow(
        new TypeError(
          "SELECT would change one connection where the change cannot be restored (a batch, or a pool's shared connection): send it on its own from a client, or set the db, username, password, name or noEvict option",
        ),
      );
      expect(() => client.multi().command(['CLIENT', 'SETNAME', 'x'])).toThrow(
        /^CLIENT SETNAME would change one connection/,
      );
      expect(() => client.pipeline().command(['client', 'no-evict', 'on'])).toThrow(
        /^CLIENT NO-EVICT would change one connection/,
      );
      expect(() => client.pipeline().command(['AUTH', 'pw'])).toThrow(TypeError);
      expect(() => client.pipeline().command(['MULTI'])).toThrow(TypeError);
      void client.close();
    });

    it("refuses SELECT on a pool's routed connections, and allows it on a lease", async () => {
      await using pool = createPool(address, { size: 2 });
      await expect(pool.command(['SELECT', '2'])).rejects.toThrow(
        /^SELECT would change one connection/,
      );
      await expect(pool.client().select(2)).rejects.toBeInstanceOf(TypeError);
      {
        await using lease = await pool.lease();
        expect(await lease.client.select(2)).toBe('OK');
        await lease.client.set('state:pool', 'db2');
      }
      expect(await pool.command(['GET', 'state:pool'])).toBeNull();
    });
  });

  describe.skipIf(!target.enabled)(`a pool lease against ${target.name}`, () => {
    it("allows WATCH and MULTI through command(), since the connection is the caller's own", async () => {
      const { address, stop } = await target.start();
      try {
        await using admin = createClient(address);
        await using pool = createPool(address, { size: 1 });
        await using lease = await pool.lease();
        expect(await lease.client.command(['WATCH', 'lease:watched'])).toBe('OK');
        await admin.set('lease:watched', 'changed elsewhere');
        expect(await lease.client.command(['MULTI'])).toBe('OK');
        expect(await lease.client.command(['SET', 'lease:watched', 'mine'])).toBe('QUEUED');
        // The watched key changed: the transaction is not run.
        expect(await lease.client.command(['EXEC'])).toBeNull();
        expect(await admin.get('lease:watched')).toBe('changed elsewhere');
        expect(await lease.client.command(['DISCARD']).catch((error: Error) => error.message)).toBe(
          'ERR DISCARD without MULTI',
        );
        expect(await lease.client.unwatch()).toBe('OK');
      } finally {
        await stop();
      }
    });

    it('runs check-and-set with WATCH and multi(): concurrent increments are never lost', async () => {
      const { address, stop } = await target.start();
      try {
        await using pool = createPool(address, { size: 8 });
        await pool.client().set('cas:counter', '0');
        let retries = 0;
        // Eight workers, 25 increments each, all racing on one key: each
        // reads, then writes only if nobody wrote in between.
        const worker = async () => {
          await using lease = await pool.lease();
          const client = lease.client;
          for (let done = 0; done < 25; ) {
            expect(await client.watch('cas:counter')).toBe('OK');
            const current = Number(await client.get('cas:counter'));
            // Yield, so other workers get to write between the read and EXEC.
            await new Promise((resolve) => setImmediate(resolve));
            const result = await client
              .multi()
              .set('cas:counter', String(current + 1))
              .exec();
            if (result === null) retries++;
            else done++;
          }
        };
        await Promise.all(Array.from({ length: 8 }, worker));
        expect(await pool.client().get('cas:counter')).toBe('200');
        // The race did happen: some transactions saw a changed key and retried.
        expect(retries).toBeGreaterThan(0);
      } finally {
        await stop();
      }
    });

    it('never reconnects a lease: a WATCH cannot be lost to a reconnect', async () => {
      const { address, stop } = await target.start();
      try {
        await using admin = createClient(address);
        await using pool = createPool(address, { size: 1 });
        const lease = await pool.lease();
        const id = (await lease.client.command(['CLIENT', 'ID'])) as number;
        expect(await admin.command(['CLIENT', 'KILL', 'ID', id])).toBe(1);
        // The command in flight when the drop is seen may fail as lost;
        // after that, every command fails unsent.
        let code: string | false = false;
        for (let attempt = 0; attempt < 50 && code !== 'ERR_NOT_CONNECTED'; attempt++) {
          const error = await lease.client.ping().catch((caught: unknown) => caught);
          code = ClientError.is(error) && error.code;
          expect(['ERR_CONNECTION_LOST', 'ERR_NOT_CONNECTED']).toContain(code);
        }
        expect(code).toBe('ERR_NOT_CONNECTED');
        await lease.release();
        // The next lease is a new connection.
        await using next = await pool.lease();
        expect(await next.client.ping()).toBe('PONG');
      } finally {
        await stop();
      }
    });
  });

  describe.skipIf(!target.enabled)(`AUTH against ${target.name}`, () => {
    it('authenticates again, after a reconnect, with the password AUTH last gave', async () => {
      const { address, stop } = await target.start('first');
      try {
        await using admin = createClient(address, { password: 'first' });
        await using client = createClient(address, { password: 'first' });
        await admin.ping();
        expect(await client.command(['CONFIG', 'SET', 'requirepass', 'second'])).toBe('OK');
        // A wrong password is an error reply, and changes nothing recorded.
        await expect(client.command(['AUTH', 'wrong'])).rejects.toThrow(/^WRONGPASS/);
        expect(await client.command(['AUTH', 'default', 'second'])).toBe('OK');
        expect(await afterReconnect(client, admin, () => client.ping())).toBe('PONG');
      } finally {
        await stop();
      }
    });
  });
}
