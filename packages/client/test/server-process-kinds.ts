// The servers in processes of their own that server-processes.test.ts and
// silent-servers.test.ts run the client against: our mini-redis-server
// binary, and a real redis-server over RESP3 and over RESP2 (skipped with
// a visible message when it is not installed; required under CI=true).
// Plus the helpers both use.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encodeCommand } from '@mini-redis/resp';
import { hasRedis, startMiniRedisProcess, startRealRedis } from '@mini-redis/testing';
import type { PubSubClient, RedisClient } from '../src/index.js';

const serverBin = join(
  dirname(createRequire(import.meta.url).resolve('@mini-redis/server/package.json')),
  'bin',
  'mini-redis-server.js',
);

/** Each kind starts a server; `extra` are command-line options both servers take. */
export const kinds = [
  {
    name: 'the mini-redis-server binary',
    enabled: true,
    // Our server has no lists, so no blocking commands.
    blockingCommands: false,
    protocol: 3,
    start: (extra: string[] = []) => {
      // The binary runs the server's build; turbo builds it before these tests.
      if (!existsSync(join(dirname(serverBin), '..', 'dist', 'main.js')))
        throw new Error('@mini-redis/server is not built: run `npm run build` first');
      return startMiniRedisProcess(serverBin, extra);
    },
  },
  {
    name: 'a real redis-server',
    enabled: hasRedis(),
    blockingCommands: true,
    protocol: 3,
    start: (extra: string[] = []) => startRealRedis(extra),
  },
  {
    // HELLO renamed away: the client falls back to RESP2 (as with Redis 5).
    name: 'a real redis-server without HELLO (RESP2)',
    enabled: hasRedis(),
    blockingCommands: true,
    protocol: 2,
    start: (extra: string[] = []) => startRealRedis(['--rename-command', 'HELLO', '', ...extra]),
  },
];

/** The bytes of one command as the client encodes it. */
export const size = (...args: string[]) => encodeCommand(args).length;

/** Settles as `promise`, or resolves 'still pending' after `ms`. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still pending'> {
  return Promise.race([
    promise,
    new Promise<'still pending'>((resolve) => setTimeout(() => resolve('still pending'), ms)),
  ]);
}

/** What a promise settled with: its value, or the error it rejected with. */
export const outcome = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

/** Publishes until someone receives it, then resolves what the subscriber got. */
export async function deliver(
  publisher: RedisClient,
  subscriber: PubSubClient,
  channel: string,
  text: string,
) {
  for (let attempt = 0; attempt < 500; attempt++) {
    if ((await publisher.publish(channel, text)) > 0) return subscriber.nextMessage();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the subscription never became active');
}
