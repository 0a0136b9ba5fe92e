/**
 * The state a oneshot sender and receiver share, kept in one object so a
 * oneshot costs three allocations (this and two handles) plus the promise
 * the caller awaits. Only the oneshot module touches it.
 *
 * @module
 */

import { RecvError } from '../errors.js';
import type { Watchers } from './select-protocol.js';

export const State = {
  Empty: 0,
  Sent: 1,
  // The value was taken by the receiver.
  Taken: 2,
  // The sender closed without sending.
  SenderClosed: 3,
} as const;
export type State = (typeof State)[keyof typeof State];

export class OneshotState<T> {
  state: State = State.Empty;
  value: T | undefined = undefined;
  receiverClosed = false;
  // The pending recv, if any. Only one at a time is meaningful for a oneshot;
  // a second concurrent recv replaces nothing and waits on the same outcome.
  // Both lists are made on first use: most oneshots (a client's replies)
  // never need the second, and a oneshot is made per request (measured).
  waiters: {
    resolve: (value: T) => void;
    reject: (reason: unknown) => void;
    detach: () => void;
  }[] = [];
  closedWaiters: (() => void)[] | null = null;
  // Made when a select first watches this oneshot.
  watchers: Watchers | null = null;

  settle(): void {
    const waiters = this.waiters;
    if (waiters.length === 0) {
      this.watchers?.wakeAll();
      return;
    }
    this.waiters = [];
    const first = waiters[0]!;
    first.detach();
    if (this.state === State.Sent) {
      const value = this.value as T;
      this.state = State.Taken;
      this.value = undefined;
      first.resolve(value);
    } else {
      first.reject(new RecvError());
    }
    // Any other concurrent recv sees what a later recv would see.
    for (let i = 1; i < waiters.length; i++) {
      waiters[i]!.detach();
      waiters[i]!.reject(
        new RecvError('Expected a value, got a oneshot whose value was already received'),
      );
    }
    this.watchers?.wakeAll();
  }
}
