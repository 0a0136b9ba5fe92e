// The servers the client's behaviour tests run against, side by side:
// @mini-redis/server, and a real redis-server, over RESP3 and over RESP2
// (skipped with a visible message when it is not installed; required
// under CI=true).

import { createServer } from '@mini-redis/server';
import { hasRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll } from 'vitest';
import { createClient, type RedisClient } from '../src/index.js';

export interface Target {
  readonly name: string;
  readonly enabled: boolean;
  /** The protocol the client ends up speaking there. */
  readonly protocol: 2 | 3;
  /**
   * Starts a server (with `requirepass` when given, also listening on the
   * Unix socket `unixSocket` when given); resolves its TCP address and a
   * stop function.
   */
  start(
    requirepass?: string,
    unixSocket?: string,
  ): Promise<{ address: string; stop(): Promise<void> }>;
}

export const targets: readonly Target[] = [
  {
    name: '@mini-redis/server',
    enabled: true,
    protocol: 3,
    async start(requirepass, unixSocket) {
      const server = createServer({
        port: 0,
        ...(requirepass === undefined ? {} : { requirepass }),
        ...(unixSocket === undefined ? {} : { unixSocket }),
      });
      const { port } = await server.listen();
      return { address: `127.0.0.1:${port}`, stop: () => server.close() };
    },
  },
  {
    name: 'a real redis-server',
    enabled: hasRedis(),
    protocol: 3,
    async start(requirepass, unixSocket) {
      const redis = await startRealRedis([
        ...(requirepass === undefined ? [] : ['--requirepass', requirepass]),
        ...(unixSocket === undefined ? [] : ['--unixsocket', unixSocket]),
      ]);
      return { address: `127.0.0.1:${redis.port}`, stop: () => redis.stop() };
    },
  },
  {
    // HELLO renamed away: Redis answers it as a server before 6 does, and
    // the client falls back to RESP2, AUTH and CLIENT SETNAME.
    name: 'a real redis-server without HELLO (RESP2)',
    enabled: hasRedis(),
    protocol: 2,
    async start(requirepass, unixSocket) {
      const redis = await startRealRedis([
        '--rename-command',
        'HELLO',
        '',
        ...(requirepass === undefined ? [] : ['--requirepass', requirepass]),
        ...(unixSocket === undefined ? [] : ['--unixsocket', unixSocket]),
      ]);
      return { address: `127.0.0.1:${redis.port}`, stop: () => redis.stop() };
    },
  },
];

/**
 * Starts `target` before the suite's tests (unless it is not enabled)
 * with one client on it, and stops both after; the returned getter gives
 * that client.
 */
export function useTargetClient(target: Target): () => RedisClient {
  let server: { address: string; stop(): Promise<void> } | undefined;
  let client: RedisClient | undefined;
  beforeAll(async () => {
    if (!target.enabled) return;
    server = await target.start();
    client = createClient(server.address);
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });
  return () => client!;
}
