/**
 * `npm run hello [-- host:port]`: runs the tutorial's program against the
 * given Redis, or against an embedded @mini-redis/server when none is given.
 *
 * @module
 */

import { createServer } from '@mini-redis/server';
import { tutorial, withClient } from './hello.js';

let address = process.argv[2];
const embedded = address === undefined ? createServer({ port: 0 }) : undefined;
if (embedded !== undefined) {
  const { port } = await embedded.listen();
  address = `127.0.0.1:${port}`;
  console.log(`(no address given: started an embedded mini-redis-server on ${address})`);
}
try {
  console.log('-- the tutorial: a manager task, mpsc and oneshot');
  await tutorial(address!);
  console.log('-- the same with createClient');
  await withClient(address!);
} catch (error) {
  console.error(`hello-redis: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await embedded?.close();
}
