// Helpers for the server's integration tests: our server on an ephemeral
// port, plus the shared real-Redis and raw-client support.
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
