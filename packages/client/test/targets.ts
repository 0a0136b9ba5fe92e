// The servers the client's behaviour tests run against, side by side:
// @mini-redis/server, and a real redis-server (skipped with a visible
// message when it is not installed; required under CI=true).

import { createServer } from '@mini-redis/server';
import { hasRedis, startRealRedis } from '@mini-redis/testing';

export interface Target {
  readonly name: string;
  readonly enabled: boolean;
  /** Starts a server (with `requirepass` when given); resolves its address and a stop function. */
  start(requirepass?: string): Promise<{ address: string; stop(): Promise<void> }>;
}

export const targets: readonly Target[] = [
  {
    name: '@mini-redis/server',
    enabled: true,
    async start(requirepass) {
      const server = createServer(
        requirepass === undefined ? { port: 0 } : { port: 0, requirepass },
      );
      const { port } = await server.listen();
      return { address: `127.0.0.1:${port}`, stop: () => server.close() };
    },
  },
  {
    name: 'a real redis-server',
    enabled: hasRedis(),
    async start(requirepass) {
      const redis = await startRealRedis(
        requirepass === undefined ? [] : ['--requirepass', requirepass],
      );
      return { address: `127.0.0.1:${redis.port}`, stop: () => redis.stop() };
    },
  },
];
