// Chaos: many callers on one client (and on a pool) while their
// connections are killed at random moments, with random aborts before and
// after the write and per-command timeouts of a few milliseconds. What
// must hold whatever the timing: every reply reaches the caller who asked
// for it (ECHO tokens, a per-caller INCR that can only move forward within
// what was sent, pipelines and MULTI in order, large values that are one
// of the values that caller may have written); every failure is one the
// documentation names; every promise settles; the client works afterwards.
// The run is seeded, so a failure names the seed that reproduces it.

import type { ServerProcess } from '@mini-redis/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ClientError,
  createClient,
  createPool,
  createSubscriber,
  type Pool,
  type RedisClient,
} from '../src/index.js';
import { kinds } from './server-process-kinds.js';

const CALLERS = 40;
const RUN_MS = 1500;

// A small seeded generator (a linear congruential one): enough to vary
// the mix, and the seed in a failure message reproduces the run.
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Tally {
  ok: number;
  aborted: number;
  lost: number;
  timedOut: number;
  notConnected: number;
  violations: string[];
}

// Counts a failure, or records it as a violation when it is none of the
// documented outcomes of a command whose connection may drop.
function tallyFailure(tally: Tally, error: unknown): void {
  if (error instanceof Error && error.message === 'chaos abort') tally.aborted++;
  else if (ClientError.is(error) && error.code === 'ERR_CONNECTION_LOST') tally.lost++;
  else if (ClientError.is(error) && error.code === 'ERR_TIMEOUT') tally.timedOut++;
  else if (ClientError.is(error) && error.code === 'ERR_NOT_CONNECTED') tally.notConnected++;
  else tally.violations.push(`unexpected failure: ${String(error)}`);
}

// One caller: a random mix of commands, each checked against what this
// caller alone could have caused. `ordered`: its commands share one
// connection, so one it gave up on (timed out, aborted) after it was
// written runs before its next ones, if at all. On a pool they may not:
// such a command can still run on its connection after the caller's next
// ones ran on another.
async function caller(
  id: number,
  target: () => RedisClient,
  ordered: boolean,
  random: () => number,
  running: () => boolean,
  tally: Tally,
): Promise<void> {
  let incrsSent = 0;
  let lastCount = 0;
  let writes = 0;
  // The values the caller's big key may hold: the last one confirmed, plus
  // any written since whose outcome is unknown (lost, timed out, aborted);
  // on a pool, also any given up on that may still be on its way.
  let possible = new Set<string | null>([null]);
  const lingering = new Set<string>();
  const fail = (what: string) => tally.violations.push(`caller ${id}: ${what}`);
  while (running()) {
    const options: { signal?: AbortSignal; timeout?: number } = {};
    const chance = random();
    if (chance < 0.05) options.signal = AbortSignal.abort(new Error('chaos abort'));
    else if (chance < 0.15) {
      const controller = new AbortController();
      options.signal = controller.signal;
      setTimeout(() => controller.abort(new Error('chaos abort')), Math.floor(random() * 3));
    } else if (chance < 0.22) options.timeout = 1 + Math.floor(random() * 4);
    const client = target();
    const kind = random();
    try {
      if (kind < 0.35) {
        const token = `echo:${id}:${random()}`;
        const reply = await client.echo(token, options);
        if (reply !== token) fail(`ECHO ${token} answered ${reply}`);
      } else if (kind < 0.6) {
        incrsSent++;
        const count = await client.incr(`chaos:count:${id}`, options);
        if (count <= lastCount || count > incrsSent)
          fail(`INCR answered ${count} after ${lastCount}, with ${incrsSent} sent`);
        lastCount = count;
      } else if (kind < 0.8) {
        const transaction = kind >= 0.72;
        const tokens = Array.from(
          { length: 1 + Math.floor(random() * 12) },
          (_, i) => `${id}:${i}:${random()}`,
        );
        const batch = transaction ? client.multi() : client.pipeline();
        // Each call adds to the same batch (only its type changes).
        for (const token of tokens) batch.command(['ECHO', token]);
        const replies = await batch.exec(options);
        if (JSON.stringify(replies) !== JSON.stringify(tokens))
          fail(`${transaction ? 'MULTI' : 'pipeline'} answered ${JSON.stringify(replies)}`);
      } else if (kind < 0.9) {
        // Up to 200 KB: replies span many reads, and slices of them.
        const value = `${id}:${writes++}:`.padEnd(Math.floor(random() * 200_000), 'v');
        possible.add(value);
        const reply = await client
          .set(`chaos:big:${id}`, value, options)
          .catch((error: unknown) => {
            // Lost with its connection, or never sent: it cannot run later.
            const settled =
              ClientError.is(error) &&
              (error.code === 'ERR_CONNECTION_LOST' || error.code === 'ERR_NOT_CONNECTED');
            if (!ordered && !settled) lingering.add(value);
            // Never sent: a GET that finds it proves otherwise.
            if (ClientError.is(error) && error.code === 'ERR_NOT_CONNECTED') possible.delete(value);
            throw error;
          });
        if (reply !== 'OK') fail(`SET answered ${reply}`);
        possible = new Set([value, ...lingering]);
      } else {
        const value = await client.get(`chaos:big:${id}`, options);
        if (!possible.has(value))
          fail(`GET answered a value this caller never wrote (${String(value).slice(0, 24)})`);
      }
      tally.ok++;
    } catch (error) {
      tallyFailure(tally, error);
      // Failed at once (offlineQueue off, or offline): let the reconnect
      // run, rather than spin on failures that never yield to it.
      if (ClientError.is(error) && error.code === 'ERR_NOT_CONNECTED')
        await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}

for (const kind of kinds) {
  describe.skipIf(!kind.enabled)(`chaos against ${kind.name}`, () => {
    let server: ServerProcess;

    beforeEach(async () => {
      server = await kind.start();
    });

    afterEach(async () => {
      await server?.stop();
    });

    // Runs the callers against `target` while an admin connection kills
    // every other normal connection at random intervals; then checks.
    async function run(seed: number, target: () => RedisClient, ordered: boolean): Promise<Tally> {
      const random = generator(seed);
      const tally: Tally = {
        ok: 0,
        aborted: 0,
        lost: 0,
        timedOut: 0,
        notConnected: 0,
        violations: [],
      };
      let running = true;
      await using admin = createClient(`127.0.0.1:${server.port}`);
      const killer = (async () => {
        while (running) {
          await new Promise((resolve) => setTimeout(resolve, 20 + random() * 120));
          // SKIPME yes (the default): the admin's own connection stays.
          await admin.command(['CLIENT', 'KILL', 'TYPE', 'normal']);
        }
      })();
      const callers = Array.from({ length: CALLERS }, (_, id) =>
        caller(id, target, ordered, random, () => running, tally),
      );
      await new Promise((resolve) => setTimeout(resolve, RUN_MS));
      running = false;
      await killer;
      // Every caller's last command settles: none is left waiting.
      await Promise.all(callers);
      return tally;
    }

    // The client works again once the dust settles. The last kill may not
    // have been noticed yet: a command written into that dead connection
    // fails as lost, and the reconnect makes the next one go through.
    // With offlineQueue off, a command fails unsent while the client
    // reconnects: each attempt waits for ready() first.
    async function worksAfter(client: () => RedisClient, offlineQueue = true): Promise<void> {
      for (let attempt = 0; ; attempt++) {
        if (!offlineQueue) await client().ready();
        const reply = await client()
          .echo('after the chaos')
          .catch((error: unknown) => error);
        if (reply === 'after the chaos') return;
        expect(ClientError.is(reply) && attempt < 5 && reply.code).toBe(
          !offlineQueue && ClientError.is(reply) && reply.code === 'ERR_NOT_CONNECTED'
            ? 'ERR_NOT_CONNECTED'
            : 'ERR_CONNECTION_LOST',
        );
      }
    }

    // The chaos happened: each kind of outcome was seen, none was a violation.
    function expectChaos(seed: number, tally: Tally): void {
      expect({ seed, violations: tally.violations }).toEqual({ seed, violations: [] });
      expect(tally.ok).toBeGreaterThan(100);
      expect(tally.lost).toBeGreaterThan(0);
      expect(tally.aborted).toBeGreaterThan(0);
      expect(tally.timedOut).toBeGreaterThan(0);
    }

    it('keeps every reply with its caller on one client', async () => {
      const seed = Date.now();
      await using client = createClient(`127.0.0.1:${server.port}`, {
        maxInFlight: 64,
        reconnect: { initialDelay: 5, maxDelay: 50, maxAttempts: 1000 },
      });
      const tally = await run(seed, () => client, true);
      expectChaos(seed, tally);
      await worksAfter(() => client);
    });

    it('keeps every reply with its caller on one client with offlineQueue off', async () => {
      const seed = Date.now();
      await using client = createClient(`127.0.0.1:${server.port}`, {
        maxInFlight: 64,
        offlineQueue: false,
        reconnect: { initialDelay: 5, maxDelay: 50, maxAttempts: 1000 },
      });
      await client.ready();
      const tally = await run(seed, () => client, true);
      expectChaos(seed, tally);
      // Commands failed unsent while it reconnected, rather than waiting.
      expect(tally.notConnected).toBeGreaterThan(0);
      await worksAfter(() => client, false);
    });

    it('keeps every reply with its caller on a pool, leases included', async () => {
      const seed = Date.now();
      await using pool: Pool = createPool(`127.0.0.1:${server.port}`, {
        size: 3,
        reconnect: { initialDelay: 5, maxDelay: 50, maxAttempts: 1000 },
      });
      // Leases alongside: check-and-set under WATCH, then SELECT, on a
      // connection of their own that the killer drops too.
      let running = true;
      const leaseViolations: string[] = [];
      const leaser = (async () => {
        let leases = 0;
        while (running) {
          try {
            await using lease = await pool.lease();
            await lease.client.watch('chaos:cas');
            const current = Number((await lease.client.get('chaos:cas')) ?? 0);
            const result = await lease.client
              .multi()
              .set('chaos:cas', String(current + 1))
              .command(['ECHO', 'done'])
              .exec();
            if (result !== null && JSON.stringify(result) !== '["OK","done"]')
              leaseViolations.push(`lease MULTI answered ${JSON.stringify(result)}`);
            expect(await lease.client.select(1)).toBe('OK');
            leases++;
          } catch (error) {
            if (!ClientError.is(error)) leaseViolations.push(`lease: ${String(error)}`);
          }
        }
        return leases;
      })();
      const tally = await run(seed, () => pool.client(), false);
      running = false;
      expect(await leaser).toBeGreaterThan(0);
      expect({ seed, leaseViolations }).toEqual({ seed, leaseViolations: [] });
      expectChaos(seed, tally);
      // A released lease's SELECT did not leak into the next one.
      await using lease = await pool.lease();
      expect(await lease.client.command(['CLIENT', 'INFO'])).toMatch(/ db=0 /);
      await worksAfter(() => pool.client());
    });

    it('keeps a subscriber in order and its subscriptions exact while its connection is killed', async () => {
      const seed = Date.now();
      const random = generator(seed);
      const address = `127.0.0.1:${server.port}`;
      const reconnect = { initialDelay: 5, maxDelay: 50, maxAttempts: 1000 };
      using subscriber = createSubscriber(address, { reconnect, capacity: 64 });
      await using publisher = createClient(address, { reconnect });
      await using admin = createClient(address);
      await subscriber.ready;
      const channels = ['a', 'b', 'c', 'd'];
      let running = true;
      const violations: string[] = [];
      // Per channel (and pattern), numbers must only go up: a reconnect may
      // lose messages (pub/sub's contract), never repeat or reorder them.
      const last = new Map<string, number>();
      const finals = new Map<string, number>();
      const consumer = (async () => {
        for await (const { channel, message, pattern, shard } of subscriber) {
          const source = `${shard === true ? 's' : (pattern ?? '')}|${channel}`;
          if (message === 'final') {
            finals.set(source, (finals.get(source) ?? 0) + 1);
            continue;
          }
          const number = Number(message);
          if (number <= (last.get(source) ?? -1))
            violations.push(`${source}: ${number} after ${last.get(source)} (seed ${seed})`);
          last.set(source, number);
          // At times a slow consumer, so the queue fills and reading stops.
          if (random() < 0.01) await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      const publishing = (async () => {
        // Shard channels of the same names count on their own.
        const next = new Map(
          channels.flatMap((channel) => [
            [channel, 0],
            [`s|${channel}`, 0],
          ]),
        );
        while (running) {
          const channel = channels[Math.floor(random() * channels.length)]!;
          const shard = random() < 0.3;
          const counter = shard ? `s|${channel}` : channel;
          const number = next.get(counter)!;
          next.set(counter, number + 1);
          await (shard
            ? publisher.spublish(channel, String(number))
            : publisher.publish(channel, String(number))
          ).catch(() => {});
        }
      })();
      let changes = 0;
      const changing = (async () => {
        while (running) {
          const channel = channels[Math.floor(random() * channels.length)]!;
          const choice = random();
          // Each change settles, whatever the kills do meanwhile.
          await (choice < 0.3
            ? subscriber.subscribe(channel)
            : choice < 0.5
              ? subscriber.unsubscribe(channel)
              : choice < 0.62
                ? subscriber.psubscribe(`${channel}*`)
                : choice < 0.74
                  ? subscriber.punsubscribe(`${channel}*`)
                  : choice < 0.88
                    ? subscriber.ssubscribe(channel)
                    : subscriber.sunsubscribe(channel));
          changes++;
        }
      })();
      const killing = (async () => {
        while (running) {
          await new Promise((resolve) => setTimeout(resolve, 20 + random() * 120));
          await admin.command(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, RUN_MS));
      running = false;
      await Promise.all([publishing, changing, killing]);
      expect(subscriber.connections).toBeGreaterThan(3);
      expect(changes).toBeGreaterThan(10);
      // Settle on a known set, then a marker on every channel: exactly the
      // subscribed ones (and the pattern's) deliver it, once each.
      await subscriber.unsubscribe();
      await subscriber.punsubscribe();
      await subscriber.sunsubscribe();
      await subscriber.subscribe('a', 'b');
      await subscriber.psubscribe('c*');
      await subscriber.ssubscribe('d');
      for (const channel of channels) await publisher.publish(channel, 'final');
      for (const channel of channels) await publisher.spublish(channel, 'final');
      for (let i = 0; i < 500 && !finals.has('s|d'); i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
      subscriber.close();
      await consumer;
      expect({ seed, violations }).toEqual({ seed, violations: [] });
      expect(Object.fromEntries(finals)).toEqual({ '|a': 1, '|b': 1, 'c*|c': 1, 's|d': 1 });
    });
  });
}
