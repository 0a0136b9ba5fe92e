/**
 * `npm start` until the server lands: the tutorial's program. Two tasks,
 * one SET and one GET, through the manager task.
 *
 * @module
 */

import { mpsc } from '@mini-redis/channels';
import { type Command, get, runManager, set } from './manager.js';

const [tx, rx] = mpsc.channel<Command>(32);
const manager = runManager(rx);

const tx2 = tx.clone();
const t1 = (async () => {
  await set(tx, 'foo', 'bar');
  console.log('SET foo bar -> OK');
  tx.close();
})();
const t2 = (async () => {
  // Runs concurrently with t1: the value may or may not be there yet.
  const value = await get(tx2, 'foo');
  console.log(`GET foo -> ${value === null ? '(nil)' : JSON.stringify(value)}`);
  tx2.close();
})();

await Promise.all([t1, t2]);
const store = await manager;
console.log(`manager stopped after every sender closed; it held ${store.size} key`);
