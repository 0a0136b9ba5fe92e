/**
 * One request from a handle to the manager: the command (or a group of
 * commands that must go out back to back, for pipelines and MULTI), and
 * the oneshot responder its reply goes back on.
 *
 * A request settles exactly once: by its reply, or by a failure (abort,
 * timeout, lost connection). Whoever comes second is ignored, which is how
 * a reply for a caller who gave up is read and dropped, keeping the
 * pipeline in order.
 *
 * @module
 */

import type { oneshot } from '@mini-redis/channels';
import type { CommandArg, Reply } from '@mini-redis/resp';
import type { StateChange } from './connection-state.js';
import type { CacheableRead } from './reply-cache.js';

/** A failure, sent through the responder instead of a reply. */
export class Failure {
  constructor(readonly error: Error) {}
}

export type Outcome = Reply | Reply[] | Failure;

export class Request {
  /** Settled (replied to, failed, aborted or timed out). The manager skips a done request it has not written. */
  done = false;
  /** For the deadline heap: milliseconds since the epoch, 0 for none. */
  deadline = 0;
  /** Replies collected so far, for a group (null for a single command: one allocation fewer per request). */
  replies: Reply[] | null = null;
  /** For SELECT, AUTH and CLIENT SETNAME: what the manager records when the reply is not an error. */
  change: StateChange | null = null;
  /** A read the client-side cache keeps: the manager stores its reply (reply-cache.ts). */
  cacheRead: CacheableRead | null = null;
  /** With a client-side cache, a command that may write, not yet left the manager (reply-cache.ts). */
  cacheWrite = false;
  /** Called when the request fails without its reply: set by a closing manager, which waits only for replies someone awaits. */
  onFail: (() => void) | null = null;

  constructor(
    /** The command; or, for a group, null and `group` holds the commands. */
    readonly args: readonly CommandArg[] | null,
    readonly group: readonly (readonly CommandArg[])[] | null,
    /** Whether bulk strings of the reply come back as Buffers. */
    readonly buffers: boolean,
    readonly responder: oneshot.OneshotSender<Outcome>,
  ) {}

  /** Replies expected. */
  get expected(): number {
    return this.group === null ? 1 : this.group.length;
  }

  resolve(outcome: Reply | Reply[]): void {
    if (this.done) return;
    this.done = true;
    this.responder.send(outcome);
  }

  fail(error: Error): void {
    if (this.done) return;
    this.done = true;
    this.responder.send(new Failure(error));
    this.onFail?.();
  }
}
