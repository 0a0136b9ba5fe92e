// Helpers for the server's integration tests: our server on an ephemeral
// port, plus the shared real-Redis and raw-client support.

import { type RealRedis, startRealRedis } from '@mini-redis/testing';
import { afterAll, beforeAll } from 'vitest';
import { createServer, type Server, type ServerOptions } from '../src/index.js';

export {
  hasRedis,
  RawClient,
  type RealRedis,
  rawExchange,
  startRealRedis,
} from '@mini-redis/testing';

export async function startServer(
  options: ServerOptions = {},
): Promise<{ server: Server; port: number }> {
  const server = createServer({ port: 0, ...options });
  const { port } = await server.listen();
  return { server, port };
}

/**
 * For a differential suite: starts our server and a real redis-server
 * (with the same `requirepass`, if given) before its tests and stops both
 * after. Returns their ports, readable
 * once the tests run.
 */
export function useDifferentialServers(options: { requirepass?: string } = {}): {
  readonly ours: number;
  readonly redis: number;
} {
  let ours: { server: Server; port: number } | undefined;
  let redis: RealRedis | undefined;
  beforeAll(async () => {
    ours = await startServer(options);
    redis = await startRealRedis(
      options.requirepass === undefined ? [] : ['--requirepass', options.requirepass],
    );
  });
  afterAll(async () => {
    await ours?.server.close();
    await redis?.stop();
  });
  return {
    get ours() {
      return ours!.port;
    },
    get redis() {
      return redis!.port;
    },
  };
}
