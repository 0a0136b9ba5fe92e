/**
 * @mini-redis/server: a Redis-compatible server on @mini-redis/channels and
 * @mini-redis/resp, for development, tests and embedding.
 *
 * @module
 */

export { ServerError } from './errors.js';
export { createServer, type MaxmemoryPolicy, Server, type ServerOptions } from './server.js';
