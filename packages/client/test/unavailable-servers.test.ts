// A real redis-server that is up but cannot serve yet: one restarted and
// still loading its dataset (it answers HELLO but refuses PING with
// -LOADING), one busy with a script past its time limit (it refuses
// SELECT and CLIENT SETNAME with -BUSY). Connecting then is a failed
// attempt, retried, not a refusal of the options: the client and the
// subscriber get in once the server is done, and commands wait for it.
// (Our server has neither scripts nor persistence: Redis only.)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RawClient, rawExchange, type ServerProcess } from '@mini-redis/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createClient, createSubscriber, type PubSubClient } from '../src/index.js';
import { until } from './controlled-server.js';
import { kinds, outcome, within } from './server-process-kinds.js';

const reconnect = { initialDelay: 20, maxDelay: 100 };

/** Publishes until `subscribers.length` receive it, then what each got. */
async function deliverToAll(address: string, subscribers: PubSubClient[], text: string) {
  await using publisher = createClient(address);
  for (let attempt = 0; attempt < 500; attempt++) {
    if ((await publisher.publish('news', text)) === subscribers.length)
      return Promise.all(subscribers.map((subscriber) => subscriber.nextMessage()));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the subscriptions never became active');
}

for (const kind of kinds.filter((kind) => kind.name.includes('real redis-server'))) {
  describe.skipIf(!kind.enabled)(`the client against ${kind.name} that cannot serve yet`, () => {
    let server: ServerProcess | undefined;
    let dir: string | undefined;

    afterEach(async () => {
      // SIGKILL: a server stuck in a script may not heed SIGTERM.
      await server?.kill();
      server = undefined;
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    });

    it('waits out a restart that loads the dataset: commands wait, subscribers connect and resubscribe', async () => {
      dir = mkdtempSync(join(tmpdir(), 'mini-redis-loading-'));
      // 20,000 keys at 50 µs each: about a second of loading after a restart.
      server = await kind.start([
        '--dir',
        dir,
        '--dbfilename',
        'dump.rdb',
        '--enable-debug-command',
        'local',
        '--key-load-delay',
        '50',
        '--loading-process-events-interval-bytes',
        '1024',
      ]);
      const address = `127.0.0.1:${server.port}`;
      expect(await rawExchange(server.port, [['DEBUG', 'POPULATE', '20000'], ['SAVE']])).toBe(
        '+OK\r\n+OK\r\n',
      );

      using before = createSubscriber(address, { reconnect });
      await before.subscribe('news');
      await using client = createClient(address, {
        reconnect: { ...reconnect, maxAttempts: 1000 },
      });
      expect(await client.get('key:7')).toBe('value:7');
      await server.kill();
      await server.restart();
      // The restart answers as soon as it listens: still loading.
      expect(await rawExchange(server.port, [['PING']])).toMatch(/^-LOADING /);
      // Sent while loading: it waits for the load instead of failing
      // with LOADING (HELLO is answered meanwhile, PING is not).
      const read = outcome(client.get('key:8'));
      expect(await within(read, 100)).toBe('still pending');
      expect(await read).toBe('value:8');

      using during = createSubscriber(address, { reconnect });
      await during.subscribe('news');
      await during.ready;
      await until(() => before.connections === 2, 10_000);
      expect(await deliverToAll(address, [before, during], 'loaded')).toEqual([
        { channel: 'news', message: 'loaded' },
        { channel: 'news', message: 'loaded' },
      ]);
      expect(await rawExchange(server.port, [['DBSIZE']])).toBe(':20000\r\n');
    }, 30_000);

    it('waits out a busy script: a client with a database and a name connects once it ends', async () => {
      server = await kind.start(['--busy-reply-threshold', '50']);
      const address = `127.0.0.1:${server.port}`;
      const script = await RawClient.connect(server.port);
      try {
        script.send([['EVAL', 'while true do end', '0']]);
        // Busy once the script has run past the threshold.
        for (;;) {
          if ((await rawExchange(server.port, [['SELECT', '1']])).startsWith('-BUSY ')) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }

        // connect() does not retry: it says the server refused for now.
        const direct = await outcome(connect(address, { db: 1 }));
        expect(direct).toMatchObject({ code: 'ERR_NOT_CONNECTED' });
        expect((direct as Error).message).toMatch(
          /^Connection set-up was refused for now: BUSY Redis is busy running a script/,
        );

        await using client = createClient(address, { db: 1, name: 'waiter', reconnect });
        const written = outcome(client.set('k', 'v'));
        // Not refused for good: still trying while the script runs.
        expect(await within(written, 300)).toBe('still pending');
        expect(await rawExchange(server.port, [['SCRIPT', 'KILL']])).toBe('+OK\r\n');
        expect(await written).toBe('OK');
        expect(await client.command(['CLIENT', 'GETNAME'])).toBe('waiter');
        expect(
          await rawExchange(server.port, [
            ['SELECT', '1'],
            ['GET', 'k'],
          ]),
        ).toBe('+OK\r\n$1\r\nv\r\n');
      } finally {
        script.close();
      }
    }, 30_000);
  });
}
