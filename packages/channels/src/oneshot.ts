/**
 * Oneshot channels: a single value from one task to another. In the Tokio
 * tutorial each command carries one, so the manager can send the reply back
 * to the exact caller that asked.
 *
 * `sender.send(value)` is synchronous and never throws: it returns false
 * when the receiver is gone (a caller that gave up). The receiver is
 * awaitable (`await rx`) and rejects with `RecvError` when the sender is
 * closed without sending. `sender.closed()` lets a worker stop working for a
 * caller who left.
 *
 * Cancel safety: `recv({ signal })` aborted before the value arrives leaves
 * the value, if it comes later, for `tryRecv` or another `recv`.
 *
 * @module
 */

import { RecvError } from './errors.js';
import { OneshotState, State } from './internal/oneshot-state.js';
import {
  PENDING,
  type Pending,
  SELECT_HANDLE,
  type Selectable,
  type SelectHandle,
  Watchers,
} from './internal/select-protocol.js';
import { listenForAbort, noop, RESOLVED } from './internal/shared.js';

/** The outcome of `tryRecv`: the value, not yet, or never. */
export type OneshotTryRecvResult<T> =
  | { readonly status: 'received'; readonly value: T }
  | { readonly status: 'empty' }
  | { readonly status: 'closed' };

const EMPTY: OneshotTryRecvResult<never> = Object.freeze({ status: 'empty' });
const CLOSED: OneshotTryRecvResult<never> = Object.freeze({ status: 'closed' });

/** The sending half of a oneshot channel. */
export class OneshotSender<T> {
  readonly #shared: OneshotState<T>;

  /** @internal Created by `channel()`. */
  constructor(shared: OneshotState<T>) {
    this.#shared = shared;
  }

  /**
   * Sends the value. Returns false, and keeps nothing, when the receiver is
   * gone or a value (or close) was already sent. Never throws.
   */
  send(value: T): boolean {
    const shared = this.#shared;
    if (shared.state !== State.Empty || shared.receiverClosed) return false;
    shared.state = State.Sent;
    shared.value = value;
    shared.settle();
    return true;
  }

  /** True when the receiver is gone, so sending is pointless. */
  isClosed(): boolean {
    return this.#shared.receiverClosed;
  }

  /** Resolves when the receiver is closed (the caller gave up). */
  closed(): Promise<void> {
    const shared = this.#shared;
    if (shared.receiverClosed) return RESOLVED;
    return new Promise<void>((resolve) => {
      shared.closedWaiters ??= [];
      shared.closedWaiters.push(resolve);
    });
  }

  /**
   * Closes without sending: the receiver rejects with `RecvError`. No effect
   * after a value was sent. Idempotent.
   */
  close(): void {
    const shared = this.#shared;
    if (shared.state !== State.Empty) return;
    shared.state = State.SenderClosed;
    shared.settle();
  }

  /** Same as `close()`. */
  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * The receiving half of a oneshot channel. Await it directly (`await rx`),
 * or use `recv({ signal })` to wait with cancellation.
 */
export class OneshotReceiver<T> implements PromiseLike<T>, Selectable<T> {
  readonly #shared: OneshotState<T>;
  #promise: Promise<T> | null = null;

  /** @internal Created by `channel()`. */
  constructor(shared: OneshotState<T>) {
    this.#shared = shared;
  }

  /**
   * Waits for the value. Rejects with `RecvError` when the sender was
   * closed without sending, or the value was already received.
   *
   * Cancel safety: aborting `signal` first removes this wait and takes
   * nothing; a value that arrives later stays for the next `recv`/`tryRecv`.
   */
  recv(options?: { signal?: AbortSignal }): Promise<T> {
    const shared = this.#shared;
    switch (shared.state) {
      case State.Sent: {
        const value = shared.value as T;
        shared.state = State.Taken;
        shared.value = undefined;
        return Promise.resolve(value);
      }
      case State.Taken:
        return Promise.reject(
          new RecvError('Expected a value, got a oneshot whose value was already received'),
        );
      case State.SenderClosed:
        return Promise.reject(new RecvError());
      case State.Empty:
        break;
    }
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const waiter = { resolve, reject, detach: noop };
      shared.waiters.push(waiter);
      if (signal !== undefined) {
        waiter.detach = listenForAbort(signal, () => {
          const index = shared.waiters.indexOf(waiter);
          if (index !== -1) shared.waiters.splice(index, 1);
          reject(signal.reason);
        });
      }
    });
  }

  /**
   * Makes the receiver awaitable. The first `then` starts one `recv()` and
   * every later `then` shares its outcome, as with a promise.
   */
  // biome-ignore lint/suspicious/noThenProperty: awaiting the receiver is the point of it.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    if (this.#promise === null) this.#promise = this.recv();
    return this.#promise.then(onFulfilled, onRejected);
  }

  /** Takes the value if it is there; never waits. */
  tryRecv(): OneshotTryRecvResult<T> {
    const shared = this.#shared;
    if (shared.state === State.Sent) {
      const value = shared.value as T;
      shared.state = State.Taken;
      shared.value = undefined;
      return { status: 'received', value };
    }
    return shared.state === State.Empty ? EMPTY : CLOSED;
  }

  /**
   * Tells the sender nobody will read: its `send` returns false from now
   * on and its `closed()` resolves. A value sent before this can still be
   * taken with `tryRecv`. Idempotent.
   */
  close(): void {
    const shared = this.#shared;
    if (shared.receiverClosed) return;
    shared.receiverClosed = true;
    const closedWaiters = shared.closedWaiters;
    shared.closedWaiters = null;
    if (closedWaiters !== null) for (const resolve of closedWaiters) resolve();
  }

  /** Closes the receiver and drops a value that was sent but not taken. */
  [Symbol.dispose](): void {
    this.close();
    this.#shared.value = undefined;
  }

  /** @internal The select protocol: a branch that resolves like `recv()`. */
  [SELECT_HANDLE](): SelectHandle<T> {
    const shared = this.#shared;
    let watching: (() => void) | null = null;
    return {
      poll: (): T | Pending => {
        if (shared.state === State.Empty) return PENDING;
        const result = this.tryRecv();
        if (result.status === 'received') return result.value;
        throw new RecvError();
      },
      watch: (wake) => {
        watching = wake;
        shared.watchers ??= new Watchers();
        shared.watchers.add(wake);
      },
      unwatch: () => {
        if (watching !== null) shared.watchers?.delete(watching);
      },
    };
  }
}

/** Creates a oneshot channel. */
export function channel<T>(): [OneshotSender<T>, OneshotReceiver<T>] {
  const shared = new OneshotState<T>();
  return [new OneshotSender(shared), new OneshotReceiver(shared)];
}
