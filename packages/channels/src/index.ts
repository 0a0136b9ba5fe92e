/**
 * @mini-redis/channels: Tokio's channel set for TypeScript.
 *
 * `mpsc`, `oneshot`, `broadcast`, `watch` and `mpmc` channels, the
 * `Semaphore` and `Notify` primitives they are built from, and a
 * cancel-safe `select`. Zero dependencies.
 *
 * @module
 */

export * as broadcast from './broadcast.js';
export { AcquireError, LaggedError, RecvError, SendError } from './errors.js';
export * as mpmc from './mpmc.js';
export * as mpsc from './mpsc.js';
export { Notify } from './notify.js';
export * as oneshot from './oneshot.js';
export { type SelectResult, type SelectSource, type SelectValue, select } from './select.js';
export { Semaphore, SemaphorePermit } from './semaphore.js';
export * as watch from './watch.js';
